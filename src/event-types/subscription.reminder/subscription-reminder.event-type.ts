import { defineEventType } from '../define-event-type';
import { toUser } from '../shared/recipients';
import { sampleLineItems, sampleUser } from '../shared/samples';
import { subscriptionReminderDataSchema } from './subscription-reminder.schema';
import { subscriptionReminderVariables } from './subscription-reminder.variables';

/** A subscription's next order is coming: its user is reminded of the date and what it holds. */
export const subscriptionReminder = defineEventType({
  type: 'subscription.reminder',
  messageType: 'SubscriptionReminder',
  data: subscriptionReminderDataSchema,
  ...toUser,
  variables: subscriptionReminderVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: false,
  templatesDir: 'subscription.reminder',
  sample: {
    userId: sampleUser.id,
    subscription: { id: 'SUB-310', name: 'Basecamp restock', frequency: 2, interval: 'Weeks', nextOrderDate: '2026-12-01T08:00:00Z', currency: 'USD' },
    lineItems: [
      ...sampleLineItems,
      { id: 'li3', productId: 'FUEL-230', productName: 'Camp Stove Fuel 230 g', productDescription: 'Isobutane blend', quantity: 4, unitPrice: 6.5, lineTotal: 26 },
    ],
    unavailableProductIds: ['LAMP-USB'],
  },
});
