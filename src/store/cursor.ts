import { validationFailed } from '../shared/errors';

/** A place in the newest-first message order: creation time in ms, then id. */
export interface CursorPosition {
  ms: number;
  id: string;
}

/** Epoch milliseconds of an ISO timestamp (the sort key of messages and outbox entries). */
export function timeMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

/** Opaque to clients: base64url of `ms:id`. */
export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(`${pos.ms}:${pos.id}`, 'utf8').toString('base64url');
}

/** Parses a cursor from `encodeCursor`; anything else is a `validation_failed` error. */
export function decodeCursor(cursor: string): CursorPosition {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const sep = raw.indexOf(':');
  const ms = Number(raw.slice(0, sep));
  const id = raw.slice(sep + 1);
  if (sep <= 0 || !Number.isSafeInteger(ms) || id.length === 0) {
    throw validationFailed('cursor is not valid', { field: 'cursor' });
  }
  return { ms, id };
}

/**
 * Newest-first comparison: negative when `a` comes before `b` (newer, or same ms and a
 * greater id). Plain string comparison matches Redis' byte order for ASCII ids.
 */
export function compareNewestFirst(a: CursorPosition, b: CursorPosition): number {
  if (a.ms !== b.ms) return b.ms - a.ms;
  if (a.id === b.id) return 0;
  return a.id > b.id ? -1 : 1;
}

/** True when `pos` comes strictly after `cursor` in newest-first order (i.e. belongs to a later page). */
export function isAfter(pos: CursorPosition, cursor: CursorPosition): boolean {
  return compareNewestFirst(pos, cursor) > 0;
}

/** A place in an id-ordered listing (the directory): opaque to clients, base64url of the last id. */
export function encodeIdCursor(id: string): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

/** Parses a cursor from `encodeIdCursor`; anything else is a `validation_failed` error. */
export function decodeIdCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('id:') || raw.length === 3) throw validationFailed('cursor is not valid', { field: 'cursor' });
  return raw.slice(3);
}
