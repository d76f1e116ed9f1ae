import { defineEventType } from '../define-event-type';
import { toUser } from '../shared/recipients';
import { sampleOrder, sampleShipTo, sampleUser } from '../shared/samples';
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
    lineItems: [
      {
        id: 'li1', productId: 'TENT-2P', productName: 'Summit 2-Person Tent',
        productDescription: 'Ultralight, forest green', quantity: 2, unitPrice: 30, lineTotal: 60, shippingAddress: sampleShipTo,
      },
      {
        id: 'li2', productId: 'LAMP-USB', productName: 'Trail Lantern',
        productDescription: 'Rechargeable, 400 lumens', quantity: 1, unitPrice: 40, lineTotal: 40, shippingAddress: sampleShipTo,
      },
    ],
  },
});
