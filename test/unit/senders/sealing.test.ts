import { randomBytes } from 'node:crypto';
import { generateSharedKey, maskSecret, safeEqual, SecretBox } from '../../../src/shared/crypto';
import { maskConfig, openConfig, sealConfig, secretsOf } from '../../../src/senders/sealing';
import { builtinSenderKinds, senderConfigInputSchema } from '../../../src/senders/kinds/registry';

describe('secrets at rest', () => {
  const box = new SecretBox(randomBytes(32));
  const config = senderConfigInputSchema.parse({
    kind: 'custom-url',
    url: 'https://hooks.example/x',
    sharedKey: generateSharedKey(),
    headers: { 'X-Api-Key': 'header-secret-1234' },
    basicAuth: { username: 'shop', password: 'basic-secret-5678' },
  });

  test('when a configuration is sealed, then no secret is readable in what is stored', () => {
    const stored = JSON.stringify(sealConfig(box, config));
    expect(stored).not.toContain('header-secret-1234');
    expect(stored).not.toContain('basic-secret-5678');
    expect(config.kind === 'custom-url' && stored.includes(config.sharedKey ?? '?')).toBe(false);
    expect(stored).toContain('"username":"shop"');
  });

  test('when it is opened again, then it is the original configuration', () => {
    expect(openConfig(box, sealConfig(box, config))).toEqual(config);
  });

  test('when it is masked for reading, then each secret shows only its last 4 characters; the basic-auth password nothing', () => {
    const masked = maskConfig(box, sealConfig(box, config));
    expect(masked).toMatchObject({ headers: { 'X-Api-Key': '••••1234' }, basicAuth: { username: 'shop', password: '••••' } });
  });

  test('when a secret is 15 characters or fewer, then its mask shows none of it; longer ones at most 4 and a quarter', () => {
    expect(['', 'a', 'abc', 'abcd', 'abcdefgh', 'a'.repeat(15)].map(maskSecret)).toEqual(Array(6).fill('••••'));
    expect(maskSecret('0123456789abcdef')).toBe('••••cdef');
    expect(maskSecret(`${'x'.repeat(100)}WXYZ`)).toBe('••••WXYZ');
  });

  test('when the secrets of a configuration are listed for scrubbing, then their travelling forms are too', () => {
    const open = openConfig(box, sealConfig(box, config));
    const bearer = senderConfigInputSchema.parse({ kind: 'custom-url', url: 'https://hooks.example/x', headers: { Authorization: 'Bearer tok-abcd-9876' } });
    expect(secretsOf(open, builtinSenderKinds.of(open))).toEqual(expect.arrayContaining(['header-secret-1234', 'basic-secret-5678', Buffer.from('shop:basic-secret-5678').toString('base64')]));
    expect(secretsOf(bearer, builtinSenderKinds.of(bearer))).toEqual(['Bearer tok-abcd-9876', 'tok-abcd-9876']);
  });

  test('when a bearer Authorization header is configured, then it is sealed at rest and masked on reads like any header', () => {
    const bearer = senderConfigInputSchema.parse({ kind: 'custom-url', url: 'https://hooks.example/x', headers: { Authorization: 'Bearer tok-abcd-9876' } });
    const sealed = sealConfig(box, bearer);
    expect(JSON.stringify(sealed)).not.toContain('tok-abcd-9876');
    expect(maskConfig(box, sealed)).toMatchObject({ headers: { Authorization: '••••9876' } });
    expect(openConfig(box, sealed)).toEqual(bearer);
  });

  test('when the same stored configuration is opened for many deliveries, then it is decrypted once; another key still fails', () => {
    const sealed = sealConfig(box, config);
    const open = jest.spyOn(box, 'open');
    const first = openConfig(box, sealed);
    const calls = open.mock.calls.length;
    expect(calls).toBe(3); // shared key, one header, the basic-auth password
    expect(openConfig(box, sealed)).toBe(first);
    expect(open).toHaveBeenCalledTimes(calls);
    open.mockRestore();
    expect(() => openConfig(new SecretBox(randomBytes(32)), sealed)).toThrow(/SECRETS_KEY/);
  });

  test('when a sealed value was made with another key, then opening fails and masking hides it', () => {
    const other = new SecretBox(randomBytes(32));
    const sealed = sealConfig(other, config);
    expect(() => openConfig(box, sealed)).toThrow();
    expect(maskConfig(box, sealed)).toMatchObject({ headers: { 'X-Api-Key': '••••' }, basicAuth: { password: '••••' } });
  });

  test('when the same secret is sealed twice, then the ciphertexts differ (random IV)', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  test('when keys are compared, then equal strings match and others do not', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(maskSecret('md-1234567890')).toBe('••••');
  });

  test('when a shared key is generated, then it is whsec_ + base64 of 32 random bytes', () => {
    const key = generateSharedKey();
    expect(key).toMatch(/^whsec_/);
    expect(Buffer.from(key.slice(6), 'base64')).toHaveLength(32);
  });
});
