import { builtinEventTypes } from '../../../src/event-types/catalog';
import { flattenXp } from '../../../src/event-types/shared/flatten-xp';
import { AppError } from '../../../src/shared/errors';
import { eventData, now, organization, user } from '../../fixtures/events';

const ctx = { user, organization, now };
const eventTypes = builtinEventTypes();
const resolveVariables = eventTypes.resolveVariables.bind(eventTypes);

describe('resolveVariables', () => {
  it('when any event is resolved, then the common recipient variables are present', () => {
    const vars = resolveVariables('user.password_reset', eventData('user.password_reset'), ctx);
    expect(vars).toMatchObject({
      firstname: 'Jane', lastname: 'Doe', username: 'jdoe', email: 'jane.doe@acme.example',
      company: 'Acme Outdoor Supply', currentyear: 2026,
    });
  });

  it('when the user has no username, then username falls back to the email', () => {
    const { username: _omitted, ...noUsername } = user;
    const vars = resolveVariables('user.password_reset', eventData('user.password_reset'), { ...ctx, user: noUsername });
    expect(vars.username).toBe('jane.doe@acme.example');
  });

  it('when an order is submitted, then order totals, products and ship-to use OrderCloud names', () => {
    const vars = resolveVariables('order.submitted', eventData('order.submitted'), ctx);
    expect(vars).toMatchObject({
      orderid: 'PO-1001', datesubmitted: '2026-11-20T10:00:00Z', currency: 'USD',
      subtotal: 100, tax: 8.25, shipping: 5, discount: 0, total: 113.25,
      comments: 'Please leave at the loading dock.', lineitemcount: 2,
      shiptoname: 'Jane Doe', shiptostreet1: '1200 Harbor Blvd', shiptocity: 'Portland', shiptopostalcode: '97201',
      billtoname: 'Accounts Payable', billtostreet1: '500 Commerce St',
    });
    expect(vars.products).toEqual([
      expect.objectContaining({
        productid: 'TENT-2P', productname: 'Summit 2-Person Tent', productdesc: 'Ultralight, forest green',
        quantity: 2, unitprice: 30, cost: 60, shiptoname: 'Jane Doe', shiptostreet1: '1200 Harbor Blvd',
        shiptostreet2: 'Suite 400', shiptocity: 'Portland', shiptostate: 'OR', shiptopostalcode: '97201', shiptocountry: 'US',
      }),
      expect.objectContaining({ productid: 'LAMP-USB', productname: 'Trail Lantern', quantity: 1, unitprice: 40, cost: 40 }),
    ]);
  });

  it('when order.xp is nested, then it is flattened into orderxp_ variables joined by _ and indexed', () => {
    const vars = resolveVariables('order.submitted', eventData('order.submitted'), ctx);
    expect(vars).toMatchObject({
      orderxp_costCenter: 'CC-42', orderxp_approval_level: 2, orderxp_approval_approvedBy: 'Sam Lee',
      orderxp_tags_0: 'rush', orderxp_tags_1: 'b2b',
    });
  });

  it('when optional order costs are missing from the raw event, then the schema defaults make them 0', () => {
    const data = eventData('order.submitted') as unknown as { order: Record<string, unknown> };
    delete data.order.shippingCost;
    delete data.order.taxCost;
    delete data.order.promotionDiscount;
    const vars = resolveVariables('order.submitted', data, ctx);
    expect(vars).toMatchObject({ shipping: 0, tax: 0, discount: 0 });
  });

  it('when an order ships, then shipment, to-address and shipped items are resolved', () => {
    const vars = resolveVariables('order.shipped', eventData('order.shipped'), ctx);
    expect(vars).toMatchObject({
      orderid: 'PO-1001', shipmentid: 'SH-5001', shipper: 'UPS', shipmenttrackingnumber: '1Z999AA10123456784',
      trackingurl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784', dateshipped: '2026-11-21T15:30:00Z',
      toaddressfirstname: 'Jane', toaddresslastname: 'Doe', toaddresscompanyname: 'Acme Outdoor Supply',
      toaddressstreet1: '1200 Harbor Blvd', toaddressstreet2: 'Suite 400', toaddresscity: 'Portland',
      toaddressstate: 'OR', toaddresszip: '97201', toaddresscountry: 'US', toaddressphone: '+1 503 555 0142',
      lineitemcount: 2,
    });
    expect(vars.shipmentitems).toEqual([
      { lineitemid: 'li1', productid: 'TENT-2P', productname: 'Summit 2-Person Tent', productdesc: 'Ultralight, forest green', quantityshipped: 2, cost: 60 },
      { lineitemid: 'li2', productid: 'LAMP-USB', productname: 'Trail Lantern', productdesc: 'Rechargeable, 400 lumens', quantityshipped: 1, cost: 40 },
    ]);
  });

  it('when a password reset is requested, then the renewal url, code and expiry are resolved', () => {
    const vars = resolveVariables('user.password_reset', eventData('user.password_reset'), ctx);
    expect(vars).toMatchObject({
      passwordrenewalurl: 'https://shop.acme.example/reset-password?token=sample-token-7f3a',
      passwordverificationcode: '482913', expiresat: '2026-11-20T11:00:00Z',
    });
  });

  it('when variables are resolved, then they survive a JSON round trip unchanged', () => {
    for (const type of eventTypes.types) {
      const vars = resolveVariables(type, eventTypes.sample(type).data, ctx);
      expect(JSON.parse(JSON.stringify(vars))).toEqual(vars);
    }
  });

  it('when stored data no longer matches the schema, then a validation error says so', () => {
    expect(() => resolveVariables('order.shipped', { userId: 'u' }, ctx)).toThrow(AppError);
  });
});

describe('flattenXp', () => {
  it('when xp holds non-JSON numbers or deep nesting, then those entries are left out', () => {
    let deep: Record<string, unknown> = { leaf: 'too deep' };
    for (let i = 0; i < 10; i += 1) deep = { d: deep };
    expect(flattenXp('orderxp', { bad: Number.NaN, ok: true, none: null, deep })).toEqual({ orderxp_ok: true, orderxp_none: null });
  });
});
