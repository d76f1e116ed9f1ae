import type { MessageStatus } from '../../delivery/message.record';

/** Every Redis key the store uses, all under `${prefix}:`. */
export function redisKeys(prefix: string) {
  const k = (...parts: string[]): string => [prefix, ...parts].join(':');
  return {
    organization: (id: string) => k('org', id),
    user: (id: string) => k('user', id),
    /** Ids of every organization / user (score 0: ordered by id), for listing the directory. */
    organizationIds: () => k('orgs'),
    userIds: () => k('users'),
    /** Set once the two id indexes hold every organization and user written before they existed. */
    directoryIndexed: () => k('directory-indexed'),
    senderConfigs: () => k('senders'),
    senderState: (senderKey: string) => k('sender-state', senderKey),
    /** A sender's recent failure times (sorted set, score = ms), for sliding-window suspension. */
    senderFailures: (senderKey: string) => k('sender-failures', senderKey),
    template: (id: string) => k('template', id),
    templateIds: () => k('templates'),
    event: (id: string) => k('event', id),
    /** Events accepted and not processed yet (score = received ms), for the reaper. */
    eventsAccepted: () => k('events', 'accepted'),
    message: (id: string) => k('msg', id),
    /** Written before the type indexes took its place; no longer read or written, it expires. */
    messagesAll: () => k('msgs', 'all'),
    /** Names of the types that have a type index (a set): their indexes together hold every message once. */
    messageTypes: () => k('msgs', 'types'),
    /** Set once `messageTypes` names every type index written before it existed. */
    messageTypesIndexed: () => k('msgs', 'types-indexed'),
    messagesByStatus: (status: MessageStatus) => k('msgs', 'status', status),
    messagesByType: (type: string) => k('msgs', 'type', type),
    messagesByOrg: (organizationId: string) => k('msgs', 'org', organizationId),
    /** By recipient address, lower-cased (see `normalEmail`). */
    messagesByEmail: (normalEmail: string) => k('msgs', 'email', normalEmail),
    eventMessages: (eventId: string) => k('event-msgs', eventId),
    held: (senderKey: string) => k('held', senderKey),
    attempts: (messageId: string) => k('attempts', messageId),
    outbox: (messageId: string) => k('outbox', messageId),
    outboxIndex: () => k('outbox-index'),
    /** A console session, by the hash of its id. */
    session: (key: string) => k('session', key),
    /** Failed console sign-ins of one client in the current window. */
    signInFailures: (client: string) => k('sign-in-failures', client),
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
