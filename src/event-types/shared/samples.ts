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

/** The sample user as an event describes a person (`order.fromUser`, an approver, an invitee). */
export const samplePerson = { id: sampleUser.id, username: 'jdoe', firstName: 'Jane', lastName: 'Doe', email: sampleUser.email };

/** The buyer asking, in samples addressed to approvers (the sample user approves there). */
export const sampleBuyer = { id: 'buyer-2', username: 'mchen', firstName: 'Marcus', lastName: 'Chen', email: 'marcus.chen@acme.example' };

/** The approver deciding, in samples addressed to the buyer. */
export const sampleApprover = { id: 'approver-1', username: 'ppatel', firstName: 'Priya', lastName: 'Patel', email: 'priya.patel@acme.example' };

/** The order, placed by `fromUser`. */
export const sampleOrderBy = (fromUser: typeof samplePerson) => ({ ...sampleOrder, fromUser });

export const sampleLineItems = [
  {
    id: 'li1', productId: 'TENT-2P', productName: 'Summit 2-Person Tent',
    productDescription: 'Ultralight, forest green', quantity: 2, unitPrice: 30, lineTotal: 60, shippingAddress: sampleShipTo,
  },
  {
    id: 'li2', productId: 'LAMP-USB', productName: 'Trail Lantern',
    productDescription: 'Rechargeable, 400 lumens', quantity: 1, unitPrice: 40, lineTotal: 40, shippingAddress: sampleShipTo,
  },
];

const ASKED = '2026-11-20T10:00:00Z';
const DECIDED = '2026-11-20T14:30:00Z';

/** `approvals[]` of an order or return waiting for, or decided by, the purchasing managers. */
export const sampleApprovals = {
  pending: [{ approvingGroupId: 'purchasing-managers', status: 'Pending' as const, dateCreated: ASKED }],
  approved: [{
    approvingGroupId: 'purchasing-managers', approvingUserId: sampleApprover.id, approver: sampleApprover,
    status: 'Approved' as const, comments: 'Within the Q4 equipment budget. Enjoy the trip!', dateCreated: ASKED, dateCompleted: DECIDED,
  }],
  declined: [{
    approvingGroupId: 'purchasing-managers', approvingUserId: sampleApprover.id, approver: sampleApprover,
    status: 'Declined' as const, comments: 'Over the November team budget. Please resubmit in December.', dateCreated: ASKED, dateCompleted: DECIDED,
  }],
};

/** A return of one tent (damaged) and the lantern, in the given status. */
export const sampleOrderReturn = (status: string) => ({
  id: 'RMA-2042',
  status,
  refundAmount: 70,
  comments: 'The tent arrived with a torn rain fly; the lantern is no longer needed.',
  dateSubmitted: '2026-11-25T09:15:00Z',
  itemsToReturn: [
    { lineItemId: 'li1', quantity: 1, refundAmount: 30, comments: 'Rain fly torn at the seam' },
    { lineItemId: 'li2', quantity: 1, refundAmount: 40 },
  ],
});
