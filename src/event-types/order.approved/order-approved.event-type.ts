import { defineEventType } from '../define-event-type';
import { orderEventDataSchema } from '../shared/order-family.schema';
import { orderFamilyVariables } from '../shared/order-family.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, samplePerson, sampleUser } from '../shared/samples';

/** The buyer's order was approved: it goes on as an ordinary order, and they are told. */
export const orderApproved = defineEventType({
  type: 'order.approved',
  messageType: 'OrderApproved',
  data: orderEventDataSchema,
  ...toUser,
  variables: orderFamilyVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.approved',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    approvals: sampleApprovals.approved,
  },
});
