import { z } from 'zod';
import { entityId, lineItemSchema, orderSchema } from '../shared/common.schema';

export const orderSubmittedDataSchema = z.looseObject({
  userId: entityId,
  order: orderSchema,
  lineItems: z.array(lineItemSchema).min(1),
});

export type OrderSubmittedData = z.infer<typeof orderSubmittedDataSchema>;
