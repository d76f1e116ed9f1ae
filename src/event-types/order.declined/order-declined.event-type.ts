import { defineEventType } from '../define-event-type';
import { orderEventDataSchema } from '../shared/order-family.schema';
import { orderFamilyVariables } from '../shared/order-family.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, samplePerson, sampleUser } from '../shared/samples';

/** The buyer's order was declined by an approver: they are told why. */
export const orderDeclined = defineEventType({
  type: 'order.declined',
  messageType: 'OrderDeclined',
  data: orderEventDataSchema,
  ...toUser,
  variables: orderFamilyVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.declined',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    approvals: sampleApprovals.declined,
  },
});
