import type { Address, LineItem, Order } from './common.schema';
import { flattenXp } from './flatten-xp';

/** `shipto…` / `billto…` fields of an address, OrderCloud names (`shiptoname`, `shiptopostalcode`…). */
function addressVariables(prefix: 'shipto' | 'billto', address: Address | undefined): Record<string, string> {
  return {
    [`${prefix}name`]: fullName(address),
    [`${prefix}company`]: address?.companyName ?? '',
    [`${prefix}street1`]: address?.street1 ?? '',
    [`${prefix}street2`]: address?.street2 ?? '',
    [`${prefix}city`]: address?.city ?? '',
    [`${prefix}state`]: address?.state ?? '',
    [`${prefix}postalcode`]: address?.zip ?? '',
    [`${prefix}country`]: address?.country ?? '',
  };
}

export function fullName(address: Address | undefined): string {
  return [address?.firstName, address?.lastName].filter((part) => part).join(' ');
}

/** One line of `products[]`, OrderCloud's names. */
export function productVariables(item: LineItem): Record<string, unknown> {
  return {
    lineitemid: item.id,
    productid: item.productId,
    productname: item.productName,
    productdesc: item.productDescription ?? '',
    quantity: item.quantity,
    unitprice: item.unitPrice,
    cost: item.lineTotal,
    ...addressVariables('shipto', item.shippingAddress),
  };
}

/**
 * Variables shared by the order event types. Money stays numeric (templates format it with
 * `{{money}}`), dates stay ISO strings (`{{date}}`). The top-level `shipto…` fields repeat the
 * first product's address, which is what a single-address order email shows.
 */
export function orderVariables(order: Order, lineItems: LineItem[]): Record<string, unknown> {
  return {
    orderid: order.id,
    datesubmitted: order.dateSubmitted,
    currency: order.currency,
    subtotal: order.subtotal,
    tax: order.taxCost,
    shipping: order.shippingCost,
    discount: order.promotionDiscount,
    total: order.total,
    comments: order.comments ?? '',
    lineitemcount: lineItems.length,
    products: lineItems.map(productVariables),
    ...addressVariables('shipto', lineItems.find((item) => item.shippingAddress)?.shippingAddress),
    ...addressVariables('billto', order.billingAddress),
    ...flattenXp('orderxp', order.xp ?? {}),
  };
}
