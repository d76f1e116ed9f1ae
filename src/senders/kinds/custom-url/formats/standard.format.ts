import type { FormatInput } from './body-format';

/**
 * The `standard` body: `{ type, timestamp, data }`, the payload structure the Standard
 * Webhooks specification recommends. `data` is the event's data exactly as posted; who the
 * message is for is in the URL (`{userId}`) or in the `herald` and `template` formats.
 */
export interface StandardBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export function standardBody({ event, at }: FormatInput): StandardBody {
  return { type: event.type, timestamp: at.toISOString(), data: event.data };
}
