import type { Address, LineItem, Order } from '../events/common.schema';
import { flattenXp } from './flatten-xp';

/** Ship-to fields of one product row, OrderCloud names. */
function shipToVariables(address: Address | undefined): Record<string, string> {
  return {
    shiptoname: fullName(address),
    shiptocompany: address?.companyName ?? '',
    shiptostreet1: address?.street1 ?? '',
    shiptostreet2: address?.street2 ?? '',
    shiptocity: address?.city ?? '',
    shiptostate: address?.state ?? '',
    shiptopostalcode: address?.zip ?? '',
    shiptocountry: address?.country ?? '',
  };
}

function billToVariables(address: Address | undefined): Record<string, string> {
  return {
    billtoname: fullName(address),
    billtocompany: address?.companyName ?? '',
    billtostreet1: address?.street1 ?? '',
    billtostreet2: address?.street2 ?? '',
    billtocity: address?.city ?? '',
    billtostate: address?.state ?? '',
    billtopostalcode: address?.zip ?? '',
    billtocountry: address?.country ?? '',
  };
}

export function fullName(address: Address | undefined): string {
  return [address?.firstName, address?.lastName].filter((part) => part).join(' ');
}

function productVariables(item: LineItem): Record<string, unknown> {
  return {
    lineitemid: item.id,
    productid: item.productId,
    productname: item.productName,
    productdesc: item.productDescription ?? '',
    quantity: item.quantity,
    unitprice: item.unitPrice,
    cost: item.lineTotal,
    ...shipToVariables(item.shippingAddress),
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
    ...shipToVariables(lineItems.find((item) => item.shippingAddress)?.shippingAddress),
    ...billToVariables(order.billingAddress),
    ...flattenXp('orderxp', order.xp ?? {}),
  };
}
