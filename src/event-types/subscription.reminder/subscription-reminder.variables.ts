import { flattenXp } from '../shared/flatten-xp';
import { productVariables } from '../shared/order.variables';
import type { SubscriptionReminderData } from './subscription-reminder.schema';

type Subscription = SubscriptionReminderData['subscription'];

const UNITS = { Days: 'day', Weeks: 'week', Months: 'month' } as const;

/** `Every 2 weeks`, `Every month`; empty when the subscription does not say. */
function scheduleOf(subscription: Subscription): string {
  if (!subscription.interval) return '';
  const unit = UNITS[subscription.interval];
  const every = subscription.frequency ?? 1;
  return every === 1 ? `Every ${unit}` : `Every ${every} ${unit}s`;
}

/**
 * `subscription.reminder`: when the next order is placed and what it holds. `products[]` keeps
 * every item, each with `unavailable`; `unavailableproducts[]` names the ones left out, by the
 * product name of their line when the event has one.
 */
export function subscriptionReminderVariables(data: SubscriptionReminderData): Record<string, unknown> {
  const { subscription } = data;
  const lineItems = data.lineItems ?? [];
  const unavailable = new Set(data.unavailableProductIds ?? []);
  const names = new Map(lineItems.map((item) => [item.productId, item.productName]));
  const available = lineItems.filter((item) => !unavailable.has(item.productId));
  return {
    subscriptionid: subscription.id,
    subscriptionname: subscription.name ?? '',
    frequency: subscription.frequency ?? null,
    interval: subscription.interval ?? '',
    schedule: scheduleOf(subscription),
    nextorderdate: subscription.nextOrderDate,
    currency: subscription.currency ?? 'USD',
    lineitemcount: available.length,
    products: lineItems.map((item) => ({ ...productVariables(item), unavailable: unavailable.has(item.productId) })),
    subtotal: available.reduce((sum, item) => sum + item.lineTotal, 0),
    unavailableproducts: [...unavailable].map((productid) => ({ productid, productname: names.get(productid) ?? productid })),
    ...flattenXp('subscriptionxp', subscription.xp ?? {}),
  };
}
