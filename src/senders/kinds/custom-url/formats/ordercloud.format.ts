import type { FormatInput } from './body-format';
import {
  EVENT_BODY_FIELDS, OC_APPROVAL_STATUSES, OC_ORDER_STATUSES, OC_SUBSCRIPTION_INTERVALS, type OcAddress, type OcApproval, type OcEventBody, type OcEventBodyField, type OcLineItem, type OcOrder,
  type OcOrderReturn, type OcProduct, type OcShipment, type OcShipmentItem, type OrderCloudPayload,
} from './ordercloud.types';

// Herald's camelCase event data → OrderCloud's PascalCase models. Data was validated at
// ingest; these readers still take only values of the expected JSON type.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const list = (v: unknown): Json[] | undefined => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : undefined);
const str = (o: Json | undefined, k: string): string | undefined => (typeof o?.[k] === 'string' ? (o[k] as string) : undefined);
const num = (o: Json | undefined, k: string): number | undefined => (typeof o?.[k] === 'number' ? (o[k] as number) : undefined);

/** OrderCloud's spelling of an enumerated value (`awaiting_approval` → `AwaitingApproval`); undefined when it has none. */
function oneOf<T extends string>(o: Json | undefined, k: string, values: readonly T[]): T | undefined {
  const squash = (v: string) => v.replace(/[^a-z]/gi, '').toLowerCase();
  const value = str(o, k);
  return value === undefined ? undefined : values.find((v) => squash(v) === squash(value));
}

/** Drops undefined fields, so a missing value is absent rather than `null` in the JSON. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function address(a: Json | undefined): OcAddress | undefined {
  if (!a) return undefined;
  return defined({
    FirstName: str(a, 'firstName'), LastName: str(a, 'lastName'), CompanyName: str(a, 'companyName'), Street1: str(a, 'street1'),
    Street2: str(a, 'street2'), City: str(a, 'city'), State: str(a, 'state'), Zip: str(a, 'zip'), Country: str(a, 'country'), Phone: str(a, 'phone'),
  });
}

function order(o: Json, data: Json): OcOrder {
  return defined({
    ID: str(o, 'id'), FromUserID: str(data, 'userId'), DateSubmitted: str(o, 'dateSubmitted'), Currency: str(o, 'currency'),
    Subtotal: num(o, 'subtotal'), ShippingCost: num(o, 'shippingCost'), TaxCost: num(o, 'taxCost'), PromotionDiscount: num(o, 'promotionDiscount'),
    Total: num(o, 'total'), Comments: str(o, 'comments'), LineItemCount: list(data.lineItems)?.length,
    BillingAddress: address(obj(o.billingAddress)), xp: o.xp,
  });
}

function lineItem(li: Json): OcLineItem {
  return defined({
    ID: str(li, 'id'), ProductID: str(li, 'productId'), Quantity: num(li, 'quantity'), UnitPrice: num(li, 'unitPrice'), LineTotal: num(li, 'lineTotal'),
    Product: defined({ ID: str(li, 'productId'), Name: str(li, 'productName'), Description: str(li, 'productDescription') }),
    ShippingAddress: address(obj(li.shippingAddress)), xp: li.xp,
  });
}

/** One product per distinct product of the line items, in their order. */
function products(lineItems: Json[]): OcProduct[] {
  const byId = new Map<string, OcProduct>();
  for (const li of lineItems) {
    const id = str(li, 'productId');
    if (id !== undefined && !byId.has(id)) byId.set(id, defined({ ID: id, Name: str(li, 'productName'), Description: str(li, 'productDescription') }));
  }
  return [...byId.values()];
}

function approval(a: Json): OcApproval {
  const approver = str(a, 'approvingUserId');
  return defined({
    ApprovingGroupID: str(a, 'approvingGroupId'), Approver: approver === undefined ? undefined : { ID: approver }, Status: oneOf(a, 'status', OC_APPROVAL_STATUSES),
    Comments: str(a, 'comments'), DateCreated: str(a, 'dateCreated'), DateCompleted: str(a, 'dateCompleted'),
  });
}

function shipment(s: Json): OcShipment {
  return defined({
    ID: str(s, 'id'), Shipper: str(s, 'shipper'), TrackingNumber: str(s, 'trackingNumber'), DateShipped: str(s, 'dateShipped'),
    ToAddress: address(obj(s.toAddress)), xp: s.xp,
  });
}

function shipmentItem(i: Json, orderId: string | undefined): OcShipmentItem {
  return defined({
    OrderID: orderId, LineItemID: str(i, 'lineItemId'), QuantityShipped: num(i, 'quantityShipped'),
    Product: defined({ ID: str(i, 'productId'), Name: str(i, 'productName'), Description: str(i, 'productDescription') }),
  });
}

function orderReturn(r: Json, orderId: string | undefined): OcOrderReturn {
  return defined({
    ID: str(r, 'id'), OrderID: orderId, Status: oneOf(r, 'status', OC_ORDER_STATUSES), RefundAmount: num(r, 'refundAmount'), Comments: str(r, 'comments'),
    DateSubmitted: str(r, 'dateSubmitted'),
    ItemsToReturn: list(r.itemsToReturn)?.map((i) => defined({ LineItemID: str(i, 'lineItemId'), Quantity: num(i, 'quantity'), RefundAmount: num(i, 'refundAmount'), Comments: str(i, 'comments') })),
  });
}

/** Every EventBody field the event's data (and recipient) can fill. */
function fullEventBody(data: Json, username: string | undefined): OcEventBody {
  const o = obj(data.order);
  const orderId = str(o, 'id');
  const lineItems = list(data.lineItems);
  const s = obj(data.subscription);
  const collection = obj(data.productCollection);
  const unavailable = Array.isArray(data.unavailableProductIds) ? data.unavailableProductIds.filter((x): x is string => typeof x === 'string') : undefined;
  return defined({
    Order: o && order(o, data),
    Approvals: list(data.approvals)?.map(approval),
    LineItems: lineItems?.map(lineItem),
    Products: lineItems && products(lineItems),
    Shipment: obj(data.shipment) && shipment(obj(data.shipment) ?? {}),
    ShipmentItems: list(data.items)?.map((i) => shipmentItem(i, orderId)),
    OrderReturn: obj(data.orderReturn) && orderReturn(obj(data.orderReturn) ?? {}, orderId),
    Subscription: s && defined({ ID: str(s, 'id'), Frequency: num(s, 'frequency'), Interval: oneOf(s, 'interval', OC_SUBSCRIPTION_INTERVALS), NextOrderDate: str(s, 'nextOrderDate'), xp: s.xp }),
    UnavailableProductIDs: unavailable,
    ProductCollection: collection && defined({ ID: str(collection, 'id'), Name: str(collection, 'name') }),
    UserID: str(data, 'inviteeUserId'),
    Username: username,
    PasswordRenewalUrl: str(data, 'passwordResetUrl'),
    PasswordRenewalVerificationCode: str(data, 'verificationCode'),
    OneTimePassword: str(data, 'oneTimePassword'),
  });
}

/** The EventBody of one message: the fields its message type's SDK model has. */
export function eventBody(messageType: string, data: Json, username: string | undefined): OcEventBody {
  const full = fullEventBody(data, username);
  const fields: readonly OcEventBodyField[] | undefined = (EVENT_BODY_FIELDS as Record<string, readonly OcEventBodyField[]>)[messageType];
  if (!fields) return full;
  return Object.fromEntries(fields.filter((f) => full[f] !== undefined).map((f) => [f, full[f]])) as OcEventBody;
}

/** The `ordercloud` body (SPEC §6): OrderCloud's Message Sender payload, PascalCase. */
export function ordercloudBody({ event, messageType, user, organization, cc, configData }: FormatInput): OrderCloudPayload {
  // OrderCloud users always have a username; Herald's may not, and then log in with their email (as the `username` variable).
  const username = user.username ?? user.email;
  return {
    MessageType: messageType,
    BuyerID: organization.id,
    Recipient: { ID: user.id, Username: username, FirstName: user.firstName, LastName: user.lastName, Email: user.email, Active: user.active, xp: {} },
    CCList: cc.join(','),
    EventBody: eventBody(messageType, event.data, username),
    ConfigData: configData ?? {},
  };
}
