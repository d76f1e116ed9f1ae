import type { Logger } from 'pino';
import type { MessageRecord } from '../delivery/message.record';
import type { SenderChanges } from '../delivery/sender-changes';
import type { EventTypeCatalog } from '../event-types/event-type-catalog';
import type { AcceptEvent } from '../events/accept-event';
import type { QueueCounts } from '../jobs/queue.port';
import type { SenderConfigService } from '../senders/sender-config.service';
import type { Store } from '../stores.port';
import type { TemplateService } from '../templates/template.service';

/** What the console uses: the same use cases and store areas as the JSON API, nothing of its own. */
export interface ConsoleDeps {
  /** No key: the console opens without sign-in (embedded trial, loopback only). */
  adminApiKey?: string;
  /** SECRETS_KEY: CSRF tokens are derived from it, so every API process checks every other's. */
  secretsKey: Buffer;
  store: Pick<Store, 'messages' | 'events' | 'directory' | 'outbox' | 'sessions'>;
  acceptEvent: AcceptEvent;
  /** Replays a failed or sent message (`replayMessage`). */
  replay: (messageId: string) => Promise<MessageRecord>;
  senders: SenderChanges;
  /** The stored secrets of a sender, so a secret left empty in a form keeps its value. */
  senderSecrets: Pick<SenderConfigService, 'opened'>;
  templates: TemplateService;
  eventTypes: EventTypeCatalog;
  queueCounts: () => Promise<QueueCounts>;
  /** Default-mandrill email goes to the dev outbox (no MANDRILL_API_KEY, not production). */
  outboxInUse: boolean;
  logger: Logger;
  now: () => Date;
}

