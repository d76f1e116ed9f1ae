import { defineEventType } from '../define-event-type';
import { orderApprovalDataSchema } from '../shared/order-family.schema';
import { orderFamilyVariables } from '../shared/order-family.variables';
import { toApprovers } from '../shared/recipients';
import { sampleApprovals, sampleBuyer, sampleLineItems, sampleOrderBy, sampleUser } from '../shared/samples';

/** An order waits for approval: every approver named is asked, each with a message of their own. */
export const orderApprovalRequested = defineEventType({
  type: 'order.approval_requested',
  messageType: 'OrderSubmittedForYourApproval',
  data: orderApprovalDataSchema,
  ...toApprovers,
  variables: orderFamilyVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.approval_requested',
  sample: {
    userId: sampleBuyer.id,
    order: sampleOrderBy(sampleBuyer),
    lineItems: sampleLineItems,
    approvals: sampleApprovals.pending,
    approverUserIds: [sampleUser.id, 'approver-2'],
  },
});
