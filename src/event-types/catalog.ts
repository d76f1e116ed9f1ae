import { EventTypeCatalog } from './event-type-catalog';
import { orderApprovalApproved } from './order.approval_approved/order-approval-approved.event-type';
import { orderApprovalDeclined } from './order.approval_declined/order-approval-declined.event-type';
import { orderApprovalRequested } from './order.approval_requested/order-approval-requested.event-type';
import { orderApproved } from './order.approved/order-approved.event-type';
import { orderDeclined } from './order.declined/order-declined.event-type';
import { orderShipped } from './order.shipped/order-shipped.event-type';
import { orderSubmitted } from './order.submitted/order-submitted.event-type';
import { orderSubmittedForApproval } from './order.submitted_for_approval/order-submitted-for-approval.event-type';
import { passwordReset } from './user.password_reset/password-reset.event-type';

/**
 * Herald's built-in event types, one line each, in the order the API lists them (SPEC §2's
 * table: every OrderCloud message type). Adding a type: a folder beside these (see README
 * "Extending Herald"), its line here, its template in `templates/<type>/`.
 */
export const BUILTIN_EVENT_TYPES = [
  orderSubmitted,
  orderShipped,
  orderDeclined,
  orderApproved,
  orderSubmittedForApproval,
  orderApprovalRequested,
  orderApprovalApproved,
  orderApprovalDeclined,
  passwordReset,
] as const;

/** The catalog of the built-in types (the composition root's default). */
export function builtinEventTypes(): EventTypeCatalog {
  return new EventTypeCatalog(BUILTIN_EVENT_TYPES);
}
