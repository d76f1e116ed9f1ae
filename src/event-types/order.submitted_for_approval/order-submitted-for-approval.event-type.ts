import { defineEventType } from '../define-event-type';
import { orderEventDataSchema } from '../shared/order-family.schema';
import { orderFamilyVariables } from '../shared/order-family.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, samplePerson, sampleUser } from '../shared/samples';

/** The buyer submitted an order that needs approval: they are told it waits. */
export const orderSubmittedForApproval = defineEventType({
  type: 'order.submitted_for_approval',
  messageType: 'OrderSubmittedForApproval',
  data: orderEventDataSchema,
  ...toUser,
  variables: orderFamilyVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.submitted_for_approval',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    approvals: sampleApprovals.pending,
  },
});
