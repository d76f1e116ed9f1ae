import type { Organization, User } from '../../directory/directory.schema';
import type { Person } from './common.schema';

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

/** A person an event describes, named for an email: full name, else username, else email, else the fallback. */
export function personName(person: Person | undefined, fallback: string): string {
  const full = [person?.firstName, person?.lastName].filter((part) => part).join(' ');
  return full || person?.username || person?.email || fallback;
}
