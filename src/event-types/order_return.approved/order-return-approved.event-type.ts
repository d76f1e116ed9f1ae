import { defineEventType } from '../define-event-type';
import { orderReturnDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, sampleOrderReturn, samplePerson, sampleUser } from '../shared/samples';

/** The buyer's return was approved: they are told what to send back and what they get. */
export const orderReturnApproved = defineEventType({
  type: 'order_return.approved',
  messageType: 'OrderReturnApproved',
  data: orderReturnDataSchema,
  ...toUser,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.approved',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('Open'),
    approvals: sampleApprovals.approved,
  },
});
