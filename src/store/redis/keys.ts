import type { MessageStatus } from '../../delivery/message.record';

/** Every Redis key the store uses, all under `${prefix}:`. */
export function redisKeys(prefix: string) {
  const k = (...parts: string[]): string => [prefix, ...parts].join(':');
  return {
    organization: (id: string) => k('org', id),
    user: (id: string) => k('user', id),
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
    messagesAll: () => k('msgs', 'all'),
    messagesByStatus: (status: MessageStatus) => k('msgs', 'status', status),
    messagesByType: (type: string) => k('msgs', 'type', type),
    messagesByOrg: (organizationId: string) => k('msgs', 'org', organizationId),
    eventMessages: (eventId: string) => k('event-msgs', eventId),
    held: (senderKey: string) => k('held', senderKey),
    attempts: (messageId: string) => k('attempts', messageId),
    outbox: (messageId: string) => k('outbox', messageId),
    outboxIndex: () => k('outbox-index'),
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
