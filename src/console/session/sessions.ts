import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { digestOf, matchesDigest } from '../../shared/crypto';
import { readCookie, SESSION_COOKIE } from './cookies';
import type { SessionStore } from './session.store';

export interface ConsoleSessionsOptions {
  store: SessionStore;
  /** The key that signs in; none = the console is open (embedded trial on loopback). */
  adminApiKey?: string;
  now: () => Date;
  /** How long a session lasts from sign-in. */
  lifetimeMs?: number;
}

/** A session lasts a working day; after that the operator signs in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** The store key of a session id: its SHA-256, so the store never holds a usable cookie. */
const storeKey = (id: string): string => createHash('sha256').update(id).digest('base64url');

/** Signing in with the admin key, the session that follows, and signing out. */
export class ConsoleSessions {
  readonly lifetimeMs: number;
  private readonly adminDigest: Buffer | undefined;

  constructor(private readonly opts: ConsoleSessionsOptions) {
    this.lifetimeMs = opts.lifetimeMs ?? SESSION_LIFETIME_MS;
    this.adminDigest = opts.adminApiKey === undefined ? undefined : digestOf(opts.adminApiKey);
  }

  /** No admin key configured: nobody signs in (SPEC §9). */
  get open(): boolean {
    return this.adminDigest === undefined;
  }

  /** Compares in constant time, as the bearer check does. */
  keyMatches(candidate: string): boolean {
    return matchesDigest(digestOf(candidate), this.adminDigest);
  }

  /** Starts a session; returns its id (the cookie value). */
  async start(): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.opts.now();
    await this.opts.store.put(storeKey(id), { createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + this.lifetimeMs).toISOString() });
    return id;
  }

  /** The request's session id when it is signed in (a live session), else null. */
  async current(req: IncomingMessage): Promise<string | null> {
    const id = readCookie(req, SESSION_COOKIE);
    if (!id) return null;
    const session = await this.opts.store.get(storeKey(id));
    return session && Date.parse(session.expiresAt) > this.opts.now().getTime() ? id : null;
  }

  async end(id: string): Promise<void> {
    await this.opts.store.delete(storeKey(id));
  }

  /** Failed sign-ins of a client address in the current window. */
  failures(client: string): Promise<number> {
    return this.opts.store.failures(client);
  }

  recordFailure(client: string, windowMs: number): Promise<number> {
    return this.opts.store.recordFailure(client, windowMs);
  }
}
