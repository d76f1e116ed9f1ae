import type { Organization, User } from '../../directory/directory.schema';

// Realistic sample pieces the event types' own samples are made of (previews, test events).

const STAMP = '2026-11-01T09:00:00.000Z';

export const sampleOrganization: Organization = {
  id: 'acme-buyers',
  name: 'Acme Outdoor Supply',
  active: true,
  createdAt: STAMP,
  updatedAt: STAMP,
};

/** The recipient of every sample event. */
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

export const sampleShipTo = {
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

export const sampleOrder = {
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
