import type { Organization, User } from '../../../directory/directory.schema';
import type { EventTypeCatalog } from '../../../event-types/event-type-catalog';
import type { EventRecord } from '../../../events/event.record';
import type { CustomUrlConfig } from './custom-url.schema';
import type { FormatInput } from './formats/body-format';
import type { PlaceholderValues } from './url-placeholders';

/** What a URL and a body are made from, for one message. */
export interface MessageInput {
  placeholders: PlaceholderValues;
  format: FormatInput;
}

type Catalog = Pick<EventTypeCatalog, 'get' | 'resolveVariables'>;

/** What one attempt knows about its message. */
export interface MessageFacts {
  messageId: string;
  event: EventRecord;
  user: User;
  organization: Organization;
  config: Pick<CustomUrlConfig, 'cc' | 'configData'>;
  at: Date;
  eventTypes: Catalog;
}

const orderIdOf = (data: Record<string, unknown>): string | undefined => {
  const order = data.order;
  const id = order !== null && typeof order === 'object' ? (order as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** One message's URL values and body input, at the time of this attempt. */
export function messageInput({ messageId, event, user, organization, config, at, eventTypes }: MessageFacts): MessageInput {
  const { messageType } = eventTypes.get(event.type);
  return {
    placeholders: {
      eventType: event.type, messageType, eventId: event.id, messageId,
      userId: user.id, organizationId: user.organizationId, orderId: orderIdOf(event.data),
    },
    format: {
      messageId, event, messageType, user, organization, cc: config.cc, configData: config.configData, at,
      variables: () => eventTypes.resolveVariables(event.type, event.data, { user, organization, now: at }),
    },
  };
}

/** The same for an event type's sample (checks at `PUT`): its sample user, organization and data. */
export function sampleInput(eventTypes: Catalog & Pick<EventTypeCatalog, 'sample'>, eventType: string, config: MessageFacts['config']): MessageInput {
  const { user, organization, data } = eventTypes.sample(eventType);
  const at = new Date();
  const event: EventRecord = { id: 'evt_sample', type: eventType, status: 'processed', occurredAt: at.toISOString(), receivedAt: at.toISOString(), data };
  return messageInput({ messageId: 'msg_sample', event, user, organization, config, at, eventTypes });
}
