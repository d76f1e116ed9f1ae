import type { Address, LineItem } from '../shared/common.schema';
import type { OrderShippedData } from './order-shipped.schema';
import { orderVariables } from '../shared/order.variables';

type ShipmentItem = OrderShippedData['items'][number];

function toAddressVariables(address: Address | undefined): Record<string, string> {
  return {
    toaddressfirstname: address?.firstName ?? '',
    toaddresslastname: address?.lastName ?? '',
    toaddresscompanyname: address?.companyName ?? '',
    toaddressstreet1: address?.street1 ?? '',
    toaddressstreet2: address?.street2 ?? '',
    toaddresscity: address?.city ?? '',
    toaddressstate: address?.state ?? '',
    toaddresszip: address?.zip ?? '',
    toaddresscountry: address?.country ?? '',
    toaddressphone: address?.phone ?? '',
  };
}

function shipmentItemVariables(item: ShipmentItem): Record<string, unknown> {
  return {
    lineitemid: item.lineItemId,
    productid: item.productId,
    productname: item.productName,
    productdesc: item.productDescription ?? '',
    quantityshipped: item.quantityShipped,
    cost: item.lineTotal ?? null,
  };
}

/**
 * A shipment event carries shipment items, not the order's line items, so `products[]`
 * (shared order variables) lists what was shipped, addressed to the shipment's address.
 */
function asLineItem(item: ShipmentItem, toAddress: Address | undefined): LineItem {
  const lineTotal = item.lineTotal ?? 0;
  return {
    id: item.lineItemId,
    productId: item.productId,
    productName: item.productName,
    productDescription: item.productDescription,
    quantity: item.quantityShipped,
    unitPrice: item.quantityShipped > 0 ? lineTotal / item.quantityShipped : 0,
    lineTotal,
    shippingAddress: toAddress,
  };
}

/** `order.shipped`: order variables plus the shipment, its address and its items. */
export function orderShippedVariables(data: OrderShippedData): Record<string, unknown> {
  const { shipment, items } = data;
  return {
    ...orderVariables(data.order, items.map((item) => asLineItem(item, shipment.toAddress))),
    shipmentid: shipment.id,
    shipper: shipment.shipper ?? '',
    shipmenttrackingnumber: shipment.trackingNumber ?? '',
    trackingurl: shipment.trackingUrl ?? '',
    dateshipped: shipment.dateShipped ?? '',
    ...toAddressVariables(shipment.toAddress),
    shipmentitems: items.map(shipmentItemVariables),
  };
}
