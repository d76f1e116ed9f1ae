import type { Person } from './common.schema';
import { personName } from './common.variables';
import type { Approval, OrderEventData } from './order-family.schema';
import { orderVariables } from './order.variables';

/**
 * Who placed the order (`order.fromUser`, else just `data.userId`): approval emails say who
 * asked. The recipient's own names stay `firstname`/`lastname`.
 */
export function buyerVariables(userId: string, fromUser: Person | undefined): Record<string, unknown> {
  return {
    buyeruserid: userId,
    buyername: personName(fromUser, userId),
    buyerfirstname: fromUser?.firstName ?? '',
    buyerlastname: fromUser?.lastName ?? '',
    buyeremail: fromUser?.email ?? '',
  };
}

function approvalItem(approval: Approval): Record<string, unknown> {
  return {
    approvinggroupid: approval.approvingGroupId ?? '',
    approvinguserid: approval.approvingUserId ?? '',
    approvername: personName(approval.approver, approval.approvingUserId ?? ''),
    status: approval.status,
    comments: approval.comments ?? '',
    datecreated: approval.dateCreated ?? '',
    datecompleted: approval.dateCompleted ?? '',
  };
}

/**
 * `approvals[]` as posted, and the decision that prompted a decided/approved email: the last
 * approval that is no longer pending (`approvalstatus`, `approvalcomments`, `approvername`,
 * `approvaldate`).
 */
export function approvalVariables(approvals: Approval[] = []): Record<string, unknown> {
  const decision = approvals.findLast((approval) => approval.status !== 'Pending');
  return {
    approvals: approvals.map(approvalItem),
    approvalstatus: decision?.status ?? (approvals.length > 0 ? 'Pending' : ''),
    approvalcomments: decision?.comments ?? '',
    approvername: decision ? personName(decision.approver, decision.approvingUserId ?? '') : '',
    approvaldate: decision?.dateCompleted ?? '',
  };
}

/** The order types beyond submitted and shipped: order, buyer and approvals. */
export function orderFamilyVariables(data: OrderEventData): Record<string, unknown> {
  return {
    ...orderVariables(data.order, data.lineItems),
    ...buyerVariables(data.userId, data.order.fromUser),
    ...approvalVariables(data.approvals),
  };
}
