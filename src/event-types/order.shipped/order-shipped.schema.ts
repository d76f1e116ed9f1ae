import { z } from 'zod';
import { addressSchema, entityId, freeForm, isoDateTime, money, orderSchema } from '../shared/common.schema';

export const shipmentSchema = z.looseObject({
  id: entityId,
  shipper: z.string().optional(),
  trackingNumber: z.string().optional(),
  trackingUrl: z.url({ protocol: /^https?$/ }).optional(),
  dateShipped: isoDateTime.optional(),
  toAddress: addressSchema.optional(),
  xp: freeForm.optional(),
});

export const shipmentItemSchema = z.looseObject({
  lineItemId: entityId,
  productId: entityId,
  productName: z.string(),
  productDescription: z.string().optional(),
  quantityShipped: z.number().int().nonnegative(),
  lineTotal: money.optional(),
});

export const orderShippedDataSchema = z.looseObject({
  userId: entityId,
  order: orderSchema,
  shipment: shipmentSchema,
  items: z.array(shipmentItemSchema).min(1),
});

export type OrderShippedData = z.infer<typeof orderShippedDataSchema>;
