import type { Redis } from 'ioredis';
import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { AttemptRecord, MessageRecord, MessageStatus, OutboxEntry } from '../delivery/message.record';
import type { SenderConfigRecord, SenderState } from '../senders/sender-config.schema';
import type { TemplateInput, TemplateRecord } from '../templates/template.record';
import { RedisDirectory } from './redis-directory';
import { RedisEvents } from './redis-events';
import { redisKeys } from './redis-keys';
import { connectRedis, toStoreError } from './redis.client';
import { RedisMessages } from './redis-messages';
import { RedisSenders } from './redis-senders';
import { RedisTemplates } from './redis-templates';
import type { CreateMessageOptions, MessageFilter, Page, PutResult, Store, MessagePatch } from './store.port';

export interface RedisStoreOptions {
  /** The client. The store owns it from now on: `close()` quits it. */
  redis: Redis;
  /** Every key is `${prefix}:…`. */
  prefix: string;
  /** Events, messages, attempts, outbox entries and held indexes expire after this many days. */
  retentionDays: number;
}

/**
 * The production store on Redis. Directory, sender configurations, sender state and
 * templates are kept until deleted; everything produced by traffic expires after
 * `retentionDays`. Connection failures surface as `AppError('unavailable')`.
 * Each area lives in its own class (`RedisDirectory`, `RedisSenders`, `RedisTemplates`,
 * `RedisEvents`, `RedisMessages`); this class only delegates and maps errors.
 */
export class RedisStore implements Store {
  private readonly redis: Redis;
  private readonly directory: RedisDirectory;
  private readonly senders: RedisSenders;
  private readonly templates: RedisTemplates;
  private readonly events: RedisEvents;
  private readonly messages: RedisMessages;

  constructor(opts: RedisStoreOptions) {
    this.redis = opts.redis;
    const keys = redisKeys(opts.prefix);
    const ttl = Math.max(1, Math.ceil(opts.retentionDays * 86_400));
    this.directory = new RedisDirectory(this.redis, keys);
    this.senders = new RedisSenders(this.redis, keys);
    this.templates = new RedisTemplates(this.redis, keys);
    this.events = new RedisEvents(this.redis, keys, ttl);
    this.messages = new RedisMessages(this.redis, keys, ttl);
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
    return this.run(() => this.directory.putOrganization(id, input));
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return this.run(() => this.directory.getOrganization(id));
  }
  async deleteOrganization(id: string): Promise<boolean> {
    return this.run(() => this.directory.deleteOrganization(id));
  }
  async putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>> {
    return this.run(() => this.directory.putUser(id, input));
  }
  async getUser(id: string): Promise<User | null> {
    return this.run(() => this.directory.getUser(id));
  }
  async getUsers(ids: string[]): Promise<Array<User | null>> {
    return this.run(() => this.directory.getUsers(ids));
  }
  async deleteUser(id: string): Promise<boolean> {
    return this.run(() => this.directory.deleteUser(id));
  }

  async putSenderConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>> {
    return this.run(() => this.senders.putConfig(record));
  }
  async getSenderConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null> {
    return this.run(() => this.senders.getConfig(eventType, organizationId));
  }
  async deleteSenderConfig(eventType: string, organizationId: string | null): Promise<boolean> {
    return this.run(() => this.senders.deleteConfig(eventType, organizationId));
  }
  async listSenderConfigs(): Promise<SenderConfigRecord[]> {
    return this.run(() => this.senders.listConfigs());
  }
  async getSenderState(key: string): Promise<SenderState> {
    return this.run(() => this.senders.getState(key));
  }
  async recordSenderFailure(key: string): Promise<number> {
    return this.run(() => this.senders.recordFailure(key));
  }
  async recordSenderSuccess(key: string): Promise<void> {
    return this.run(() => this.senders.recordSuccess(key));
  }
  async suspendSender(key: string, at: string): Promise<boolean> {
    return this.run(() => this.senders.suspend(key, at));
  }
  async resumeSender(key: string): Promise<void> {
    return this.run(() => this.senders.resume(key));
  }

  async putTemplate(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>> {
    return this.run(() => this.templates.put(id, input));
  }
  async getTemplate(id: string, version?: number): Promise<TemplateRecord | null> {
    return this.run(() => this.templates.get(id, version));
  }
  async listTemplates(): Promise<TemplateRecord[]> {
    return this.run(() => this.templates.list());
  }
  async deleteTemplate(id: string): Promise<boolean> {
    return this.run(() => this.templates.delete(id));
  }

  async createEvent(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    return this.run(() => this.events.create(event));
  }
  async getEvents(ids: string[]): Promise<EventRecord[]> {
    return this.run(() => this.events.getMany(ids));
  }
  async getEvent(id: string): Promise<EventRecord | null> {
    return this.run(() => this.events.get(id));
  }
  async markEventProcessed(id: string): Promise<void> {
    return this.run(() => this.events.markProcessed(id));
  }
  async listAcceptedEventIds(receivedBefore: Date, limit: number): Promise<string[]> {
    return this.run(() => this.events.listAccepted(receivedBefore, limit));
  }

  async createMessage(message: MessageRecord, options: CreateMessageOptions = {}): Promise<{ created: boolean; message: MessageRecord }> {
    return this.run(() => this.messages.create(message, options));
  }
  async getMessage(id: string): Promise<MessageRecord | null> {
    return this.run(() => this.messages.get(id));
  }
  async updateMessageIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null> {
    return this.run(() => this.messages.updateIf(id, expected, patch));
  }
  async updateMessage(id: string, patch: MessagePatch, expected?: MessageRecord, attempt?: AttemptRecord): Promise<MessageRecord | null> {
    return this.run(() => this.messages.update(id, patch, expected, attempt));
  }
  async listMessages(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>> {
    return this.run(() => this.messages.list(filter, limit, cursor));
  }
  async listMessagesForEvent(eventId: string): Promise<MessageRecord[]> {
    return this.run(() => this.messages.forEvent(eventId));
  }
  async countMessages(status: MessageStatus): Promise<number> {
    return this.run(() => this.messages.count(status));
  }
  async listHeldMessageIds(key: string): Promise<string[]> {
    return this.run(() => this.messages.listHeld(key));
  }
  async markHeld(key: string, messageId: string): Promise<void> {
    return this.run(() => this.messages.markHeld(key, messageId));
  }
  async releaseHeld(key: string, messageId: string): Promise<void> {
    return this.run(() => this.messages.releaseHeld(key, messageId));
  }
  async appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void> {
    return this.run(() => this.messages.appendAttempt(messageId, attempt));
  }
  async listAttempts(messageId: string): Promise<AttemptRecord[]> {
    return this.run(() => this.messages.listAttempts(messageId));
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    return this.run(() => this.events.putOutbox(entry));
  }
  async getOutbox(messageId: string): Promise<OutboxEntry | null> {
    return this.run(() => this.events.getOutbox(messageId));
  }
  async listOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.run(() => this.events.listOutbox(limit));
  }

  /** Every call goes through here so connection trouble becomes `unavailable`. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStoreError(err);
    }
  }
}
