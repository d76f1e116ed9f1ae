/** What replaces a secret in scrubbed text. */
export const SCRUBBED = '[redacted]';

// `"key": "…"` as the Mailchimp client puts the API key into every request body.
const KEY_FIELD = /("key"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
// `key=…` in form or query encodings.
const KEY_PARAM = /\bkey=[^&\s"']*/g;

/**
 * Removes secrets from text before it is logged, stored or returned: every `"key":"…"` JSON
 * field, `key=…` parameter, and each given secret wherever it appears (also JSON-escaped
 * and URL-encoded). Secrets shorter than 4 characters are ignored: removing them would
 * mangle ordinary text without protecting anything.
 */
export function scrub(text: string, ...secrets: (string | undefined)[]): string {
  let out = text.replace(KEY_FIELD, `$1"${SCRUBBED}"`).replace(KEY_PARAM, `key=${SCRUBBED}`);
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    const spellings = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
    // plain string replacement: no pattern to build and compile per secret per delivery
    for (const spelling of spellings) if (out.includes(spelling)) out = out.replaceAll(spelling, SCRUBBED);
  }
  return out;
}

/**
 * Scrubs the given secrets from an error's message and stack, in place (it may become an
 * attempt's error and a log line); class and fields stay as they are.
 */
export function scrubError<E>(err: E, secrets: string[]): E {
  if (!(err instanceof Error)) return err;
  const message = scrub(err.message, ...secrets);
  if (message === err.message) return err;
  err.message = message;
  if (err.stack) err.stack = scrub(err.stack, ...secrets);
  return err;
}
