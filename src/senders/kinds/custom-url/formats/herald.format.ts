import type { FormatInput } from './body-format';

/** The `herald` body a custom URL receives by default (SPEC §6). */
export interface HeraldBody {
  id: string;
  type: string;
  timestamp: string;
  eventId: string;
  recipient: { id: string; email: string; firstName: string; lastName: string; username: string | null; organizationId: string };
  organization: { id: string; name: string };
  cc: string[];
  data: Record<string, unknown>;
}

export function heraldBody({ messageId, event, user, organization, cc, at }: FormatInput): HeraldBody {
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
