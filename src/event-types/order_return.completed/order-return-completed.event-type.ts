import { defineEventType } from '../define-event-type';
import { orderReturnDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, sampleOrderReturn, samplePerson, sampleUser } from '../shared/samples';

/** The buyer's return is complete: they are told the refund was issued. */
export const orderReturnCompleted = defineEventType({
  type: 'order_return.completed',
  messageType: 'OrderReturnCompleted',
  data: orderReturnDataSchema,
  ...toUser,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.completed',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('Completed'),
    approvals: sampleApprovals.approved,
  },
});
