import type { OrderSubmittedData } from './order-submitted.schema';
import { orderVariables } from '../shared/order.variables';

/** `order.submitted`: the order and its line items. */
export function orderSubmittedVariables(data: OrderSubmittedData): Record<string, unknown> {
  return orderVariables(data.order, data.lineItems);
}
