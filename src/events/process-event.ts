import type { Logger } from 'pino';
import type { MessageLifecycle } from '../delivery/message-lifecycle';
import { PermanentJobError } from '../jobs/queue.port';
import { messageIdFor } from '../shared/ids';
import type { Limiter } from '../shared/limiter';
import type { Store } from '../stores.port';
import { batchReader, sliceLoader, type BatchReader } from './batch-reader';
import type { EventRecord } from './event.record';
import type { EventTypeCatalog } from '../event-types/event-type-catalog';

export interface ProcessEventDeps {
  store: Pick<Store, 'events' | 'directory' | 'senders'>;
  lifecycle: Pick<MessageLifecycle, 'create'>;
  eventTypes: EventTypeCatalog;
  now: () => Date;
  logger: Logger;
  /** Bounds the events processed at once across all jobs (a batch can hold many). */
  limiter: Limiter;
}

/**
 * The `process-event` job (SPEC §3.2-3.4): one message per recipient, made by the message
 * lifecycle (skipped with a reason, or pending with its variables resolved), then each new
 * message's first attempt. Safe to run twice: message ids are derived from the event and
 * recipient, and only the run that created a message delivers it inline.
 */
export class ProcessEvent {
  constructor(private readonly deps: ProcessEventDeps) {}

  /** Every event of the batch, at most `limiter` at once; fails (to be retried) if any failed. */
  async handle(eventIds: string[]): Promise<void> {
    const reader = batchReader(this.deps.store);
    // Each event (with its first attempts) under the limiter; the events are read a slice at a
    // time as their turn comes, so a worker holding many batches keeps few events in memory.
    const events = sliceLoader(eventIds, async (ids) => {
      const records = await this.deps.store.events.getMany(ids);
      // their recipients in one round trip too, read as each event's turn comes
      reader.primeUsers(records.flatMap((record) => recipientIdsOf(this.deps.eventTypes, record)));
      return records;
    });
    const results = await Promise.allSettled(eventIds.map((id) => this.deps.limiter.run(async () => this.processOne(id, await events(id), reader))));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const err of failed.filter((e) => e instanceof PermanentJobError)) this.deps.logger.error({ err }, 'process-event: event dropped');
    // Anything else (a store outage) retries the whole batch: finished events are no-ops then.
    const retryable = failed.find((e) => !(e instanceof PermanentJobError));
    if (retryable !== undefined) throw retryable;
  }

  private async processOne(eventId: string, record: EventRecord | null, reader: BatchReader): Promise<void> {
    const { store, logger, lifecycle, eventTypes } = this.deps;
    if (!record) {
      logger.warn({ eventId }, 'process-event: event not found (expired?)');
      await store.events.markProcessed(eventId);
      return;
    }
    let recipients: string[];
    try {
      recipients = storedRecipients(eventTypes, record);
    } catch (err) {
      // dropped for good: marked processed, or the reaper would queue it again every 30 s
      await store.events.markProcessed(eventId);
      throw err;
    }
    const firstAttempts: (() => Promise<void>)[] = [];
    // The last message's write also marks the event processed (one round trip less): before
    // the first attempts, so a duplicate post meanwhile does not queue them again.
    for (const [i, userId] of recipients.entries()) {
      const first = await lifecycle.create({
        id: messageIdFor(record.id, userId, Date.parse(record.receivedAt)),
        event: record,
        userId,
        reader,
        variables: (user, organization) => eventTypes.recipientVariables({ user, organization, now: this.deps.now() }),
        last: i === recipients.length - 1,
      });
      if (first) firstAttempts.push(first);
    }
    await Promise.all(firstAttempts.map((attempt) => attempt()));
  }
}

/**
 * The recipients of a stored event. Its data was validated at ingest and is not parsed again
 * here (a tenth of a delivery's CPU): only the recipients are read, and a type that is gone or
 * data without recipients is a permanent failure. What renders the data (an email's
 * variables) parses it with its type's schema then, and fails the message if it no longer fits.
 */
function storedRecipients(eventTypes: EventTypeCatalog, record: EventRecord): string[] {
  let recipients: unknown;
  try {
    recipients = eventTypes.has(record.type) ? eventTypes.recipients(record) : null;
  } catch {
    recipients = null;
  }
  // every type names at least one recipient (its schema requires it)
  if (!Array.isArray(recipients) || recipients.length === 0 || !recipients.every((id) => typeof id === 'string' && id.length > 0)) {
    throw new PermanentJobError(`stored event ${record.id} no longer validates: its type or recipients are not as expected`);
  }
  return recipients as string[];
}

/** The recipients of a stored event, for reading them ahead; [] when its data is not as expected. */
function recipientIdsOf(eventTypes: EventTypeCatalog, record: EventRecord): string[] {
  try {
    return eventTypes.recipients(record).filter((id) => typeof id === 'string');
  } catch {
    return [];
  }
}
