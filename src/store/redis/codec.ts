import type { EventRecord, EventStatus } from '../../events/event.record';
import type { MessageRecord } from '../../delivery/message.record';

/*
 * How events and messages are written to Redis. The part a Lua script must read or change
 * (an event's status, a message's version) is a prefix before `|`, outside the JSON, so no
 * script depends on how JSON.stringify orders keys. Values written before this encoding (a
 * bare JSON object) still read: an event with the status inside, a message as version 0.
 */

const STATUS_TAG: Record<EventStatus, string> = { accepted: 'a', processed: 'p' };

/** `a|{…}` (accepted) or `p|{…}` (processed); the JSON leaves `status` out. */
export function encodeEvent(event: EventRecord): string {
  const { status, ...rest } = event;
  return `${STATUS_TAG[status]}|${JSON.stringify(rest)}`;
}

export function decodeEvent(raw: string): EventRecord {
  if (raw.startsWith('{')) return JSON.parse(raw) as EventRecord;
  const status: EventStatus = raw.startsWith('p|') ? 'processed' : 'accepted';
  return { ...(JSON.parse(raw.slice(2)) as Omit<EventRecord, 'status'>), status };
}

/** `<version>|{…}`; the JSON leaves `version` out. */
export function encodeMessage(message: MessageRecord): string {
  const { version, ...rest } = message;
  return `${version}|${JSON.stringify(rest)}`;
}

export function decodeMessage(raw: string): MessageRecord {
  if (raw.startsWith('{')) return { ...(JSON.parse(raw) as Omit<MessageRecord, 'version'>), version: 0 };
  const bar = raw.indexOf('|');
  return { ...(JSON.parse(raw.slice(bar + 1)) as Omit<MessageRecord, 'version'>), version: Number(raw.slice(0, bar)) };
}
