import { EventTypeCatalog } from './event-type-catalog';
import { orderApprovalApproved } from './order.approval_approved/order-approval-approved.event-type';
import { orderApprovalDeclined } from './order.approval_declined/order-approval-declined.event-type';
import { orderApprovalRequested } from './order.approval_requested/order-approval-requested.event-type';
import { orderApproved } from './order.approved/order-approved.event-type';
import { orderDeclined } from './order.declined/order-declined.event-type';
import { orderShipped } from './order.shipped/order-shipped.event-type';
import { orderSubmitted } from './order.submitted/order-submitted.event-type';
import { orderSubmittedForApproval } from './order.submitted_for_approval/order-submitted-for-approval.event-type';
import { orderReturnApprovalApproved } from './order_return.approval_approved/order-return-approval-approved.event-type';
import { orderReturnApprovalDeclined } from './order_return.approval_declined/order-return-approval-declined.event-type';
import { orderReturnApprovalRequested } from './order_return.approval_requested/order-return-approval-requested.event-type';
import { orderReturnApproved } from './order_return.approved/order-return-approved.event-type';
import { orderReturnCompleted } from './order_return.completed/order-return-completed.event-type';
import { orderReturnDeclined } from './order_return.declined/order-return-declined.event-type';
import { orderReturnSubmitted } from './order_return.submitted/order-return-submitted.event-type';
import { orderReturnSubmittedForApproval } from './order_return.submitted_for_approval/order-return-submitted-for-approval.event-type';
import { productCollectionInvitationAccepted } from './product_collection.invitation_accepted/invitation-accepted.event-type';
import { productCollectionInvitationDeclined } from './product_collection.invitation_declined/invitation-declined.event-type';
import { subscriptionReminder } from './subscription.reminder/subscription-reminder.event-type';
import { userInvited } from './user.invited/user-invited.event-type';
import { oneTimePassword } from './user.one_time_password/one-time-password.event-type';
import { passwordReset } from './user.password_reset/password-reset.event-type';
import { usernameReminder } from './user.username_reminder/username-reminder.event-type';

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
  orderReturnSubmitted,
  orderReturnSubmittedForApproval,
  orderReturnApprovalRequested,
  orderReturnApproved,
  orderReturnDeclined,
  orderReturnApprovalApproved,
  orderReturnApprovalDeclined,
  orderReturnCompleted,
  passwordReset,
  userInvited,
  usernameReminder,
  oneTimePassword,
  subscriptionReminder,
  productCollectionInvitationAccepted,
  productCollectionInvitationDeclined,
] as const;

/** The catalog of the built-in types (the composition root's default). */
export function builtinEventTypes(): EventTypeCatalog {
  return new EventTypeCatalog(BUILTIN_EVENT_TYPES);
}
