import { z } from 'zod';
import { currencyCode, entityId, freeForm, isoDateTime, lineItemSchema } from '../shared/common.schema';

/** OrderCloud's `Subscription`, what a reminder needs of it. */
export const subscriptionSchema = z.looseObject({
  id: entityId,
  name: z.string().optional(),
  /** Every `frequency` `interval`s: 2 and Weeks is every two weeks. */
  frequency: z.number().int().positive().optional(),
  interval: z.enum(['Days', 'Weeks', 'Months']).optional(),
  nextOrderDate: isoDateTime,
  /** The currency of its prices (USD when absent). */
  currency: currencyCode.optional(),
  xp: freeForm.optional(),
});

export const subscriptionReminderDataSchema = z.looseObject({
  userId: entityId,
  subscription: subscriptionSchema,
  lineItems: z.array(lineItemSchema).optional(),
  /** Products of the subscription that can no longer be ordered: left out of the next order. */
  unavailableProductIds: z.array(entityId).optional(),
});

export type SubscriptionReminderData = z.infer<typeof subscriptionReminderDataSchema>;
