import type { AttemptRecord, MessageRecord } from '../../delivery/message.record';
import type { EventRecord, EventStatus } from '../../events/event.record';
import { decodeAttempt, deflate1, fromMessageHead, fromTime, inflate1, messageHead, time, VARIABLES_DEFLATE_1, VARIABLES_NONE, VARIABLES_TAG_AT } from './compact';

/*
 * How events and messages are written to Redis: binary values (read with getBuffer/mgetBuffer),
 * made small because a deployment keeps every message for the whole retention.
 *
 * Message: `<version>|<length>|<record><attempts>`.
 *   - `<version>|` is what the compare-and-set script reads; `<length>` is the byte length of
 *     `<record>`, so a script can keep what follows while replacing the record.
 *   - `<record>` is a positional JSON array (compact.ts: no id, it is the key's; timestamps as
 *     epoch ms; short codes), then, when `variables` is not null, `\n` and the variables'
 *     JSON deflate-raw compressed with the frozen dictionary 1 (dictionary-1.ts).
 *   - `<attempts>`: each attempt as `\x1e` + its positional JSON array, oldest first, appended
 *     by the scripts only (JSON text never holds a raw \x1e), so an attempt is written with
 *     the settle in one command and no client ever rewrites the attempts.
 *   Written before: `<version>|{json}` and a bare `{json}` (version 0); both still read and
 *   are replaced by this form on their next write; their attempts are in `attempts:<id>` lists.
 *
 * Event: `<a|p>|<message ids>|1<deflate-raw>`.
 *   - `a|`/`p|` (accepted, processed) is what the scripts read and flip.
 *   - `<message ids>`: comma-separated, in creation order, appended by the create-message
 *     script (a message id never holds `,` or `|`); empty at first.
 *   - `1` tags the body: `[type, occurredAt, receivedAt, data]` as JSON, deflate-raw with
 *     dictionary 1. Written once at ingest, read by the workers.
 *   Written before: `a|{json}`, `p|{json}` and a bare `{json}` (status inside) still read;
 *   their message ids are in `event-msgs:<id>` sorted sets (read too, see messages.ts).
 */

const BAR = 0x7c;
const BRACE = 0x7b;
const NEWLINE = 0x0a;
const ATTEMPT_MARK = 0x1e;
const EVENT_BODY_DEFLATE_1 = 0x31; // '1'

const STATUS_TAG: Record<EventStatus, string> = { accepted: 'a', processed: 'p' };

/**
 * Compressed variables by the object they were read into or written from: a message is
 * re-encoded at every claim and settle with the same variables, and checking the JSON is
 * a fraction of deflating it again. Held weakly: it goes with the record.
 */
const compressed = new WeakMap<object, { json: string; bytes: Buffer }>();

function compressVariables(variables: Record<string, unknown>): Buffer {
  const json = JSON.stringify(variables);
  const known = compressed.get(variables);
  if (known && known.json === json) return known.bytes;
  const bytes = deflate1(json);
  compressed.set(variables, { json, bytes });
  return bytes;
}

/** `<version>|<length>|<record>`, no attempts: the scripts keep or append those. */
export function encodeMessage(message: MessageRecord): Buffer {
  const vars = message.variables === null ? null : compressVariables(message.variables);
  const head = Buffer.from(JSON.stringify(messageHead(message, vars ? VARIABLES_DEFLATE_1 : VARIABLES_NONE)), 'utf8');
  const length = head.length + (vars ? 1 + vars.length : 0);
  const parts: Buffer[] = [Buffer.from(`${message.version}|${length}|`, 'latin1'), head];
  if (vars) parts.push(Buffer.from([NEWLINE]), vars);
  return Buffer.concat(parts);
}

interface MessageParts {
  version: number;
  /** The record bytes, or the whole JSON object text of an earlier form. */
  record: Buffer;
  legacy: boolean;
  attempts: Buffer;
}

function splitMessage(raw: Buffer): MessageParts {
  if (raw[0] === BRACE) return { version: 0, record: raw, legacy: true, attempts: Buffer.alloc(0) };
  const bar = raw.indexOf(BAR);
  const version = Number(raw.toString('latin1', 0, bar));
  if (raw[bar + 1] === BRACE) return { version, record: raw.subarray(bar + 1), legacy: true, attempts: Buffer.alloc(0) };
  const bar2 = raw.indexOf(BAR, bar + 1);
  const end = bar2 + 1 + Number(raw.toString('latin1', bar + 1, bar2));
  return { version, record: raw.subarray(bar2 + 1, end), legacy: false, attempts: raw.subarray(end) };
}

export function decodeMessage(id: string, value: Buffer | string): MessageRecord {
  const raw = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const { version, record, legacy } = splitMessage(raw);
  if (legacy) return { ...(JSON.parse(record.toString('utf8')) as Omit<MessageRecord, 'version'>), version };
  const newline = record.indexOf(NEWLINE);
  const head = JSON.parse(record.toString('utf8', 0, newline < 0 ? record.length : newline)) as unknown[];
  let variables: Record<string, unknown> | null = null;
  const tag = head[VARIABLES_TAG_AT] ?? VARIABLES_NONE;
  if (tag === VARIABLES_DEFLATE_1) {
    const bytes = record.subarray(newline + 1);
    const json = inflate1(bytes);
    variables = JSON.parse(json) as Record<string, unknown>;
    compressed.set(variables, { json, bytes: Buffer.from(bytes) });
  } else if (tag !== VARIABLES_NONE) {
    throw new Error(`message ${id}: unknown variables format ${String(tag)}`);
  }
  return fromMessageHead(id, version, head, variables);
}

/** The attempts kept inside a message value, oldest first (none in the earlier forms). */
export function decodeMessageAttempts(value: Buffer): AttemptRecord[] {
  const { attempts } = splitMessage(value);
  const out: AttemptRecord[] = [];
  let start = attempts.indexOf(ATTEMPT_MARK);
  while (start >= 0) {
    const next = attempts.indexOf(ATTEMPT_MARK, start + 1);
    out.push(decodeAttempt(attempts.toString('utf8', start + 1, next < 0 ? attempts.length : next)));
    start = next;
  }
  return out;
}

/** `a||1<deflate>` or `p||1<deflate>`: no message ids yet (the create-message script adds them). */
export function encodeEvent(event: EventRecord): Buffer {
  const body = deflate1(JSON.stringify([event.type, time(event.occurredAt), time(event.receivedAt), event.data]));
  return Buffer.concat([Buffer.from(`${STATUS_TAG[event.status]}||`, 'latin1'), Buffer.from([EVENT_BODY_DEFLATE_1]), body]);
}

interface EventParts {
  status: EventStatus | null;
  messageIds: string[];
  body: Buffer;
}

function splitEvent(raw: Buffer): EventParts {
  if (raw[0] === BRACE) return { status: null, messageIds: [], body: raw };
  const status: EventStatus = raw[0] === 0x70 ? 'processed' : 'accepted';
  if (raw[2] === BRACE) return { status, messageIds: [], body: raw.subarray(2) };
  const bar = raw.indexOf(BAR, 2);
  const ids = raw.toString('latin1', 2, bar);
  return { status, messageIds: ids === '' ? [] : ids.split(','), body: raw.subarray(bar + 1) };
}

export function decodeEvent(id: string, value: Buffer | string): EventRecord {
  const raw = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const { status, body } = splitEvent(raw);
  if (body[0] === BRACE) {
    const json = JSON.parse(body.toString('utf8')) as EventRecord;
    return status === null ? json : { ...json, status };
  }
  if (body[0] !== EVENT_BODY_DEFLATE_1) throw new Error(`event ${id}: unknown stored format`);
  const [type, occurredAt, receivedAt, data] = JSON.parse(inflate1(body.subarray(1))) as [EventRecord['type'], unknown, unknown, EventRecord['data']];
  return { id, type, status: status ?? 'accepted', occurredAt: fromTime(occurredAt) ?? '', receivedAt: fromTime(receivedAt) ?? '', data };
}

/** The ids of the event's messages recorded in its value, in creation order. */
export function eventMessageIds(value: Buffer): string[] {
  return splitEvent(value).messageIds;
}
