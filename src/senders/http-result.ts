/** Largest response excerpt kept with an attempt (SPEC §4: ≤ 1 KiB). */
export const EXCERPT_BYTES = 1024;

/**
 * The first `maxBytes` bytes of a text, cut on a UTF-8 character boundary so the excerpt
 * never ends in half a character. Null for empty input.
 */
export function excerpt(text: string | Buffer | null | undefined, maxBytes = EXCERPT_BYTES): string | null {
  if (text === null || text === undefined) return null;
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  if (buf.length === 0) return null;
  if (buf.length <= maxBytes) return buf.toString('utf8');
  let cut = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character being cut.
  while (cut > 0 && ((buf[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return buf.subarray(0, cut).toString('utf8');
}

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds or an HTTP-date. Undefined
 * when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * SPEC §3.6 for HTTP receivers: 4xx is permanent, except 408 Request Timeout, 409 Conflict,
 * 425 Too Early and 429 Too Many Requests, which say "try again later"; all else transient.
 */
export function classifyHttpStatus(status: number): 'success' | 'transient' | 'permanent' {
  if (status >= 200 && status < 300) return 'success';
  if (status >= 400 && status < 500 && ![408, 409, 425, 429].includes(status)) return 'permanent';
  return 'transient';
}
