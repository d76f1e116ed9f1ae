import type { Organization, User } from '../../directory/directory.schema';

/** Who a message goes to, and when: what the common variables are made of. */
export interface VariableContext {
  user: User;
  organization: Organization;
  /** When the message is being prepared (sets `currentyear`). */
  now: Date;
}

/** Merge variables of every event type (OrderCloud names, lower-case). */
export function commonVariables(ctx: VariableContext): Record<string, unknown> {
  const { user, organization } = ctx;
  return {
    firstname: user.firstName,
    lastname: user.lastName,
    // OrderCloud users always have a username; Herald's may not, and the email is what they log in with
    username: user.username ?? user.email,
    email: user.email,
    company: organization.name,
    currentyear: ctx.now.getUTCFullYear(),
    // money and dates in the templates are formatted for it
    locale: user.locale ?? 'en-US',
  };
}
