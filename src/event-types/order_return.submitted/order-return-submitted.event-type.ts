import { defineEventType } from '../define-event-type';
import { orderReturnDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toUser } from '../shared/recipients';
import { sampleLineItems, sampleOrderBy, sampleOrderReturn, samplePerson, sampleUser } from '../shared/samples';

/** The buyer asked to return items: they get the confirmation, with the refund expected. */
export const orderReturnSubmitted = defineEventType({
  type: 'order_return.submitted',
  messageType: 'OrderReturnSubmitted',
  data: orderReturnDataSchema,
  ...toUser,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.submitted',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('Open'),
  },
});
