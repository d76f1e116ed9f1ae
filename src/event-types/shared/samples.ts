import type { Organization, User } from '../../directory/directory.schema';
import type { EventData, EventType } from '../event-type-catalog';

/** Realistic data for one event type, with the user and organization it is addressed to. */
export interface SampleEvent<T extends EventType = EventType> {
  data: EventData<T>;
  user: User;
  organization: Organization;
}

const STAMP = '2026-11-01T09:00:00.000Z';

export const sampleOrganization: Organization = {
  id: 'acme-buyers',
  name: 'Acme Outdoor Supply',
  active: true,
  createdAt: STAMP,
  updatedAt: STAMP,
};

export const sampleUser: User = {
  id: 'buyer-1',
  organizationId: sampleOrganization.id,
  email: 'jane.doe@acme.example',
  firstName: 'Jane',
  lastName: 'Doe',
  username: 'jdoe',
  active: true,
  locale: 'en-US',
  createdAt: STAMP,
  updatedAt: STAMP,
};

const shipTo = {
  firstName: 'Jane',
  lastName: 'Doe',
  companyName: 'Acme Outdoor Supply',
  street1: '1200 Harbor Blvd',
  street2: 'Suite 400',
  city: 'Portland',
  state: 'OR',
  zip: '97201',
  country: 'US',
  phone: '+1 503 555 0142',
};

const order = {
  id: 'PO-1001',
  dateSubmitted: '2026-11-20T10:00:00Z',
  currency: 'USD',
  subtotal: 100,
  shippingCost: 5,
  taxCost: 8.25,
  promotionDiscount: 0,
  total: 113.25,
  comments: 'Please leave at the loading dock.',
  billingAddress: { firstName: 'Accounts', lastName: 'Payable', companyName: 'Acme Outdoor Supply', street1: '500 Commerce St', city: 'Portland', state: 'OR', zip: '97204', country: 'US' },
  xp: { costCenter: 'CC-42', approval: { level: 2, approvedBy: 'Sam Lee' }, tags: ['rush', 'b2b'] },
};

const orderSubmitted: EventData<'order.submitted'> = {
  userId: sampleUser.id,
  order,
  lineItems: [
    {
      id: 'li1', productId: 'TENT-2P', productName: 'Summit 2-Person Tent',
      productDescription: 'Ultralight, forest green', quantity: 2, unitPrice: 30, lineTotal: 60, shippingAddress: shipTo,
    },
    {
      id: 'li2', productId: 'LAMP-USB', productName: 'Trail Lantern',
      productDescription: 'Rechargeable, 400 lumens', quantity: 1, unitPrice: 40, lineTotal: 40, shippingAddress: shipTo,
    },
  ],
};

const orderShipped: EventData<'order.shipped'> = {
  userId: sampleUser.id,
  order,
  shipment: {
    id: 'SH-5001',
    shipper: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    dateShipped: '2026-11-21T15:30:00Z',
    toAddress: shipTo,
    xp: {},
  },
  items: [
    { lineItemId: 'li1', productId: 'TENT-2P', productName: 'Summit 2-Person Tent', productDescription: 'Ultralight, forest green', quantityShipped: 2, lineTotal: 60 },
    { lineItemId: 'li2', productId: 'LAMP-USB', productName: 'Trail Lantern', productDescription: 'Rechargeable, 400 lumens', quantityShipped: 1, lineTotal: 40 },
  ],
};

const passwordReset: EventData<'user.password_reset'> = {
  userId: sampleUser.id,
  passwordResetUrl: 'https://shop.acme.example/reset-password?token=sample-token-7f3a',
  verificationCode: '482913',
  expiresAt: '2026-11-20T11:00:00Z',
};

/** Sample data per event type, used by template previews when no data is given. */
export function sampleEvent<T extends EventType>(type: T): SampleEvent<T> {
  const base = { user: sampleUser, organization: sampleOrganization };
  const byType: { [K in EventType]: EventData<K> } = {
    'order.submitted': orderSubmitted,
    'order.shipped': orderShipped,
    'user.password_reset': passwordReset,
  };
  // structuredClone so callers can modify the sample freely
  return structuredClone({ ...base, data: byType[type] }) as SampleEvent<T>;
}
