/** A signed-in console session, as kept between requests (and between API processes). */
export interface ConsoleSession {
  createdAt: string;
  /** The session ends then, whatever happens meanwhile. */
  expiresAt: string;
}

/**
 * Console sessions and failed sign-in counts, shared by every API process: in memory in
 * embedded mode, in Redis in production. Keys are opaque to the store (the console passes a
 * hash of the session id, so a copy of the store holds no usable cookie). Both
 * implementations pass `test/contract/store.contract.ts`.
 */
export interface SessionStore {
  /** Keeps `session` under `key` until its `expiresAt`. */
  put(key: string, session: ConsoleSession): Promise<void>;
  /** The session, or null when unknown or expired. */
  get(key: string): Promise<ConsoleSession | null>;
  delete(key: string): Promise<void>;
  /**
   * Counts one failed sign-in for `key` (a client address) and returns how many there were
   * in the window, which starts at the first failure and lasts `windowMs`.
   */
  recordFailure(key: string, windowMs: number): Promise<number>;
  /** Failed sign-ins of `key` in its current window (0 when none or the window is over). */
  failures(key: string): Promise<number>;
}
