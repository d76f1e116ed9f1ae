import type { ChainableCommander, Redis } from 'ioredis';
import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { AttemptRecord, MessageRecord, MessageStatus, OutboxEntry } from '../delivery/message.record';
import { senderKey, type SenderConfigRecord, type SenderState } from '../senders/sender-config.schema';
import type { TemplateInput, TemplateRecord } from '../templates/template.record';
import { timeMs } from './cursor';
import { redisKeys, type RedisKeys } from './redis-keys';
import { connectRedis, toStoreError } from './redis.client';
import { RedisMessages, type MessagePatch } from './redis-messages';
import * as scripts from './redis-scripts';
import type { MessageFilter, Page, PutResult, Store } from './store.port';


export interface RedisStoreOptions {
  /** The client. The store owns it from now on: `close()` quits it. */
  redis: Redis;
  /** Every key is `${prefix}:…`. */
  prefix: string;
  /** Events, messages, attempts, outbox entries and held indexes expire after this many days. */
  retentionDays: number;
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/**
 * The production store on Redis. Directory, sender configurations, sender state and
 * templates are kept until deleted; everything produced by traffic expires after
 * `retentionDays`. Connection failures surface as `AppError('unavailable')`.
 */
export class RedisStore implements Store {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly ttl: number;
  private readonly messages: RedisMessages;

  constructor(opts: RedisStoreOptions) {
    this.redis = opts.redis;
    this.keys = redisKeys(opts.prefix);
    this.ttl = Math.max(1, Math.ceil(opts.retentionDays * 86_400));
    this.messages = new RedisMessages(this.redis, this.keys, this.ttl);
  }

  /** Connects with fail-fast options (see `STORE_REDIS_OPTIONS`) and waits until ready. */
  static async connect(url: string, prefix: string, retentionDays: number, onError?: (err: Error) => void): Promise<RedisStore> {
    return new RedisStore({ redis: await connectRedis(url, onError), prefix, retentionDays });
  }

  async ping(): Promise<void> {
    await this.run(() => this.redis.ping());
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      // Not connected: nothing to flush, just stop reconnecting.
      this.redis.disconnect();
    }
  }

  async putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<Organization>> {
    return this.putStamped<Organization>(this.keys.organization(id), { id, ...input });
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return this.getJson<Organization>(this.keys.organization(id));
  }
  async deleteOrganization(id: string): Promise<boolean> {
    return this.run(async () => (await this.redis.del(this.keys.organization(id))) > 0);
  }
  async putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>> {
    return this.putStamped<User>(this.keys.user(id), { id, ...input });
  }
  async getUser(id: string): Promise<User | null> {
    return this.getJson<User>(this.keys.user(id));
  }
  async deleteUser(id: string): Promise<boolean> {
    return this.run(async () => (await this.redis.del(this.keys.user(id))) > 0);
  }

  async putSenderConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>> {
    const field = senderKey(record.eventType, record.organizationId);
    return this.run(async () => {
      const existing = parse<SenderConfigRecord>(await this.redis.hget(this.keys.senderConfigs(), field));
      const at = new Date().toISOString();
      const value: SenderConfigRecord = { ...record, createdAt: existing?.createdAt ?? at, updatedAt: at };
      await this.redis.hset(this.keys.senderConfigs(), field, JSON.stringify(value));
      return { created: existing === null, value };
    });
  }
  async getSenderConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null> {
    return this.run(async () => parse<SenderConfigRecord>(await this.redis.hget(this.keys.senderConfigs(), senderKey(eventType, organizationId))));
  }
  async deleteSenderConfig(eventType: string, organizationId: string | null): Promise<boolean> {
    return this.run(async () => (await this.redis.hdel(this.keys.senderConfigs(), senderKey(eventType, organizationId))) > 0);
  }
  async listSenderConfigs(): Promise<SenderConfigRecord[]> {
    return this.run(async () => {
      const all = await this.redis.hgetall(this.keys.senderConfigs());
      return Object.keys(all).sort().map((field) => JSON.parse(all[field] ?? 'null') as SenderConfigRecord);
    });
  }
  async getSenderState(key: string): Promise<SenderState> {
    return this.run(async () => {
      const [failures, suspendedAt] = await this.redis.hmget(this.keys.senderState(key), 'failures', 'suspendedAt');
      return { suspendedAt: suspendedAt ?? null, consecutiveFailures: Number(failures ?? 0) };
    });
  }
  async recordSenderFailure(key: string): Promise<number> {
    return this.run(() => this.redis.hincrby(this.keys.senderState(key), 'failures', 1));
  }
  async recordSenderSuccess(key: string): Promise<void> {
    await this.run(() => this.redis.hset(this.keys.senderState(key), 'failures', 0));
  }
  async suspendSender(key: string, at: string): Promise<boolean> {
    return this.run(async () => (await this.redis.hsetnx(this.keys.senderState(key), 'suspendedAt', at)) === 1);
  }
  async resumeSender(key: string): Promise<void> {
    await this.run(() => this.redis.del(this.keys.senderState(key)));
  }

  async putTemplate(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>> {
    const updatedAt = new Date().toISOString();
    const body = JSON.stringify({ ...input, updatedAt });
    return this.run(async () => {
      const keys = [this.keys.template(id), this.keys.templateIds()];
      const [version, createdAt, fresh] = (await scripts.putTemplate.run(this.redis, keys, [id, body, updatedAt])) as [number, string, number];
      return { created: fresh === 1, value: { ...input, id, version, createdAt, updatedAt } };
    });
  }
  async getTemplate(id: string, version?: number): Promise<TemplateRecord | null> {
    return this.run(async () => {
      const found = (await scripts.getTemplate.run(this.redis, [this.keys.template(id)], [version ?? ''])) as [number, string, string] | null;
      if (!found) return null;
      const [v, createdAt, body] = found;
      return { ...(JSON.parse(body) as TemplateInput & { updatedAt: string }), id, version: v, createdAt };
    });
  }
  async listTemplates(): Promise<TemplateRecord[]> {
    const ids = await this.run(() => this.redis.smembers(this.keys.templateIds()));
    const all = await Promise.all(ids.sort().map((id) => this.getTemplate(id)));
    return all.filter((t): t is TemplateRecord => t !== null);
  }
  async deleteTemplate(id: string): Promise<boolean> {
    return this.run(async () => {
      const keys = [this.keys.template(id), this.keys.templateIds()];
      return (await scripts.deleteTemplate.run(this.redis, keys, [id])) === 1;
    });
  }

  async createEvent(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    return this.run(async () => {
      const stored = await scripts.createOnce.run(this.redis, [this.keys.event(event.id)], [JSON.stringify(event), this.ttl]);
      return typeof stored === 'string' ? { created: false, existing: JSON.parse(stored) as EventRecord } : { created: true };
    });
  }
  async getEvent(id: string): Promise<EventRecord | null> {
    return this.getJson<EventRecord>(this.keys.event(id));
  }
  async markEventProcessed(id: string): Promise<void> {
    await this.run(() => scripts.markEventProcessed.run(this.redis, [this.keys.event(id)], []));
  }

  async createMessage(message: MessageRecord): Promise<{ created: boolean; message: MessageRecord }> {
    return this.run(() => this.messages.create(message));
  }
  async getMessage(id: string): Promise<MessageRecord | null> {
    return this.getJson<MessageRecord>(this.keys.message(id));
  }
  async updateMessageIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null> {
    return this.run(() => this.messages.updateIf(id, expected, patch));
  }
  async updateMessage(id: string, patch: MessagePatch, expected?: MessageRecord): Promise<MessageRecord | null> {
    return this.run(() => this.messages.update(id, patch, expected));
  }
  async listMessages(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>> {
    return this.run(() => this.messages.list(filter, limit, cursor));
  }
  async listMessagesForEvent(eventId: string): Promise<MessageRecord[]> {
    return this.run(() => this.messages.forEvent(eventId));
  }
  async countMessages(status: MessageStatus): Promise<number> {
    return this.run(() => this.redis.zcard(this.keys.messagesByStatus(status)));
  }
  async listHeldMessageIds(key: string): Promise<string[]> {
    return this.run(() => this.redis.zrange(this.keys.held(key), 0, -1));
  }
  async markHeld(key: string, messageId: string): Promise<void> {
    const held = this.keys.held(key);
    await this.run(() => exec(this.redis.multi().zadd(held, 'NX', Date.now(), messageId).expire(held, this.ttl)));
  }
  async releaseHeld(key: string, messageId: string): Promise<void> {
    await this.run(() => this.redis.zrem(this.keys.held(key), messageId));
  }
  async appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void> {
    const list = this.keys.attempts(messageId);
    await this.run(() => scripts.appendAttempt.run(this.redis, [list], [JSON.stringify(attempt), this.ttl]));
  }
  async listAttempts(messageId: string): Promise<AttemptRecord[]> {
    return this.run(async () => (await this.redis.lrange(this.keys.attempts(messageId), 0, -1)).map((json) => JSON.parse(json) as AttemptRecord));
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    const index = this.keys.outboxIndex();
    const chain = this.redis
      .multi()
      .set(this.keys.outbox(entry.messageId), JSON.stringify(entry), 'EX', this.ttl)
      .zadd(index, timeMs(entry.createdAt), entry.messageId)
      .zremrangebyscore(index, '-inf', `(${Date.now() - this.ttl * 1000}`)
      .expire(index, this.ttl);
    await this.run(() => exec(chain));
  }
  async getOutbox(messageId: string): Promise<OutboxEntry | null> {
    return this.getJson<OutboxEntry>(this.keys.outbox(messageId));
  }
  async listOutbox(limit: number): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    return this.run(async () => this.loadAll<OutboxEntry>(await this.redis.zrevrange(this.keys.outboxIndex(), 0, limit - 1), this.keys.outbox));
  }

  /** Every call goes through here so connection trouble becomes `unavailable`. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  private async getJson<T>(key: string): Promise<T | null> {
    return this.run(async () => parse<T>(await this.redis.get(key)));
  }

  /** MGET of the ids' keys, skipping those that expired meanwhile. */
  private async loadAll<T>(ids: string[], keyOf: (id: string) => string): Promise<T[]> {
    if (ids.length === 0) return [];
    const raw = await this.redis.mget(ids.map(keyOf));
    return raw.flatMap((json) => (json === null ? [] : [JSON.parse(json) as T]));
  }

  /** Create-or-replace keeping the first `createdAt`. */
  private async putStamped<T extends { createdAt: string; updatedAt: string }>(key: string, value: Omit<T, 'createdAt' | 'updatedAt'>): Promise<PutResult<T>> {
    return this.run(async () => {
      const existing = parse<T>(await this.redis.get(key));
      const at = new Date().toISOString();
      const stored = { ...value, createdAt: existing?.createdAt ?? at, updatedAt: at } as T;
      await this.redis.set(key, JSON.stringify(stored));
      return { created: existing === null, value: stored };
    });
  }
}

/** Runs a MULTI and throws the first command error (exec reports them per command). */
async function exec(chain: ChainableCommander): Promise<unknown[]> {
  const results = (await chain.exec()) ?? [];
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
