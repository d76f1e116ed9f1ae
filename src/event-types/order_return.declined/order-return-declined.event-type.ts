import { defineEventType } from '../define-event-type';
import { orderReturnDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, sampleOrderReturn, samplePerson, sampleUser } from '../shared/samples';

/** The buyer's return was declined: they are told why. */
export const orderReturnDeclined = defineEventType({
  type: 'order_return.declined',
  messageType: 'OrderReturnDeclined',
  data: orderReturnDataSchema,
  ...toUser,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.declined',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('Declined'),
    approvals: sampleApprovals.declined,
  },
});
