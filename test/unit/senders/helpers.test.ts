import { Webhook } from 'standardwebhooks';
import { classifyHttpStatus, excerpt, parseRetryAfter } from '../../../src/senders/http-result';
import { mandrillResult } from '../../../src/senders/mandrill-result';
import { scrub, scrubbedExcerpt, scrubResult } from '../../../src/senders/scrub';
import { customUrlSchema } from '../../../src/senders/kinds/custom-url/custom-url.schema';
import { ocHash, standardWebhookHeaders, verifyOcHash } from '../../../src/senders/signing';

const KEY = 'md-SECRET-abcdef123456';

describe('scrub', () => {
  it('when text carries a "key" JSON field or the secret itself, then neither survives', () => {
    const text = `{"key":"${KEY}","message":{"to":[]}} failed for ${KEY} (key=${KEY})`;
    const out = scrub(text, KEY);
    expect(out).not.toContain(KEY);
    expect(out).toContain('"key":"[redacted]"');
  });

  it('when the secret appears JSON-escaped or URL-encoded, then it is removed too', () => {
    const secret = 'a"b/c+d=e f';
    expect(scrub(`${JSON.stringify(secret)} ${encodeURIComponent(secret)}`, secret)).not.toMatch(/a\\"b|a%22b/);
  });

  it('when secrets of 1 to 3 characters are echoed, then each is removed where it stands alone and the rest is kept', () => {
    const echo = JSON.stringify({ headers: { 'x-a': 'Q', 'x-b': 'Zx', 'x-c': 'Wq7' }, note: 'QUEUE Zxy aWq7 ok' });
    const out = scrub(`${echo} Bearer Wq7\nQ`, 'Q', 'Zx', 'Wq7');
    expect(JSON.parse(out.slice(0, out.indexOf(' Bearer')))).toEqual({ headers: { 'x-a': '[redacted]', 'x-b': '[redacted]', 'x-c': '[redacted]' }, note: 'QUEUE Zxy aWq7 ok' });
    expect(out.endsWith('Bearer [redacted]\n[redacted]')).toBe(true);
  });

  it('when one secret contains another, then the longer one goes whole', () => {
    expect(scrub('token abcd-efgh-ijkl and efgh', 'efgh', 'abcd-efgh-ijkl')).toBe('token [redacted] and [redacted]');
  });

  it('when a URL is echoed with escaped slashes or form-encoded, then it is removed too', () => {
    const url = 'https://shop.example/reset?t=a b';
    expect(scrub(`${url.replaceAll('/', '\\/')} ${encodeURIComponent(url).replaceAll('%20', '+')}`, url)).toBe('[redacted] [redacted]');
  });

  it('when an answer is cut to 1 KiB through a secret, then no start of it is left', () => {
    const secret = 'reset-token-SECRET-0123456789';
    const text = `${'x'.repeat(1010)}${secret}${'y'.repeat(100)}`;
    const cut = scrubbedExcerpt(text.slice(0, 1030), [secret]);
    expect(cut).toBe('x'.repeat(1010));
    // a response the gateway already cut, scrubbed again with more secrets
    const result = scrubResult({ outcome: 'success', statusCode: 200, response: text.slice(0, 1024) }, [secret]);
    expect(result.response).toBe('x'.repeat(1010));
    expect(scrubResult({ outcome: 'transient', statusCode: 500, error: `echo ${secret}`, response: 'ok' }, [secret])).toEqual({
      outcome: 'transient', statusCode: 500, error: 'echo [redacted]', response: 'ok',
    });
  });
});

describe('mandrillResult', () => {
  it('when the client throws an axios-like error carrying the key in its config, then the result leaks nothing', () => {
    const err = Object.assign(new Error(`Request failed for ${KEY}`), {
      isAxiosError: true,
      code: 'ERR_BAD_RESPONSE',
      config: { data: JSON.stringify({ key: KEY }) },
      response: { status: 500, data: { status: 'error', name: 'PaymentRequired', message: `account of ${KEY} unpaid` } },
    });
    const result = mandrillResult(err, 'a@x.com', KEY, 1000);
    expect(result).toMatchObject({ outcome: 'permanent', statusCode: 500 });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('when Mandrill answers an unexpected recipient status that echoes the key, then the key is in no returned text', () => {
    const result = mandrillResult([{ email: 'a@x.com', status: `weird ${KEY}` }], 'a@x.com', KEY, 1000);
    expect(result).toMatchObject({ outcome: 'transient', error: "Mandrill answered recipient status 'weird [redacted]'" });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('when the to address got status queued while the cc was rejected, then the message is sent', () => {
    const answer = [
      { email: 'cc@x.com', status: 'rejected', reject_reason: 'unsub' },
      { email: 'A@x.com', status: 'queued', reject_reason: null },
    ];
    expect(mandrillResult(answer, 'a@x.com', KEY, 1000).outcome).toBe('success');
  });

  it('when Mandrill names an unknown error, then the attempt is transient', () => {
    expect(mandrillResult({ status: 'error', name: 'Unknown_Thing', message: 'x' }, 'a@x.com', KEY, 1000).outcome).toBe('transient');
  });
});

describe('http-result', () => {
  it('when a text is longer than 1 KiB, then the excerpt stops on a character boundary', () => {
    const cut = excerpt(`a${'€'.repeat(600)}`);
    expect(Buffer.byteLength(cut ?? '')).toBeLessThanOrEqual(1024);
    expect(cut).toBe(`a${'€'.repeat(341)}`);
  });

  it('when Retry-After is missing or garbage, then there is no retry hint', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(new Date(0).toUTCString(), 1000)).toBe(0);
  });

  it.each([
    [204, 'success'], [301, 'transient'], [400, 'permanent'], [410, 'permanent'],
    [408, 'transient'], [409, 'transient'], [425, 'transient'], [429, 'transient'], [502, 'transient'],
  ])('when a receiver answers %i, then it counts as %s', (status, outcome) => {
    expect(classifyHttpStatus(status)).toBe(outcome);
  });
});

describe('signing', () => {
  const sharedKey = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

  it('when headers are made, then the reference library verifies them and the timestamp is unix seconds', () => {
    const at = new Date();
    const headers = standardWebhookHeaders('msg_9', at, '{"a":1}', sharedKey);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(sharedKey).verify('{"a":1}', { ...headers })).toEqual({ a: 1 });
  });

  it.each([
    ['an empty body', ''],
    ['multi-byte characters', '{"name":"Zoë 😀 ü"}'],
    ['a 64 KiB body', JSON.stringify({ pad: 'x'.repeat(64 * 1024) })],
  ])('when %s is signed with node:crypto, then the signature is byte-for-byte the reference library\'s', (_case, body) => {
    for (const key of [sharedKey, `whsec_${Buffer.alloc(24, 200).toString('base64')}`, `whsec_${Buffer.alloc(64, 3).toString('base64')}`]) {
      const at = new Date(1764667743999);
      expect(standardWebhookHeaders('msg_ab', at, body, key)['webhook-signature']).toBe(new Webhook(key).sign('msg_ab', at, body));
    }
  });

  it('when a key has any length or padding the sender schema accepts, then node:crypto and the reference library sign alike', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let checked = 0;
    for (let length = 32; length < 48; length++) {
      for (const padding of ['', '=', '==']) {
        const key = `whsec_${Array.from({ length }, (_, i) => alphabet[(i * 7 + length) % 64]).join('')}${padding}`;
        if (!customUrlSchema.shape.sharedKey.safeParse(key).success) continue;
        checked++;
        expect(standardWebhookHeaders('msg_1', new Date(0), '{}', key)['webhook-signature']).toBe(new Webhook(key).sign('msg_1', new Date(0), '{}'));
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('when a body is hashed OrderCloud-style, then verification accepts it and rejects a changed body', () => {
    const hash = ocHash('{"a":1}', sharedKey);
    expect(verifyOcHash('{"a":1}', sharedKey, hash)).toBe(true);
    expect(verifyOcHash('{"a":2}', sharedKey, hash)).toBe(false);
  });
});
