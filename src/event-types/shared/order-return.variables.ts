import type { LineItem } from './common.schema';
import { flattenXp } from './flatten-xp';
import { orderFamilyVariables } from './order-family.variables';
import type { OrderReturnData } from './order-return.schema';

type ReturnItem = OrderReturnData['orderReturn']['itemsToReturn'][number];

function returnItemVariables(item: ReturnItem, line: LineItem | undefined): Record<string, unknown> {
  return {
    lineitemid: item.lineItemId,
    productid: line?.productId ?? '',
    productname: line?.productName ?? item.lineItemId,
    productdesc: line?.productDescription ?? '',
    quantity: item.quantity,
    unitprice: line?.unitPrice ?? null,
    refundamount: item.refundAmount ?? null,
    comments: item.comments ?? '',
  };
}

/**
 * The refund: the return's own amount, else the sum of its items' amounts when every item
 * has one, else null (not known yet: templates leave it out).
 */
function refundOf(orderReturn: OrderReturnData['orderReturn']): number | null {
  if (orderReturn.refundAmount !== undefined) return orderReturn.refundAmount;
  const amounts = orderReturn.itemsToReturn.map((item) => item.refundAmount);
  return amounts.every((amount) => amount !== undefined) ? amounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0) : null;
}

/** The return types: order variables, then the return (`returnid`, `refundamount`, `itemstoreturn[]`…). */
export function orderReturnVariables(data: OrderReturnData): Record<string, unknown> {
  const { orderReturn } = data;
  const lines = new Map(data.lineItems.map((line) => [line.id, line]));
  return {
    ...orderFamilyVariables(data),
    returnid: orderReturn.id,
    returnstatus: orderReturn.status ?? '',
    returncomments: orderReturn.comments ?? '',
    returndatesubmitted: orderReturn.dateSubmitted ?? '',
    refundamount: refundOf(orderReturn),
    returnquantity: orderReturn.itemsToReturn.reduce((sum, item) => sum + item.quantity, 0),
    itemstoreturn: orderReturn.itemsToReturn.map((item) => returnItemVariables(item, lines.get(item.lineItemId))),
    ...flattenXp('returnxp', orderReturn.xp ?? {}),
  };
}
