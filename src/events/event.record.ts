import type { EventType } from '../event-types/event-type-catalog';

export type EventStatus = 'accepted' | 'processed';

/** An accepted event as stored. `data` is exactly what was posted (custom URLs receive it as is). */
export interface EventRecord {
  id: string;
  type: EventType;
  status: EventStatus;
  occurredAt: string;
  receivedAt: string;
  data: Record<string, unknown>;
}
