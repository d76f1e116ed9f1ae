import { defineEventType } from '../define-event-type';
import { toUser } from '../shared/recipients';
import { sampleOrder, sampleShipTo, sampleUser } from '../shared/samples';
import { orderShippedDataSchema } from './order-shipped.schema';
import { orderShippedVariables } from './order-shipped.variables';

/** A shipment of an order left: the order's buyer is told, with the tracking link. */
export const orderShipped = defineEventType({
  type: 'order.shipped',
  messageType: 'ShipmentCreated',
  data: orderShippedDataSchema,
  ...toUser,
  variables: orderShippedVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order.shipped',
  sample: {
    userId: sampleUser.id,
    order: sampleOrder,
    shipment: {
      id: 'SH-5001',
      shipper: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      dateShipped: '2026-11-21T15:30:00Z',
      toAddress: sampleShipTo,
      xp: {},
    },
    items: [
      { lineItemId: 'li1', productId: 'TENT-2P', productName: 'Summit 2-Person Tent', productDescription: 'Ultralight, forest green', quantityShipped: 2, lineTotal: 60 },
      { lineItemId: 'li2', productId: 'LAMP-USB', productName: 'Trail Lantern', productDescription: 'Rechargeable, 400 lumens', quantityShipped: 1, lineTotal: 40 },
    ],
  },
});
