import type { SessionStore } from './console/session/session.store';
import type { DirectoryStore } from './directory/directory.store';
import type { MessageStore } from './delivery/message.store';
import type { EventStore } from './events/event.store';
import type { OutboxStore } from './senders/outbox.store';
import type { SenderStore } from './senders/sender.store';
import type { TemplateStore } from './templates/template.store';

/**
 * Everything Herald keeps, one small port per area; each use case takes only the areas it
 * needs. Two implementations: in-memory (embedded mode, `createMemoryStore`) and Redis
 * (production, `connectRedisStore`); both pass `test/contract/store.contract.ts`. Methods
 * throw an `AppError('unavailable')` when the backing service cannot be reached.
 */
export interface Store {
  directory: DirectoryStore;
  senders: SenderStore;
  templates: TemplateStore;
  events: EventStore;
  messages: MessageStore;
  outbox: OutboxStore;
  /** Console sessions and failed sign-ins (shared by every API process). */
  sessions: SessionStore;
  ping(): Promise<void>;
  close(): Promise<void>;
}
