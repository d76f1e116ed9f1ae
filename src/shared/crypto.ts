import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/**
 * AES-256-GCM box for secrets at rest (Mandrill keys, shared keys, basic-auth passwords,
 * header values). Output: `v1:<iv>:<tag>:<ciphertext>`, each base64url.
 */
export class SecretBox {
  private readonly key: Buffer;
  /** Secrets opened so far, by sealed text (see `open`). */
  private readonly opened = new Map<string, string>();

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SECRETS_KEY must decode to exactly 32 bytes');
    this.key = key;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(':');
  }

  /**
   * Opens a sealed secret. Opened secrets are kept (a bounded few, by sealed text): every
   * delivery of a sender opens its configuration, and a process holding this key may hold
   * what it opens.
   */
  open(sealed: string): string {
    const known = this.opened.get(sealed);
    if (known !== undefined) return known;
    const plain = this.decrypt(sealed);
    if (this.opened.size >= MAX_OPENED) this.opened.clear();
    this.opened.set(sealed, plain);
    return plain;
  }

  private decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

const MAX_OPENED = 1000;

/** Constant-time string comparison (hashing first so unequal lengths leak nothing). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digestOf(a), digestOf(b));
}

/** SHA-256 of a secret, for comparing against with `matchesDigest` (hash a fixed key once). */
export function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant-time check of `candidate` against a digest made by `digestOf`. */
export function matchesDigest(candidate: Buffer, digest: Buffer | undefined): boolean {
  return digest !== undefined && timingSafeEqual(candidate, digest);
}

/** What a masked secret shows instead of itself. */
export const MASK = '••••';

/**
 * `"••••ab12"`: enough to recognise a secret, never enough to use or guess it (SPEC §8): at
 * most its last 4 characters and never more than a quarter of it, so a secret of 15
 * characters or fewer shows `••••` alone.
 */
export function maskSecret(secret: string): string {
  const shown = secret.length > 15 ? Math.min(4, Math.floor(secret.length / 4)) : 0;
  return shown === 0 ? MASK : `${MASK}${secret.slice(-shown)}`;
}

/** `whsec_` + base64 of 32 random bytes, the Standard Webhooks secret format. */
export function generateSharedKey(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
