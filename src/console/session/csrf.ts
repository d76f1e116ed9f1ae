import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens bound to what the browser already holds: the session id once signed in, else
 * its browser cookie. A token is an HMAC, so nothing is stored and every API process (sharing
 * SECRETS_KEY) checks any other's; a cross-site form has neither the cookie (SameSite=Strict)
 * nor the token.
 */
export class Csrf {
  private readonly key: Buffer;

  /** `secret`: the deployment's SECRETS_KEY; the CSRF key is derived from it, never the same bytes. */
  constructor(secret: Buffer) {
    this.key = createHmac('sha256', secret).update('herald console csrf v1').digest();
  }

  token(binding: string): string {
    return createHmac('sha256', this.key).update(binding).digest('base64url');
  }

  matches(binding: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length === 0) return false;
    const expected = Buffer.from(this.token(binding));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
