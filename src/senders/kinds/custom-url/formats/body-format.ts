import type { Organization, User } from '../../../../directory/directory.schema';
import type { EventRecord } from '../../../../events/event.record';
import { heraldBody } from './herald.format';
import { ordercloudBody } from './ordercloud.format';
import { standardBody } from './standard.format';
import { renderBodyTemplate } from './template.format';

/** The body shapes a custom-url sender can send (SPEC §6 `format`). */
export const BODY_FORMATS = ['herald', 'ordercloud', 'standard', 'template'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

/** Everything a body format may use about one message. */
export interface FormatInput {
  messageId: string;
  event: EventRecord;
  /** OrderCloud's MessageType of the event type. */
  messageType: string;
  user: User;
  organization: Organization;
  cc: string[];
  /** The sender's free-form `configData` (OrderCloud's `ConfigData`). */
  configData: Record<string, unknown> | undefined;
  /** When this attempt is made. */
  at: Date;
  /** The message's merge variables (SPEC §5), resolved on demand: only templates use them. */
  variables(): Record<string, unknown>;
}

/** The exact body text of one delivery: what is signed and sent. */
export function bodyText(format: BodyFormat, input: FormatInput, bodyTemplate: string | undefined): string {
  switch (format) {
    case 'herald':
      return JSON.stringify(heraldBody(input));
    case 'ordercloud':
      return JSON.stringify(ordercloudBody(input));
    case 'standard':
      return JSON.stringify(standardBody(input));
    case 'template':
      return renderBodyTemplate(bodyTemplate ?? '', input);
    default: {
      const never: never = format;
      throw new Error(`unknown body format ${String(never)}`);
    }
  }
}
