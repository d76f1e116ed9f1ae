/**
 * The recipient rules of the built-in types, each with the description `GET /v1/event-types`
 * shows for it. Spread one into a definition: `defineEventType({ ..., ...toUser })`.
 */

/** The user the event names: the buyer, the user asking, the user who invited. */
export const toUser = {
  recipientRule: 'userId',
  recipients: (data: { userId: string }): string[] => [data.userId],
};

/**
 * Every approver the event names, once each: one message per approver, each checked for an
 * active user and organization on its own (SPEC §2). A duplicate id would only name the same
 * message twice.
 */
export const toApprovers = {
  recipientRule: 'approverUserIds',
  recipients: (data: { approverUserIds: readonly string[] }): string[] => [...new Set(data.approverUserIds)],
};
