import { EventTypeCatalog } from './event-type-catalog';
import { orderShipped } from './order.shipped/order-shipped.event-type';
import { orderSubmitted } from './order.submitted/order-submitted.event-type';
import { passwordReset } from './user.password_reset/password-reset.event-type';

/**
 * Herald's built-in event types, one line each, in the order the API lists them. Adding a
 * type: a folder beside these (see README "Extending Herald"), its line here, its template
 * in `templates/<type>/`.
 */
export const BUILTIN_EVENT_TYPES = [
  orderSubmitted,
  orderShipped,
  passwordReset,
] as const;

/** The catalog of the built-in types (the composition root's default). */
export function builtinEventTypes(): EventTypeCatalog {
  return new EventTypeCatalog(BUILTIN_EVENT_TYPES);
}
