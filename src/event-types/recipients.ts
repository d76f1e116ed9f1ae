import type { EventInput } from './event-type-catalog';

/** Who is told about an event (SPEC §2): one recipient rule per event type. */
export function recipientsOf(event: EventInput): string[] {
  switch (event.type) {
    case 'order.submitted':
      return [event.data.userId];
    case 'order.shipped':
      return [event.data.userId];
    case 'user.password_reset':
      return [event.data.userId];
    default: {
      const never: never = event;
      return never;
    }
  }
}
