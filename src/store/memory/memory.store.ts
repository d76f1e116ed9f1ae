import type { Store } from '../../stores.port';
import { MemoryDirectory } from './directory';
import { MemoryEvents } from './events';
import { MemoryMessages } from './messages';
import { MemoryOutbox } from './outbox';
import { MemorySenders } from './senders';
import { MemorySessions } from './sessions';
import { MemoryTemplates } from './templates';

/** The areas of a memory store; tests replace one to inject a fault. */
export type MemoryAreas = Omit<Store, 'ping' | 'close'>;

/**
 * The embedded-mode store: plain maps in this process, nothing persisted, no retention.
 * Values go in and come out as copies so callers cannot change stored state by accident.
 */
export function createMemoryStore(now: () => Date = () => new Date(), replace: Partial<MemoryAreas> = {}): Store {
  const events = replace.events ?? new MemoryEvents();
  return {
    directory: replace.directory ?? new MemoryDirectory(now),
    senders: replace.senders ?? new MemorySenders(now),
    templates: replace.templates ?? new MemoryTemplates(now),
    events,
    messages: replace.messages ?? new MemoryMessages(now, (id) => events.markProcessed(id)),
    outbox: replace.outbox ?? new MemoryOutbox(),
    sessions: replace.sessions ?? new MemorySessions(now),
    ping: async () => undefined,
    close: async () => undefined,
  };
}
