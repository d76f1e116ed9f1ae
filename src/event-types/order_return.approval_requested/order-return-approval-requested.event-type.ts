import { defineEventType } from '../define-event-type';
import { orderReturnApprovalDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toApprovers } from '../shared/recipients';
import { sampleApprovals, sampleBuyer, sampleLineItems, sampleOrderBy, sampleOrderReturn, sampleUser } from '../shared/samples';

/** A return waits for approval: every approver named is asked, each with a message of their own. */
export const orderReturnApprovalRequested = defineEventType({
  type: 'order_return.approval_requested',
  messageType: 'OrderReturnSubmittedForYourApproval',
  data: orderReturnApprovalDataSchema,
  ...toApprovers,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.approval_requested',
  sample: {
    userId: sampleBuyer.id,
    order: sampleOrderBy(sampleBuyer),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('AwaitingApproval'),
    approvals: sampleApprovals.pending,
    approverUserIds: [sampleUser.id, 'approver-2'],
  },
});
