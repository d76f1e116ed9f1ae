import { defineEventType } from '../define-event-type';
import { orderReturnApprovalDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toApprovers } from '../shared/recipients';
import { sampleApprovals, sampleBuyer, sampleLineItems, sampleOrderBy, sampleOrderReturn, sampleUser } from '../shared/samples';

/** A return the approvers were asked about was declined: every approver named is told. */
export const orderReturnApprovalDeclined = defineEventType({
  type: 'order_return.approval_declined',
  messageType: 'OrderReturnSubmittedForYourApprovalHasBeenDeclined',
  data: orderReturnApprovalDataSchema,
  ...toApprovers,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.approval_declined',
  sample: {
    userId: sampleBuyer.id,
    order: sampleOrderBy(sampleBuyer),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('Declined'),
    approvals: sampleApprovals.declined,
    approverUserIds: [sampleUser.id, 'approver-2'],
  },
});
