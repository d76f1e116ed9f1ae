import type { Redis } from 'ioredis';
import type { CreateMessageOptions, MessageFilter, MessagePatch, MessageStore } from '../../delivery/message.store';
import { MESSAGE_STATUSES, type AttemptRecord, type MessageRecord, type MessageStatus, type NewMessage } from '../../delivery/message.record';
import type { Page } from '../../shared/page';
import { AppError } from '../../shared/errors';
import { compareNewestFirst, decodeCursor, encodeCursor, timeMs, type CursorPosition } from '../cursor';
import { matchesFilter, normalEmail } from '../message-filter';
import { decodeMessage, decodeMessageAttempts, encodeMessage, eventMessageIds } from './codec';
import { decodeAttempt, encodeAttempt } from './compact';
import { exec } from './json';
import { readIndexes } from './message-index';
import type { RedisKeys } from './keys';
import * as scripts from './scripts';

/** Index entries looked at per page at most; a sparse combined filter returns a short page with a cursor. */
const MAX_SCAN = 5000;
const BATCH = 200;
const UPDATE_TRIES = 10;
/**
 * `sent`, most messages by far, has no status index: a sent message is one in the type
 * indexes that is in no other status index. (An index for it cost an entry per message for
 * the whole retention.) A `msgs:status:sent` left by earlier versions is no longer read or
 * written and expires with its TTL.
 */
const hasStatusIndex = (status: MessageStatus): boolean => status !== 'sent';
const INDEXED_STATUSES = MESSAGE_STATUSES.filter(hasStatusIndex);
/** Ids listed inside an event's value (codec.ts) must not hold its separators. */
const LISTABLE_ID = /^[^,|]+$/;

/**
 * Messages in Redis: one binary value per message holding the record, its compressed
 * variables and its attempts (codec.ts), expiring after the retention; sorted-set indexes
 * (score = createdAt ms, see message-index.ts): per type, per status except `sent`, per
 * organization, per recipient address. There is no index of all messages: the type indexes
 * partition them (every message is in exactly one), and a set names the types that have one,
 * so "all" is their merge, at one entry per message less. An event's message ids are kept in
 * the event's value (written by the create script), so no key per event either.
 * Listing scans one index (recipient address, else organization, else status, else type, else
 * the merged type indexes) and applies any other filter to the loaded messages. Also here:
 * held indexes (per sender key), expiring likewise. Read too, for data written before this
 * encoding: `attempts:<id>` lists and `event-msgs:<id>` sets (`msgs:all` needs no reading:
 * the type indexes hold the same). Connection errors are mapped by the store.
 */
export class RedisMessages implements MessageStore {
  /** Once per process: the set of types names the type indexes written before the set existed. */
  private typesIndexed: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttl: number,
  ) {}

  /** Atomic create-unless-exists plus index entries (and the event marked processed, if asked), in one script. */
  async create(input: NewMessage, options: CreateMessageOptions = {}): Promise<{ created: boolean; message: MessageRecord }> {
    const message: MessageRecord = { ...input, version: 1 };
    const k = this.keys;
    const indexes = [k.messagesByType(message.type)];
    if (hasStatusIndex(message.status)) indexes.push(k.messagesByStatus(message.status));
    if (message.organizationId !== null) indexes.push(k.messagesByOrg(message.organizationId));
    if (message.recipient.email !== null) indexes.push(k.messagesByEmail(normalEmail(message.recipient.email)));
    const cutoff = Date.now() - this.ttl * 1000;
    const inline = LISTABLE_ID.test(message.id) ? '1' : '0';
    const args = [encodeMessage(message), this.ttl, timeMs(message.createdAt), message.id, cutoff, options.markEventProcessed ? message.eventId : '', inline, message.type];
    const keys = [k.message(message.id), k.event(message.eventId), k.eventsAccepted(), k.eventMessages(message.eventId), k.messageTypes(), ...indexes];
    const stored = await scripts.createMessage.runBuffer(this.redis, keys, args);
    if (Buffer.isBuffer(stored)) return { created: false, message: decodeMessage(message.id, stored) };
    return { created: true, message };
  }

  /**
   * Read, merge, compare-and-set (retried when another writer got in between); WATCH cannot
   * be used on a shared, multiplexed connection. Only status moves between indexes: type,
   * organization and createdAt of a message do not change.
   */
  async update(id: string, patch: MessagePatch, expected?: MessageRecord, attempt?: AttemptRecord): Promise<MessageRecord | null> {
    // The caller's copy is usually current (it just created or read the message): try it
    // first, appending the attempt in the same script whatever the compare finds.
    if (expected && expected.id === id) {
      const done = await this.compareAndSet(expected, patch, attempt);
      if (done) return done;
    } else if (attempt) {
      await this.appendAttempt(id, attempt);
    }
    for (let i = 0; i < UPDATE_TRIES; i++) {
      const current = await this.get(id);
      if (current === null) return null;
      const done = await this.compareAndSet(current, patch);
      if (done) return done;
    }
    throw new AppError('unavailable', `message '${id}' is being changed concurrently; try again`);
  }

  /** One compare-and-set against the caller's copy: null when the stored message differs. */
  async updateIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null> {
    return expected.id === id ? this.compareAndSet(expected, patch) : null;
  }

  /** Writes `current` + `patch` if the stored version is still `current.version`; null when it changed meanwhile. */
  private async compareAndSet(current: MessageRecord, patch: MessagePatch, attempt?: AttemptRecord): Promise<MessageRecord | null> {
    const { id } = current;
    const updatedAt = patch.updatedAt ?? new Date().toISOString();
    const next: MessageRecord = { ...current, ...patch, id, eventId: current.eventId, createdAt: current.createdAt, updatedAt, version: current.version + 1 };
    const keys = [this.keys.message(id), this.keys.messagesByStatus(current.status), this.keys.messagesByStatus(next.status), this.keys.attempts(id)];
    const cutoff = Date.now() - this.ttl * 1000;
    const indexed = (status: MessageStatus) => (hasStatusIndex(status) ? '1' : '0');
    const args = [current.version, encodeMessage(next), timeMs(current.createdAt), id, this.ttl, cutoff, attempt ? encodeAttempt(attempt) : '', indexed(current.status), indexed(next.status)];
    return (await scripts.updateMessage.run(this.redis, keys, args)) === 1 ? next : null;
  }

  async get(id: string): Promise<MessageRecord | null> {
    const raw = await this.redis.getBuffer(this.keys.message(id));
    return raw === null ? null : decodeMessage(id, raw);
  }

  async count(status: MessageStatus): Promise<number> {
    return hasStatusIndex(status) ? this.redis.zcard(this.keys.messagesByStatus(status)) : this.countSent(0);
  }

  async countCreatedSince(status: MessageStatus, since: Date): Promise<number> {
    if (!hasStatusIndex(status)) return this.countSent(since.getTime());
    return this.redis.zcount(this.keys.messagesByStatus(status), since.getTime(), '+inf');
  }

  /**
   * Messages created at or after `sinceMs` in the type indexes less those in the other status
   * indexes, read in one MULTI so that a message moving between statuses is counted once.
   * Every count starts at the retention cut-off: an index trimmed less recently than another
   * may still hold entries of expired messages.
   */
  private async countSent(sinceMs: number): Promise<number> {
    const from = Math.max(sinceMs, Date.now() - this.ttl * 1000);
    const typeIndexes = await this.typeIndexes();
    const chain = this.redis.multi();
    for (const index of typeIndexes) chain.zcount(index, from, '+inf');
    for (const status of INDEXED_STATUSES) chain.zcount(this.keys.messagesByStatus(status), from, '+inf');
    const counts = (await exec(chain)).map(Number);
    const all = counts.slice(0, typeIndexes.length).reduce((sum, n) => sum + n, 0);
    return Math.max(0, counts.slice(typeIndexes.length).reduce((left, n) => left - n, all));
  }

  /** The type index of every type with messages: together, every message once. */
  private async typeIndexes(): Promise<string[]> {
    this.typesIndexed ??= this.indexTypes().catch((err: unknown) => {
      this.typesIndexed = null;
      throw err;
    });
    await this.typesIndexed;
    return (await this.redis.smembers(this.keys.messageTypes())).map((type) => this.keys.messagesByType(type));
  }

  /** Adds the types of type indexes written before the set of types existed, once per database. */
  private async indexTypes(): Promise<void> {
    if ((await this.redis.exists(this.keys.messageTypesIndexed())) === 1) return;
    const prefix = this.keys.messagesByType('');
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await this.redis.sadd(this.keys.messageTypes(), ...keys.map((key) => key.slice(prefix.length)));
      cursor = next;
    } while (cursor !== '0');
    await exec(this.redis.multi().expire(this.keys.messageTypes(), this.ttl).set(this.keys.messageTypesIndexed(), '1'));
  }

  async listHeld(key: string): Promise<string[]> {
    return this.redis.zrange(this.keys.held(key), 0, -1);
  }
  async markHeld(key: string, messageId: string): Promise<void> {
    const held = this.keys.held(key);
    await exec(this.redis.multi().zadd(held, 'NX', Date.now(), messageId).expire(held, this.ttl));
  }
  async releaseHeld(key: string, messageId: string): Promise<void> {
    await this.redis.zrem(this.keys.held(key), messageId);
  }

  /** One atomic script (scripts.ts): into the message's value, or its legacy list when the value cannot hold it. */
  async appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void> {
    await scripts.appendAttempt.run(this.redis, [this.keys.message(messageId), this.keys.attempts(messageId)], [encodeAttempt(attempt), this.ttl]);
  }
  /** Those in a legacy `attempts:<id>` list (older), then those in the message's value. */
  async listAttempts(messageId: string): Promise<AttemptRecord[]> {
    const [legacy, value] = await Promise.all([this.redis.lrange(this.keys.attempts(messageId), 0, -1), this.redis.getBuffer(this.keys.message(messageId))]);
    return [...legacy.map(decodeAttempt), ...(value === null ? [] : decodeMessageAttempts(value))];
  }

  /** Oldest first: the ids in the event's value and in its legacy sorted set, by (createdAt, id). */
  async listForEvent(eventId: string): Promise<MessageRecord[]> {
    const [event, legacy] = await Promise.all([this.redis.getBuffer(this.keys.event(eventId)), this.redis.zrange(this.keys.eventMessages(eventId), 0, -1)]);
    const ids = [...new Set([...legacy, ...(event === null ? [] : eventMessageIds(event))])];
    const loaded = (await this.load(ids)).filter((m): m is MessageRecord => m !== null);
    const position = (m: MessageRecord) => ({ ms: timeMs(m.createdAt), id: m.id });
    return loaded.sort((a, b) => compareNewestFirst(position(b), position(a)));
  }

  async list(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>> {
    const pageSize = Math.max(1, Math.floor(limit));
    const indexes = await this.indexesFor(filter);
    const found: MessageRecord[] = [];
    let after = cursor === undefined ? null : decodeCursor(cursor);
    let scanned = 0;
    let exhausted = false;
    while (found.length <= pageSize && scanned < MAX_SCAN && !exhausted) {
      const batch = await readIndexes(this.redis, indexes, after, scanned === 0 ? Math.min(Math.max(pageSize + 1, 20), 1000) : BATCH);
      const messages = await this.load(batch.positions.map((p) => p.id));
      for (const [i, position] of batch.positions.entries()) {
        scanned++;
        after = position;
        const message = messages[i];
        if (message && matchesFilter(message, filter)) found.push(message);
        if (found.length > pageSize) break;
      }
      exhausted = !batch.more;
    }
    return { data: found.slice(0, pageSize), nextCursor: this.nextCursor(found, pageSize, after, exhausted) };
  }

  private nextCursor(found: MessageRecord[], pageSize: number, after: CursorPosition | null, exhausted: boolean): string | null {
    const last = found[pageSize - 1];
    if (found.length > pageSize && last) return encodeCursor({ ms: timeMs(last.createdAt), id: last.id });
    // Scan budget spent before the page filled: continue from the last entry looked at.
    if (!exhausted && after) return encodeCursor(after);
    return null;
  }

  /**
   * The most selective index the filter names, else every type index; the other filters apply
   * to what they yield (`sent`: see `hasStatusIndex`).
   */
  private async indexesFor(filter: MessageFilter): Promise<string[]> {
    if (filter.recipientEmail !== undefined) return [this.keys.messagesByEmail(normalEmail(filter.recipientEmail))];
    if (filter.organizationId !== undefined) return [this.keys.messagesByOrg(filter.organizationId)];
    if (filter.status !== undefined && hasStatusIndex(filter.status)) return [this.keys.messagesByStatus(filter.status)];
    if (filter.type !== undefined) return [this.keys.messagesByType(filter.type)];
    return this.typeIndexes();
  }

  private async load(ids: string[]): Promise<Array<MessageRecord | null>> {
    if (ids.length === 0) return [];
    const raw = await this.redis.mgetBuffer(ids.map((id) => this.keys.message(id)));
    return raw.map((value, i) => (value === null ? null : decodeMessage(ids[i] ?? '', value)));
  }
}
