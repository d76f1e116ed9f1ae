import { defineEventType } from '../define-event-type';
import { toUser } from '../shared/recipients';
import { sampleLineItems, sampleOrder, sampleUser } from '../shared/samples';
import { orderSubmittedDataSchema } from './order-submitted.schema';
import { orderSubmittedVariables } from './order-submitted.variables';

/** A buyer submitted an order: they get the confirmation. */
export const orderSubmitted = defineEventType({
  type: 'order.submitted',
  messageType: 'OrderSubmitted',
  data: orderSubmittedDataSchema,
  ...toUser,
  variables: orderSubmittedVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.submitted',
  sample: {
    userId: sampleUser.id,
    order: sampleOrder,
    lineItems: sampleLineItems,
  },
});
