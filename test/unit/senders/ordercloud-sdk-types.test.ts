import type { MessageSenderPayload, MessageSenderPayloads, MessageType } from 'ordercloud-javascript-sdk';
import { builtinEventTypes } from '../../../src/event-types/catalog';
import type { FormatInput } from '../../../src/senders/kinds/custom-url/formats/body-format';
import { ordercloudBody } from '../../../src/senders/kinds/custom-url/formats/ordercloud.format';
import type { EVENT_BODY_FIELDS, OcEventBody, OcMessageType, OrderCloudPayload } from '../../../src/senders/kinds/custom-url/formats/ordercloud.types';

/*
 * The `ordercloud` body against the OrderCloud JavaScript SDK's own types. Every field Herald
 * sends must exist, under the same name and a compatible type, in the SDK's model: the
 * type-level checks below fail `npm run typecheck` (naming the field) when a name drifts on
 * either side. `Products` is the one known difference: OrderCloud sends a list, the SDK
 * types it as one Product; its items are checked against Product.
 */

type IsAny<T> = 0 extends 1 & T ? true : false;
type Path<P extends string, K> = P extends '' ? `${K & string}` : `${P}.${K & string}`;
type Item<T> = T extends readonly (infer E)[] ? E : T;

/** The paths of `Ours` that `Theirs` lacks, or whose value does not fit: never when all match. */
type Mismatches<Ours, Theirs, P extends string = ''> =
  IsAny<Theirs> extends true ? never
  : [Ours] extends [readonly unknown[]] ? Mismatches<Item<Ours>, Item<Theirs>, `${P}[]`>
  : [Ours] extends [object] ? ([Theirs] extends [object] ? { [K in keyof Ours]-?: K extends keyof Theirs ? Mismatches<NonNullable<Ours[K]>, NonNullable<Theirs[K]>, Path<P, K>> : `${Path<P, K>} (not in the SDK)` }[keyof Ours] : `${P} (not an object in the SDK)`)
  : [Ours] extends [Theirs] ? never : `${P} (type differs)`;

/** Compiles only when T is never: the error names the mismatching paths. */
type ExpectNone<T extends never> = T;

type SdkBody<M extends MessageType> = NonNullable<MessageSenderPayloads<M>['EventBody']>;
type OurBody<M extends OcMessageType> = Pick<OcEventBody, (typeof EVENT_BODY_FIELDS)[M][number]>;
type BodyMismatches = { [M in OcMessageType]: M extends MessageType ? Mismatches<OurBody<M>, SdkBody<M>, M> : `${M} (not an SDK MessageType)` }[OcMessageType];

export type EveryEventBodyMatchesTheSdk = ExpectNone<BodyMismatches>;
// MessageType is any catalog type's name (a test may register its own); the built-in ones are OcMessageType, checked below.
export type ThePayloadMatchesTheSdk = ExpectNone<Mismatches<Omit<OrderCloudPayload, 'EventBody' | 'MessageType'>, MessageSenderPayload>>;
/** Every OrderCloud message type has its EventBody fields listed, and no other name is listed. */
export type EveryMessageTypeIsListed = ExpectNone<Exclude<MessageType, OcMessageType> | Exclude<OcMessageType, MessageType>>;

const catalog = builtinEventTypes();

function sampleBody(type: string): OrderCloudPayload {
  const { data, user, organization } = catalog.sample(type);
  const event = { id: 'evt_1', type, status: 'processed' as const, occurredAt: '2026-11-20T10:00:00Z', receivedAt: '2026-11-20T10:00:00Z', data };
  const input: FormatInput = {
    messageId: 'msg_1', event, messageType: catalog.get(type).messageType, user, organization,
    cc: ['ops@acme.example', 'audit@acme.example'], configData: { storefront: 'outdoor' }, at: new Date(), variables: () => ({}),
  };
  // Through JSON, as a receiver gets it.
  return JSON.parse(JSON.stringify(ordercloudBody(input))) as OrderCloudPayload;
}

/** A receiver written against the SDK, the way an OrderCloud integration reads an order. */
function orderConfirmation(payload: MessageSenderPayloads<'OrderSubmitted'>) {
  const body = payload.EventBody;
  return {
    to: payload.Recipient?.Email,
    buyer: payload.BuyerID,
    orderId: body?.Order?.ID,
    total: body?.Order?.Total,
    lines: body?.LineItems?.map((li) => `${li.Quantity} × ${li.Product?.Name} (${li.ProductID}) = ${li.LineTotal}`),
    cc: payload.CCList?.split(','),
    storefront: (payload.ConfigData as { storefront?: string } | undefined)?.storefront,
  };
}

function shipmentNotice(payload: MessageSenderPayloads<'ShipmentCreated'>) {
  const body = payload.EventBody;
  return { tracking: body?.Shipment?.TrackingNumber, shipper: body?.Shipment?.Shipper, items: body?.ShipmentItems?.map((i) => [i.LineItemID, i.QuantityShipped]) };
}

function passwordReset(payload: MessageSenderPayloads<'ForgottenPassword'>) {
  return { user: payload.EventBody?.Username, url: payload.EventBody?.PasswordRenewalUrl, code: payload.EventBody?.PasswordRenewalVerificationCode };
}

describe('the ordercloud body, read by receivers typed with the OrderCloud SDK', () => {
  test('when an OrderSubmitted receiver reads the order.submitted sample, then it finds the order, its lines, the cc list and ConfigData', () => {
    const payload = sampleBody('order.submitted');
    expect(payload).toMatchObject({ MessageType: 'OrderSubmitted', BuyerID: 'acme-buyers', Recipient: { ID: 'buyer-1', Username: 'jdoe', Active: true } });
    expect(orderConfirmation(payload as MessageSenderPayloads<'OrderSubmitted'>)).toEqual({
      to: 'jane.doe@acme.example', buyer: 'acme-buyers', orderId: 'PO-1001', total: 113.25,
      lines: ['2 × Summit 2-Person Tent (TENT-2P) = 60', '1 × Trail Lantern (LAMP-USB) = 40'],
      cc: ['ops@acme.example', 'audit@acme.example'], storefront: 'outdoor',
    });
    expect(Object.keys(payload.EventBody).sort()).toEqual(['LineItems', 'Order', 'Products']);
    expect(payload.EventBody.Order).toMatchObject({ FromUserID: 'buyer-1', Currency: 'USD', LineItemCount: 2, BillingAddress: { Street1: '500 Commerce St', Zip: '97204' }, xp: { costCenter: 'CC-42' } });
    expect(payload.EventBody.Products).toEqual([
      { ID: 'TENT-2P', Name: 'Summit 2-Person Tent', Description: 'Ultralight, forest green' },
      { ID: 'LAMP-USB', Name: 'Trail Lantern', Description: 'Rechargeable, 400 lumens' },
    ]);
  });

  test('when a ShipmentCreated receiver reads the order.shipped sample, then it finds the shipment and its items', () => {
    const payload = sampleBody('order.shipped');
    expect(payload.MessageType).toBe('ShipmentCreated');
    expect(shipmentNotice(payload as MessageSenderPayloads<'ShipmentCreated'>)).toEqual({ tracking: '1Z999AA10123456784', shipper: 'UPS', items: [['li1', 2], ['li2', 1]] });
    expect(payload.EventBody.ShipmentItems?.[0]).toEqual({ OrderID: 'PO-1001', LineItemID: 'li1', QuantityShipped: 2, Product: { ID: 'TENT-2P', Name: 'Summit 2-Person Tent', Description: 'Ultralight, forest green' } });
  });

  test('when a ForgottenPassword receiver reads the user.password_reset sample, then it finds the username, link and code, and nothing else', () => {
    const payload = sampleBody('user.password_reset');
    expect(passwordReset(payload as MessageSenderPayloads<'ForgottenPassword'>)).toEqual({
      user: 'jdoe', url: 'https://shop.acme.example/reset-password?token=sample-token-7f3a', code: '482913',
    });
    expect(Object.keys(payload.EventBody).sort()).toEqual(['PasswordRenewalUrl', 'PasswordRenewalVerificationCode', 'Username']);
  });

  test('when every built-in type is formatted, then each body holds only fields its MessageType has in the SDK', () => {
    const fields: Record<string, readonly string[]> = jest.requireActual('../../../src/senders/kinds/custom-url/formats/ordercloud.types').EVENT_BODY_FIELDS;
    for (const type of catalog.types) {
      const payload = sampleBody(type);
      const allowed = fields[payload.MessageType] ?? [];
      expect([type, Object.keys(payload.EventBody).filter((k) => !allowed.includes(k))]).toEqual([type, []]);
    }
  });
});
