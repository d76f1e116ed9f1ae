import { EXCERPT_BYTES, excerpt } from './http-result';
import type { DeliveryResult } from './sender.port';

/** What replaces a secret in scrubbed text. */
export const SCRUBBED = '[redacted]';

// `"key": "…"` as the Mailchimp client puts the API key into every request body.
const KEY_FIELD = /("key"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
// `key=…` in form or query encodings.
const KEY_PARAM = /\bkey=[^&\s"']*/g;
/**
 * Secrets shorter than this are removed only where they stand alone (no letter or digit
 * touching them): a 1-character header value removed everywhere would destroy the text,
 * while `"x-key":"Q"` or `Q` between spaces is the secret itself.
 */
const STANDALONE_BELOW = 4;
const ALNUM = /[A-Za-z0-9]/;

/** How a secret can come back in an echo: as is, JSON-escaped (also with `\/`), URL- and form-encoded. */
function spellingsOf(secret: string): readonly string[] {
  let known = knownSpellings.get(secret);
  if (known === undefined) {
    const json = JSON.stringify(secret).slice(1, -1);
    const url = encodeURIComponent(secret);
    known = [secret, json, json.replaceAll('/', '\\/'), url, url.replaceAll('%20', '+')];
    // every delivery scrubs with its sender's few secrets: spelled once, not twice per delivery
    if (knownSpellings.size >= MAX_KNOWN_SPELLINGS) knownSpellings.clear();
    knownSpellings.set(secret, known);
  }
  return known;
}

const knownSpellings = new Map<string, readonly string[]>();
const MAX_KNOWN_SPELLINGS = 1000;

/** Every spelling of every secret, longest first, so a secret containing another goes whole. */
function spellings(secrets: readonly (string | undefined)[]): string[] {
  const all = new Set<string>();
  for (const secret of secrets) if (secret) for (const spelling of spellingsOf(secret)) all.add(spelling);
  return [...all].sort((a, b) => b.length - a.length);
}

/**
 * The spellings (see `spellings`) that occur in `text`, longest first. Most texts (a
 * receiver's `{"ok":true}`) hold none: then nothing is collected or sorted.
 */
function spellingsIn(text: string, secrets: readonly (string | undefined)[]): string[] {
  let found: Set<string> | null = null;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const spelling of spellingsOf(secret)) if (text.includes(spelling)) (found ??= new Set()).add(spelling);
  }
  return found === null ? [] : [...found].sort((a, b) => b.length - a.length);
}

/** Replaces `needle` where it is not part of a longer word (a letter or digit on either side). */
function replaceStandalone(text: string, needle: string): string {
  const guardStart = ALNUM.test(needle[0] ?? '');
  const guardEnd = ALNUM.test(needle[needle.length - 1] ?? '');
  let out = '';
  let from = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    const alone = (!guardStart || !ALNUM.test(text[at - 1] ?? '')) && (!guardEnd || !ALNUM.test(text[at + needle.length] ?? ''));
    if (!alone) continue;
    out += text.slice(from, at) + SCRUBBED;
    from = at + needle.length;
  }
  return out + text.slice(from);
}

/**
 * Removes secrets from text before it is logged, stored or returned (SPEC §8): every
 * `"key":"…"` JSON field, `key=…` parameter, and each given secret in each spelling, whatever
 * its length (the shortest where they stand alone).
 */
export function scrub(text: string, ...secrets: (string | undefined)[]): string {
  let out = text.replace(KEY_FIELD, `$1"${SCRUBBED}"`).replace(KEY_PARAM, `key=${SCRUBBED}`);
  for (const spelling of spellingsIn(out, secrets)) {
    // plain string search: no pattern to build and compile per secret per delivery
    if (!out.includes(spelling)) continue;
    out = spelling.length < STANDALONE_BELOW ? replaceStandalone(out, spelling) : out.replaceAll(spelling, SCRUBBED);
  }
  return out;
}

/**
 * Scrubs the given secrets from an error's message and stack, in place (it may become an
 * attempt's error and a log line); class and fields stay as they are.
 */
export function scrubError<E>(err: E, secrets: readonly (string | undefined)[]): E {
  if (!(err instanceof Error)) return err;
  const message = scrub(err.message, ...secrets);
  if (message === err.message) return err;
  err.message = message;
  if (err.stack) err.stack = scrub(err.stack, ...secrets);
  return err;
}

/** Drops a tail that is the start of a secret: what is left of one the cut went through. */
function withoutPartialSecret(text: string, secrets: readonly (string | undefined)[]): string {
  let longest = 0;
  for (const spelling of spellings(secrets)) {
    for (let k = Math.min(spelling.length - 1, text.length); k > longest; k -= 1) {
      if (text.endsWith(spelling.slice(0, k))) {
        longest = k;
        break;
      }
    }
  }
  return text.slice(0, text.length - longest);
}

/**
 * A response excerpt (≤ 1 KiB) free of secrets. Scrubbed before it is cut, and a tail that
 * begins a secret is dropped: a cut through a secret must not leave its first characters.
 */
export function scrubbedExcerpt(text: string | null, secrets: readonly (string | undefined)[]): string | null {
  if (text === null) return null;
  const clean = scrub(text, ...secrets);
  const cut = excerpt(clean);
  return cut === null || cut.length === clean.length ? cut : withoutPartialSecret(cut, secrets);
}

/**
 * A delivery result with every given secret scrubbed from its error and response. The
 * response may be an excerpt already cut by the gateway: when it is as long as an excerpt
 * gets, a tail that begins a secret is dropped too.
 */
export function scrubResult(result: DeliveryResult, secrets: readonly (string | undefined)[]): DeliveryResult {
  let response = result.response;
  if (response !== null) {
    const maybeCut = Buffer.byteLength(response, 'utf8') > EXCERPT_BYTES - 4;
    response = scrub(response, ...secrets);
    if (maybeCut) response = withoutPartialSecret(response, secrets);
    response = excerpt(response);
  }
  if (result.outcome === 'success') return { ...result, response };
  return { ...result, error: scrub(result.error, ...secrets), response };
}

/** A configured header value, and for `<scheme> <token>` values (Bearer …) the token alone. */
export function headerSecrets(value: string): string[] {
  const token = /^\S+\s+(\S.*)$/.exec(value)?.[1];
  return token === undefined ? [value] : [value, token];
}
