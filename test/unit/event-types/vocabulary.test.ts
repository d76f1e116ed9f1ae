import { builtinEventTypes } from '../../../src/event-types/catalog';
import { eventData, now, organization, user } from '../../fixtures/events';

const catalog = builtinEventTypes();
const ctx = { user, organization, now };
const variables = (type: string, data: unknown) => catalog.resolveVariables(type, data, ctx);
const issuesOf = (type: string, data: unknown) => {
  const parsed = catalog.parse({ type, data });
  return parsed.success ? [] : parsed.issues;
};

describe('the OrderCloud vocabulary (SPEC §2)', () => {
  it('when the catalog is listed, then it has the 23 OrderCloud message types in the SPEC table', () => {
    expect(Object.fromEntries(catalog.all().map((t) => [t.type, `${t.messageType} → ${t.recipientRule}`]))).toEqual({
      'order.submitted': 'OrderSubmitted → userId',
      'order.shipped': 'ShipmentCreated → userId',
      'order.declined': 'OrderDeclined → userId',
      'order.approved': 'OrderApproved → userId',
      'order.submitted_for_approval': 'OrderSubmittedForApproval → userId',
      'order.approval_requested': 'OrderSubmittedForYourApproval → approverUserIds',
      'order.approval_approved': 'OrderSubmittedForYourApprovalHasBeenApproved → approverUserIds',
      'order.approval_declined': 'OrderSubmittedForYourApprovalHasBeenDeclined → approverUserIds',
      'order_return.submitted': 'OrderReturnSubmitted → userId',
      'order_return.submitted_for_approval': 'OrderReturnSubmittedForApproval → userId',
      'order_return.approval_requested': 'OrderReturnSubmittedForYourApproval → approverUserIds',
      'order_return.approved': 'OrderReturnApproved → userId',
      'order_return.declined': 'OrderReturnDeclined → userId',
      'order_return.approval_approved': 'OrderReturnSubmittedForYourApprovalHasBeenApproved → approverUserIds',
      'order_return.approval_declined': 'OrderReturnSubmittedForYourApprovalHasBeenDeclined → approverUserIds',
      'order_return.completed': 'OrderReturnCompleted → userId',
      'user.password_reset': 'ForgottenPassword → userId',
      'user.invited': 'NewUserInvitation → userId',
      'user.username_reminder': 'ForgottenUsername → userId',
      'user.one_time_password': 'OneTimePassword → userId',
      'subscription.reminder': 'SubscriptionReminder → userId',
      'product_collection.invitation_accepted': 'ProductCollectionInvitationAccepted → userId',
      'product_collection.invitation_declined': 'ProductCollectionInvitationDeclined → userId',
    });
  });

  describe('approvers', () => {
    it('when approvers are named, then each is a recipient once, in order, and the buyer is not', () => {
      const data = { ...eventData('order.approval_requested'), approverUserIds: ['a1', 'a2', 'a1', 'a3'] };
      expect(catalog.recipients({ type: 'order.approval_requested', data })).toEqual(['a1', 'a2', 'a3']);
    });

    it.each([
      [0, 'must name at least one approver'],
      [101, 'must name at most 100 approvers'],
    ])('when %i approvers are named, then the event is refused on approverUserIds', (count, message) => {
      const data = { ...eventData('order_return.approval_declined'), approverUserIds: Array.from({ length: count }, (_, i) => `u${i}`) };
      expect(issuesOf('order_return.approval_declined', data)).toEqual([{ path: 'data.approverUserIds', message }]);
    });

    it('when exactly 100 approvers are named, then the event is accepted', () => {
      const data = { ...eventData('order.approval_approved'), approverUserIds: Array.from({ length: 100 }, (_, i) => `u${i}`) };
      expect(issuesOf('order.approval_approved', data)).toEqual([]);
    });

    it('when an approval type has no userId, then it is refused: userId names the buyer', () => {
      const { userId: _buyer, ...data } = eventData('order.approval_requested');
      expect(issuesOf('order.approval_requested', data).map((i) => i.path)).toEqual(['data.userId']);
    });
  });

  describe('order approvals', () => {
    it('when an order was approved, then the decision and approvals[] use OrderCloud-style names', () => {
      expect(variables('order.approved', eventData('order.approved'))).toMatchObject({
        orderid: 'PO-1001', total: 113.25, lineitemcount: 2,
        approvalstatus: 'Approved', approvername: 'Priya Patel', approvalcomments: 'Within the Q4 equipment budget. Enjoy the trip!',
        approvaldate: '2026-11-20T14:30:00Z',
        approvals: [{
          approvinggroupid: 'purchasing-managers', approvinguserid: 'approver-1', approvername: 'Priya Patel', status: 'Approved',
          comments: 'Within the Q4 equipment budget. Enjoy the trip!', datecreated: '2026-11-20T10:00:00Z', datecompleted: '2026-11-20T14:30:00Z',
        }],
      });
    });

    it('when several approvals were made, then the last decided one is the decision, and pending ones never are', () => {
      const data = eventData('order.declined');
      data.approvals = [
        { approvingGroupId: 'team-leads', approvingUserId: 'lead-1', status: 'Approved', comments: 'ok' },
        { approvingGroupId: 'finance', approvingUserId: 'cfo', status: 'Declined', comments: 'no budget' },
        { approvingGroupId: 'legal', status: 'Pending' },
      ];
      expect(variables('order.declined', data)).toMatchObject({ approvalstatus: 'Declined', approvername: 'cfo', approvalcomments: 'no budget' });
    });

    it('when nothing is decided yet, or there are no approvals, then the decision variables are empty', () => {
      expect(variables('order.submitted_for_approval', eventData('order.submitted_for_approval'))).toMatchObject({ approvalstatus: 'Pending', approvername: '', approvalcomments: '' });
      const { approvals: _none, ...data } = eventData('order.approved');
      expect(variables('order.approved', data)).toMatchObject({ approvals: [], approvalstatus: '' });
    });

    it('when an approval status is not one of OrderCloud’s, then the event is refused on it', () => {
      const data = eventData('order.approved');
      data.approvals = [{ status: 'approved' as 'Approved' }];
      expect(issuesOf('order.approved', data).map((i) => i.path)).toEqual(['data.approvals.0.status']);
    });

    it('when the order says who placed it, then the buyer variables name them; else the user id stands in', () => {
      expect(variables('order.approval_requested', eventData('order.approval_requested'))).toMatchObject({
        buyeruserid: 'buyer-2', buyername: 'Marcus Chen', buyerfirstname: 'Marcus', buyeremail: 'marcus.chen@acme.example',
        // the recipient's own names stay the common ones
        firstname: 'Jane',
      });
      const data = eventData('order.approval_requested');
      delete (data.order as { fromUser?: unknown }).fromUser;
      expect(variables('order.approval_requested', data)).toMatchObject({ buyername: 'buyer-2', buyeremail: '' });
    });
  });

  describe('returns', () => {
    it('when a return is resolved, then its items carry their product names and the refund is the return’s', () => {
      expect(variables('order_return.submitted', eventData('order_return.submitted'))).toMatchObject({
        orderid: 'PO-1001', returnid: 'RMA-2042', returnstatus: 'Open', refundamount: 70, returnquantity: 2,
        returndatesubmitted: '2026-11-25T09:15:00Z', returncomments: expect.stringContaining('torn rain fly'),
        itemstoreturn: [
          { lineitemid: 'li1', productid: 'TENT-2P', productname: 'Summit 2-Person Tent', productdesc: 'Ultralight, forest green', quantity: 1, unitprice: 30, refundamount: 30, comments: 'Rain fly torn at the seam' },
          { lineitemid: 'li2', productid: 'LAMP-USB', productname: 'Trail Lantern', productdesc: 'Rechargeable, 400 lumens', quantity: 1, unitprice: 40, refundamount: 40, comments: '' },
        ],
      });
    });

    it('when the return has no amount of its own, then its items’ amounts add up, and without them it is null', () => {
      const data = eventData('order_return.completed');
      delete (data.orderReturn as { refundAmount?: number }).refundAmount;
      expect(variables('order_return.completed', data).refundamount).toBe(70);
      delete (data.orderReturn.itemsToReturn[1] as { refundAmount?: number }).refundAmount;
      expect(variables('order_return.completed', data).refundamount).toBeNull();
    });

    it('when a returned item names no line of the event, then the event is refused on that item', () => {
      const data = eventData('order_return.approval_requested');
      data.orderReturn.itemsToReturn[0].lineItemId = 'li9';
      expect(issuesOf('order_return.approval_requested', data)).toEqual([{ path: 'data.orderReturn.itemsToReturn.0.lineItemId', message: 'must be the id of one of data.lineItems' }]);
    });

    it('when a return has no item, or a quantity of 0, then it is refused', () => {
      const data = eventData('order_return.declined');
      data.orderReturn.itemsToReturn[0].quantity = 0;
      expect(issuesOf('order_return.declined', data).map((i) => i.path)).toEqual(['data.orderReturn.itemsToReturn.0.quantity']);
      data.orderReturn.itemsToReturn = [];
      expect(issuesOf('order_return.declined', data).map((i) => i.path)).toEqual(['data.orderReturn.itemsToReturn']);
    });
  });

  describe('users', () => {
    it('when a user is invited, then the link variables are a password reset’s, secrets included', () => {
      expect(variables('user.invited', eventData('user.invited'))).toMatchObject({
        passwordrenewalurl: 'https://shop.acme.example/welcome?token=sample-invite-91c2', passwordverificationcode: '730516', expiresat: '2026-11-27T10:00:00Z',
      });
      expect(catalog.get('user.invited').secrets).toEqual(catalog.get('user.password_reset').secrets);
    });

    it('when a one-time password is sent, then it is a variable and a secret in data and variables', () => {
      expect(variables('user.one_time_password', eventData('user.one_time_password'))).toMatchObject({ onetimepassword: '318604', expiresat: '2026-11-20T10:10:00Z' });
      expect(catalog.secretFields).toEqual(new Set(['passwordResetUrl', 'verificationCode', 'passwordrenewalurl', 'passwordverificationcode', 'passwordtoken', 'oneTimePassword', 'onetimepassword']));
      expect(issuesOf('user.one_time_password', { userId: 'u1' }).map((i) => i.path)).toEqual(['data.oneTimePassword']);
    });

    it('when a username reminder is sent, then it needs only the user', () => {
      expect(issuesOf('user.username_reminder', { userId: 'u1' })).toEqual([]);
      expect(variables('user.username_reminder', { userId: 'u1' })).toMatchObject({ username: 'jdoe', firstname: 'Jane' });
    });
  });

  describe('subscriptions', () => {
    it('when a reminder is resolved, then the date, schedule, items and unavailable products are there', () => {
      const vars = variables('subscription.reminder', eventData('subscription.reminder'));
      expect(vars).toMatchObject({
        subscriptionid: 'SUB-310', subscriptionname: 'Basecamp restock', nextorderdate: '2026-12-01T08:00:00Z',
        frequency: 2, interval: 'Weeks', schedule: 'Every 2 weeks', currency: 'USD', lineitemcount: 2, subtotal: 86,
        unavailableproducts: [{ productid: 'LAMP-USB', productname: 'Trail Lantern' }],
      });
      expect((vars.products as { productid: string; unavailable: boolean }[]).map((p) => [p.productid, p.unavailable])).toEqual([
        ['TENT-2P', false], ['LAMP-USB', true], ['FUEL-230', false],
      ]);
    });

    it.each([
      [1, 'Months', 'Every month'],
      [3, 'Days', 'Every 3 days'],
      [undefined, 'Weeks', 'Every week'],
      [2, undefined, ''],
    ])('when the frequency is %s and the interval %s, then the schedule reads "%s"', (frequency, interval, schedule) => {
      const data = eventData('subscription.reminder');
      data.subscription = { id: 'S', nextOrderDate: '2026-12-01T08:00:00Z', ...(frequency ? { frequency } : {}), ...(interval ? { interval: interval as 'Days' } : {}) };
      expect(variables('subscription.reminder', data).schedule).toBe(schedule);
    });

    it('when only the subscription is posted, then the reminder still resolves, unavailable ids named by id', () => {
      const data = { userId: 'u1', subscription: { id: 'S', nextOrderDate: '2026-12-01T08:00:00Z' }, unavailableProductIds: ['GONE-1'] };
      expect(variables('subscription.reminder', data)).toMatchObject({ products: [], lineitemcount: 0, subtotal: 0, unavailableproducts: [{ productid: 'GONE-1', productname: 'GONE-1' }] });
    });
  });

  describe('product collections', () => {
    it('when an invitation is answered, then the collection and the invitee are named, by id when nothing else is known', () => {
      expect(variables('product_collection.invitation_accepted', eventData('product_collection.invitation_accepted'))).toMatchObject({
        productcollectionid: 'winter-camping', productcollectionname: 'Winter Camping Essentials', inviteeuserid: 'buyer-2', inviteename: 'Marcus Chen',
      });
      const data = { userId: 'u1', productCollection: { id: 'c1', name: 'Spring' }, inviteeUserId: 'sam-7' };
      expect(variables('product_collection.invitation_declined', data)).toMatchObject({ inviteename: 'sam-7', inviteeemail: '' });
    });
  });
});
