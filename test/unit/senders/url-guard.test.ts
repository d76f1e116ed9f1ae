import { assertDeliverableUrl, expandUrl, isPublicAddress, parseHostAsIp } from '../../../src/senders/url-guard';
import { AppError } from '../../../src/shared/errors';

describe('isPublicAddress', () => {
  const denied: [string, string][] = [
    ['IPv4 loopback', '127.0.0.1'],
    ['IPv4 loopback, far end', '127.255.255.254'],
    ['RFC 1918 10/8', '10.1.2.3'],
    ['RFC 1918 172.16/12', '172.31.255.1'],
    ['RFC 1918 192.168/16', '192.168.1.1'],
    ['link-local', '169.254.1.1'],
    ['cloud metadata', '169.254.169.254'],
    ['CGNAT 100.64/10', '100.64.0.1'],
    ['CGNAT, upper end', '100.127.255.254'],
    ['this network 0/8', '0.0.0.0'],
    ['this network 0/8, non-zero', '0.1.2.3'],
    ['multicast', '224.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['reserved 240/4', '240.0.0.1'],
    ['benchmarking 198.18/15', '198.19.0.1'],
    ['documentation TEST-NET-1', '192.0.2.10'],
    ['documentation TEST-NET-2', '198.51.100.10'],
    ['documentation TEST-NET-3', '203.0.113.10'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 ULA', 'fd12:3456::1'],
    ['IPv6 ULA fc00', 'fc00::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 link-local with zone', 'fe80::1%eth0'],
    ['IPv6 site-local', 'fec0::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv6 documentation', '2001:db8::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-translated private', '::ffff:0:10.0.0.1'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['NAT64 of loopback', '64:ff9b::127.0.0.1'],
    ['NAT64 of private', '64:ff9b::a00:1'],
    ['NAT64 local-use', '64:ff9b:1::8.8.8.8'],
    ['6to4 of loopback', '2002:7f00:1::1'],
    ['6to4 of private', '2002:c0a8:101::1'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['bracketed IPv6 loopback', '[::1]'],
    ['not an address', 'example.com'],
  ];
  const allowed: [string, string][] = [
    ['public IPv4', '8.8.8.8'],
    ['public IPv4 next to CGNAT', '100.128.0.1'],
    ['public IPv4 next to 172.16/12', '172.32.0.1'],
    ['public IPv6', '2606:4700:4700::1111'],
    ['IPv4-mapped public', '::ffff:8.8.8.8'],
    ['NAT64 of public', '64:ff9b::8.8.8.8'],
    ['6to4 of public', '2002:808:808::1'],
  ];

  it.each(denied)('when the address is %s (%s), then it is not public', (_label, ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });
  it.each(allowed)('when the address is %s (%s), then it is public', (_label, ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('parseHostAsIp', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['::1', '::1'],
    ['8.8.8.8', '8.8.8.8'],
  ])('when the host is spelled %s, then it is read as %s', (host, ip) => {
    expect(parseHostAsIp(host)).toBe(ip);
  });

  it('when the host is a name, then it is not an IP', () => {
    expect(parseHostAsIp('hooks.example.com')).toBeNull();
  });

  it('when a URL is parsed, then WHATWG parsing has already normalised odd IPv4 spellings', () => {
    expect(new URL('https://0x7f.1:8443/x').hostname).toBe('127.0.0.1');
    expect(new URL('https://2130706433/x').hostname).toBe('127.0.0.1');
  });
});

describe('assertDeliverableUrl', () => {
  const publicDns = async (): Promise<string[]> => ['93.184.215.14'];
  const strict = { allowPrivateNetwork: false, lookup: publicDns };

  async function refusal(url: string, opts = strict): Promise<AppError> {
    const err = await assertDeliverableUrl(url, opts).then(() => null, (e: unknown) => e);
    if (!(err instanceof AppError)) throw new Error(`expected ${url} to be refused`);
    return err;
  }

  it('when the URL is https and resolves to public addresses, then it is accepted', async () => {
    await expect(assertDeliverableUrl('https://hooks.example.com/{eventType}', strict)).resolves.toBeUndefined();
  });

  it('when the URL is plain http, then it is refused unless private networks are allowed', async () => {
    const err = await refusal('http://hooks.example.com/x');
    expect(err.code).toBe('validation_failed');
    expect(err.message).toMatch(/https/);
    await expect(assertDeliverableUrl('http://hooks.example.com/x', { allowPrivateNetwork: true })).resolves.toBeUndefined();
  });

  it.each(['https://127.0.0.1/x', 'https://2130706433/x', 'https://0x7f.1/x', 'https://[::ffff:127.0.0.1]/x', 'https://169.254.169.254/latest'])(
    'when the URL host is the literal %s, then it is refused',
    async (url) => {
      expect((await refusal(url)).message).toMatch(/not a public address/);
    },
  );

  it('when any resolved address is private, then the URL is refused naming it', async () => {
    const err = await refusal('https://mixed.example.com/x', { allowPrivateNetwork: false, lookup: async () => ['93.184.215.14', '10.0.0.7'] });
    expect(err.message).toContain('10.0.0.7');
  });

  it('when the host does not resolve, then the URL is refused', async () => {
    const lookup = async (): Promise<string[]> => {
      throw new Error('ENOTFOUND');
    };
    expect((await refusal('https://nowhere.invalid/x', { allowPrivateNetwork: false, lookup })).message).toMatch(/does not resolve/);
  });

  it('when private networks are allowed, then a loopback URL is accepted', async () => {
    await expect(assertDeliverableUrl('http://127.0.0.1:8080/x', { allowPrivateNetwork: true })).resolves.toBeUndefined();
  });

  it('when the URL carries credentials or another scheme, then it is refused', async () => {
    expect((await refusal('https://u:p@hooks.example.com/x')).message).toMatch(/credentials/);
    expect((await refusal('ftp://hooks.example.com/x')).message).toMatch(/https/);
  });
});

describe('expandUrl', () => {
  it('when the URL has {eventType}, then the event type is put in its place', () => {
    expect(expandUrl('https://x.com/hooks/{eventType}?t={eventType}', 'order.submitted')).toBe(
      'https://x.com/hooks/order.submitted?t=order.submitted',
    );
  });
});
