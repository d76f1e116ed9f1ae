import { defineEventType } from '../define-event-type';
import { orderApprovalDataSchema } from '../shared/order-family.schema';
import { orderFamilyVariables } from '../shared/order-family.variables';
import { toApprovers } from '../shared/recipients';
import { sampleApprovals, sampleBuyer, sampleLineItems, sampleOrderBy, sampleUser } from '../shared/samples';

/** An order the approvers were asked about was declined: every approver named is told. */
export const orderApprovalDeclined = defineEventType({
  type: 'order.approval_declined',
  messageType: 'OrderSubmittedForYourApprovalHasBeenDeclined',
  data: orderApprovalDataSchema,
  ...toApprovers,
  variables: orderFamilyVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.approval_declined',
  sample: {
    userId: sampleBuyer.id,
    order: sampleOrderBy(sampleBuyer),
    lineItems: sampleLineItems,
    approvals: sampleApprovals.declined,
    approverUserIds: [sampleUser.id, 'approver-2'],
  },
});
