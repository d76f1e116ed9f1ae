import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { AttemptRecord, MessageRecord, MessageStatus, OutboxEntry } from '../delivery/message.record';
import type { SenderConfigRecord, SenderState } from '../senders/sender-config.schema';
import type { TemplateInput, TemplateRecord } from '../templates/template.record';
import { MemoryDirectory } from './memory-directory';
import { MemoryEvents } from './memory-events';
import { MemoryMessages } from './memory-messages';
import { MemorySenders } from './memory-senders';
import { MemoryTemplates } from './memory-templates';
import type { CreateMessageOptions, MessageFilter, Page, PutResult, Store, MessagePatch } from './store.port';

// Kept here for importers of the old location; the filter lives in message-filter.ts.

/**
 * The embedded-mode store: plain maps in this process, nothing persisted, no retention.
 * Values go in and come out as copies so callers cannot change stored state by accident.
 * Each area lives in its own class (`MemoryDirectory`, `MemorySenders`, `MemoryTemplates`,
 * `MemoryEvents`, `MemoryMessages`); this class only delegates.
 */
export class MemoryStore implements Store {
  private readonly directory: MemoryDirectory;
  private readonly senders: MemorySenders;
  private readonly templates: MemoryTemplates;
  private readonly events = new MemoryEvents();
  private readonly messages: MemoryMessages;

  constructor(now: () => Date = () => new Date()) {
    this.directory = new MemoryDirectory(now);
    this.senders = new MemorySenders(now);
    this.templates = new MemoryTemplates(now);
    this.messages = new MemoryMessages(now);
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}

  async putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<Organization>> {
    return this.directory.putOrganization(id, input);
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return this.directory.getOrganization(id);
  }
  async deleteOrganization(id: string): Promise<boolean> {
    return this.directory.deleteOrganization(id);
  }
  async putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>> {
    return this.directory.putUser(id, input);
  }
  async getUser(id: string): Promise<User | null> {
    return this.directory.getUser(id);
  }
  async getUsers(ids: string[]): Promise<Array<User | null>> {
    return ids.map((id) => this.directory.getUser(id));
  }
  async deleteUser(id: string): Promise<boolean> {
    return this.directory.deleteUser(id);
  }

  async putSenderConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>> {
    return this.senders.putConfig(record);
  }
  async getSenderConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null> {
    return this.senders.getConfig(eventType, organizationId);
  }
  async deleteSenderConfig(eventType: string, organizationId: string | null): Promise<boolean> {
    return this.senders.deleteConfig(eventType, organizationId);
  }
  async listSenderConfigs(): Promise<SenderConfigRecord[]> {
    return this.senders.listConfigs();
  }
  async getSenderState(key: string): Promise<SenderState> {
    return this.senders.getState(key);
  }
  async recordSenderFailure(key: string): Promise<number> {
    return this.senders.recordFailure(key);
  }
  async recordSenderSuccess(key: string): Promise<void> {
    this.senders.recordSuccess(key);
  }
  async suspendSender(key: string, at: string): Promise<boolean> {
    return this.senders.suspend(key, at);
  }
  async resumeSender(key: string): Promise<void> {
    this.senders.resume(key);
  }

  async putTemplate(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>> {
    return this.templates.put(id, input);
  }
  async getTemplate(id: string, version?: number): Promise<TemplateRecord | null> {
    return this.templates.get(id, version);
  }
  async listTemplates(): Promise<TemplateRecord[]> {
    return this.templates.list();
  }
  async deleteTemplate(id: string): Promise<boolean> {
    return this.templates.delete(id);
  }

  async createEvent(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    return this.events.create(event);
  }
  async getEvents(ids: string[]): Promise<EventRecord[]> {
    return ids.flatMap((id) => this.events.get(id) ?? []);
  }
  async getEvent(id: string): Promise<EventRecord | null> {
    return this.events.get(id);
  }
  async markEventProcessed(id: string): Promise<void> {
    this.events.markProcessed(id);
  }
  async listAcceptedEventIds(receivedBefore: Date, limit: number): Promise<string[]> {
    return this.events.listAccepted(receivedBefore, limit);
  }

  async createMessage(message: MessageRecord, options: CreateMessageOptions = {}): Promise<{ created: boolean; message: MessageRecord }> {
    const result = this.messages.create(message);
    if (options.markEventProcessed) this.events.markProcessed(message.eventId);
    return result;
  }
  async getMessage(id: string): Promise<MessageRecord | null> {
    return this.messages.get(id);
  }
  async updateMessageIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null> {
    return this.messages.updateIf(id, expected, patch);
  }
  /** `expected` is only a Redis round-trip optimisation; nothing to save here. */
  async updateMessage(id: string, patch: MessagePatch, _expected?: MessageRecord, attempt?: AttemptRecord): Promise<MessageRecord | null> {
    if (attempt) this.messages.appendAttempt(id, attempt);
    return this.messages.update(id, patch);
  }
  async listMessages(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>> {
    return this.messages.list(filter, limit, cursor);
  }
  async listMessagesForEvent(eventId: string): Promise<MessageRecord[]> {
    return this.messages.forEvent(eventId);
  }
  async countMessages(status: MessageStatus): Promise<number> {
    return this.messages.count(status);
  }
  async listHeldMessageIds(key: string): Promise<string[]> {
    return this.messages.listHeld(key);
  }
  async markHeld(key: string, messageId: string): Promise<void> {
    this.messages.markHeld(key, messageId);
  }
  async releaseHeld(key: string, messageId: string): Promise<void> {
    this.messages.releaseHeld(key, messageId);
  }
  async appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void> {
    this.messages.appendAttempt(messageId, attempt);
  }
  async listAttempts(messageId: string): Promise<AttemptRecord[]> {
    return this.messages.listAttempts(messageId);
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    this.events.putOutbox(entry);
  }
  async getOutbox(messageId: string): Promise<OutboxEntry | null> {
    return this.events.getOutbox(messageId);
  }
  async listOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.events.listOutbox(limit);
  }
}
