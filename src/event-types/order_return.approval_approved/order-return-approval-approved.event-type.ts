import { defineEventType } from '../define-event-type';
import { orderReturnApprovalDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toApprovers } from '../shared/recipients';
import { sampleApprovals, sampleBuyer, sampleLineItems, sampleOrderBy, sampleOrderReturn, sampleUser } from '../shared/samples';

/** A return the approvers were asked about was approved: every approver named is told. */
export const orderReturnApprovalApproved = defineEventType({
  type: 'order_return.approval_approved',
  messageType: 'OrderReturnSubmittedForYourApprovalHasBeenApproved',
  data: orderReturnApprovalDataSchema,
  ...toApprovers,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.approval_approved',
  sample: {
    userId: sampleBuyer.id,
    order: sampleOrderBy(sampleBuyer),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('Open'),
    approvals: sampleApprovals.approved,
    approverUserIds: [sampleUser.id, 'approver-2'],
  },
});
