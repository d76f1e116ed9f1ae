import type { OrderSubmittedData } from '../events/order-submitted.schema';
import { orderVariables } from './order.variables';

/** `order.submitted`: the order and its line items. */
export function orderSubmittedVariables(data: OrderSubmittedData): Record<string, unknown> {
  return orderVariables(data.order, data.lineItems);
}
