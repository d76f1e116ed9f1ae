import type { Organization, User } from '../../../directory/directory.schema';
import type { EventRecord } from '../../../events/event.record';

/** The JSON body a custom URL receives (SPEC §6). */
export interface WebhookBody {
  id: string;
  type: string;
  timestamp: string;
  eventId: string;
  recipient: { id: string; email: string; firstName: string; lastName: string; username: string | null; organizationId: string };
  organization: { id: string; name: string };
  cc: string[];
  data: Record<string, unknown>;
}

export function webhookBody(messageId: string, event: EventRecord, user: User, organization: Organization, cc: string[], at: Date): WebhookBody {
  return {
    id: messageId,
    type: event.type,
    timestamp: at.toISOString(),
    eventId: event.id,
    recipient: {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      username: user.username ?? null,
      organizationId: user.organizationId,
    },
    organization: { id: organization.id, name: organization.name },
    cc,
    data: event.data,
  };
}
