import { AppError } from '../shared/errors';
import { GroupCommit } from '../shared/group-commit';
import { newId } from '../shared/ids';
import { processEventJob } from '../jobs/job-catalog';
import type { Queue } from '../jobs/queue.port';
import type { Store } from '../stores.port';
import type { EventRecord } from './event.record';
import { parseEventInput, type EventType } from './event.schema';

/** A new event (accepted), or one whose id was seen before (`duplicate`: nothing new is sent). */
export type AcceptResult =
  | { duplicate: false; id: string; status: 'accepted'; type: EventType }
  | { duplicate: true; id: string; status: EventRecord['status']; type: EventType };

export interface AcceptEventDeps {
  store: Store;
  queue: Queue;
  now: () => Date;
}

/**
 * SPEC §3.1: validate, store, enqueue, then answer 202. A repeated id answers 200 and
 * sends nothing new; if that event was stored but never processed (its enqueue failed),
 * it is enqueued again, so a client retrying after a 503 is never left with a lost event.
 */
export class AcceptEvent {
  /** New events are enqueued in groups: one process-event job per batch under load. */
  private readonly batcher: GroupCommit<string>;

  constructor(private readonly deps: AcceptEventDeps) {
    this.batcher = new GroupCommit((eventIds) => this.guard(deps.queue.add('process-event', { eventIds })));
  }

  async execute(raw: unknown): Promise<AcceptResult> {
    const parsed = parseEventInput(raw);
    if (!parsed.success) throw new AppError('validation_failed', 'The event is invalid', parsed.issues);
    const input = parsed.value;
    const now = this.deps.now().toISOString();
    const record: EventRecord = {
      id: input.id ?? newId('evt'),
      type: input.type,
      status: 'accepted',
      occurredAt: input.occurredAt ?? now,
      receivedAt: now,
      // Exactly as posted (no schema defaults): custom URLs receive it unchanged.
      data: (raw as { data: Record<string, unknown> }).data,
    };
    const stored = await this.deps.store.events.create(record);
    if (!stored.created) {
      const existing = stored.existing;
      // Stored but maybe never enqueued (its enqueue failed): enqueue again, deduplicated by job id.
      if (existing.status === 'accepted') {
        await this.guard(this.deps.queue.add(...processEventJob(existing.id)));
      }
      return { duplicate: true, id: existing.id, status: existing.status, type: existing.type };
    }
    await this.batcher.add(record.id);
    return { duplicate: false, id: record.id, status: 'accepted', type: record.type };
  }

  private async guard(enqueued: Promise<void>): Promise<void> {
    try {
      await enqueued;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('unavailable', 'The queue is unavailable; retry with the same event id');
    }
  }
}
