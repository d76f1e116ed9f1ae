import type { MessageRecord } from '../delivery/message.record';
import type { MessageFilter } from '../delivery/message.store';

/** True when the message passes every filter that is set. */
export function matchesFilter(m: MessageRecord, filter: MessageFilter): boolean {
  return (
    (filter.status === undefined || m.status === filter.status) &&
    (filter.type === undefined || m.type === filter.type) &&
    (filter.organizationId === undefined || m.organizationId === filter.organizationId) &&
    (filter.recipientEmail === undefined || (m.recipient.email !== null && normalEmail(m.recipient.email) === normalEmail(filter.recipientEmail)))
  );
}

/** Addresses compare (and are indexed) case-insensitively: people type them either way. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}
