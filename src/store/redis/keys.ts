import type { MessageStatus } from '../../delivery/message.record';

/**
 * Every Redis key the store uses, all under `${prefix}:`. "Expires": after the retention
 * (RETENTION_DAYS) from its last write; the rest stays until deleted. Per delivered message
 * there are two keys (its event's, shared by the event's messages, and its own) and one entry
 * in each of its type, organization and recipient indexes (a `sent` one in no status index).
 */
export function redisKeys(prefix: string) {
  const k = (...parts: string[]): string => [prefix, ...parts].join(':');
  return {
    /** An organization / a user (JSON). */
    organization: (id: string) => k('org', id),
    user: (id: string) => k('user', id),
    /** Ids of every organization / user (score 0: ordered by id), for listing the directory. */
    organizationIds: () => k('orgs'),
    userIds: () => k('users'),
    /** Set once the two id indexes hold every organization and user written before they existed. */
    directoryIndexed: () => k('directory-indexed'),
    /** Sender configurations (hash: one JSON field per event type and scope). */
    senderConfigs: () => k('senders'),
    /** A sender's suspension and consecutive failures (hash). */
    senderState: (senderKey: string) => k('sender-state', senderKey),
    /** A sender's recent failure times (sorted set, score = ms), for sliding-window suspension. */
    senderFailures: (senderKey: string) => k('sender-failures', senderKey),
    /** A stored template's versions (hash), and the ids of the templates not deleted (set). */
    template: (id: string) => k('template', id),
    templateIds: () => k('templates'),
    /**
     * An event (binary, codec.ts): status prefix, the ids of its messages, the event compressed.
     * Expires.
     */
    event: (id: string) => k('event', id),
    /** Events accepted and not processed yet (score = received ms), for the reaper. */
    eventsAccepted: () => k('events', 'accepted'),
    /** A message (binary, codec.ts): version, compact record, compressed variables, its attempts. Expires. */
    message: (id: string) => k('msg', id),
    /** Written before the type indexes took its place; no longer read or written, it expires. */
    messagesAll: () => k('msgs', 'all'),
    /** Names of the types that have a type index (a set): their indexes together hold every message once. Expires. */
    messageTypes: () => k('msgs', 'types'),
    /** Set once `messageTypes` names every type index written before it existed. */
    messageTypesIndexed: () => k('msgs', 'types-indexed'),
    /**
     * Message ids by status (score = createdAt ms), for pending, failed, skipped and held only:
     * `sent` is counted and listed from the type indexes (messages.ts); a `msgs:status:sent`
     * written before is no longer read or written and expires. Expires.
     */
    messagesByStatus: (status: MessageStatus) => k('msgs', 'status', status),
    /** Message ids by event type (score = createdAt ms); every message is in exactly one. Expires. */
    messagesByType: (type: string) => k('msgs', 'type', type),
    /** Message ids by organization (score = createdAt ms). Expires. */
    messagesByOrg: (organizationId: string) => k('msgs', 'org', organizationId),
    /** By recipient address, lower-cased (see `normalEmail`). Expires. */
    messagesByEmail: (normalEmail: string) => k('msgs', 'email', normalEmail),
    /**
     * An event's message ids (sorted set) as written before they moved into the event's value;
     * still read, and still written for a message whose event has no value to hold it. Expires.
     */
    eventMessages: (eventId: string) => k('event-msgs', eventId),
    /** Held message ids of one sender key (sorted set, score = ms held). Expires. */
    held: (senderKey: string) => k('held', senderKey),
    /**
     * A message's attempts (list of JSON) as written before they moved into the message's
     * value; still read, and still written for a message whose value cannot hold them. Expires.
     */
    attempts: (messageId: string) => k('attempts', messageId),
    /** A dev-outbox email (JSON), and the newest-first index of them; only the newest 1,000 are kept (outbox.ts). Expire. */
    outbox: (messageId: string) => k('outbox', messageId),
    outboxIndex: () => k('outbox-index'),
    /** A console session, by the hash of its id. */
    session: (key: string) => k('session', key),
    /** Failed console sign-ins of one client in the current window. */
    signInFailures: (client: string) => k('sign-in-failures', client),
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
