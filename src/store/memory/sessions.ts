import type { ConsoleSession, SessionStore } from '../../console/session/session.store';
import { copy } from './copy';

/** Entries kept before expired ones are swept on a write. */
const SWEEP_ABOVE = 1000;

/** Console sessions and sign-in failure windows in plain maps, expired entries swept as they pile up. */
export class MemorySessions implements SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();
  private readonly failureWindows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => Date) {}

  async put(key: string, session: ConsoleSession): Promise<void> {
    this.sweep();
    this.sessions.set(key, copy(session));
  }
  async get(key: string): Promise<ConsoleSession | null> {
    const session = this.sessions.get(key);
    if (!session) return null;
    if (Date.parse(session.expiresAt) <= this.now().getTime()) {
      this.sessions.delete(key);
      return null;
    }
    return copy(session);
  }
  async delete(key: string): Promise<void> {
    this.sessions.delete(key);
  }
  async recordFailure(key: string, windowMs: number): Promise<number> {
    this.sweep();
    const at = this.now().getTime();
    const current = this.failureWindows.get(key);
    const window = current && current.endsAt > at ? current : { count: 0, endsAt: at + windowMs };
    window.count++;
    this.failureWindows.set(key, window);
    return window.count;
  }
  async failures(key: string): Promise<number> {
    const window = this.failureWindows.get(key);
    return window && window.endsAt > this.now().getTime() ? window.count : 0;
  }

  private sweep(): void {
    const at = this.now().getTime();
    if (this.sessions.size > SWEEP_ABOVE) {
      for (const [key, session] of this.sessions) if (Date.parse(session.expiresAt) <= at) this.sessions.delete(key);
    }
    if (this.failureWindows.size > SWEEP_ABOVE) {
      for (const [key, window] of this.failureWindows) if (window.endsAt <= at) this.failureWindows.delete(key);
    }
  }
}
