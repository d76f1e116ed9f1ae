import { builtinEventTypes } from '../../../src/event-types/catalog';
import type { RenderedEmail } from '../../../src/templates/template.port';
import type { TemplateRegistry } from '../../../src/templates/template-registry';
import { discountedOrderData, eventData, now, organization, user, type BuiltinType } from '../../fixtures/events';
import { createRegistry } from './registry-helpers';

const eventTypes = builtinEventTypes();
let registry: TemplateRegistry;
beforeAll(async () => {
  registry = await createRegistry();
});

/** Handlebars escapes `=` in URLs as `&#x3D;`, which browsers decode back. */
const decoded = (html: string): string => html.replace(/&#x3D;/g, '=');

function render(type: BuiltinType, data: unknown = eventData(type)): Promise<RenderedEmail> {
  return registry.render({ kind: 'builtin', type }, eventTypes.resolveVariables(type, data, { user, organization, now }));
}

describe('built-in templates', () => {
  it.each(eventTypes.types as BuiltinType[])('when %s is rendered, then no Handlebars or MJML syntax is left in any part', async (type) => {
    const email = await render(type);
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toMatch(/\{\{|\}\}/);
      expect(part.length).toBeGreaterThan(10);
    }
    expect(email.html.toLowerCase()).toContain('<!doctype html>');
    expect(email.html).not.toContain('<mj-');
    expect(email.html).not.toContain('fonts.googleapis.com');
    expect(email.html).toContain('Acme Outdoor Supply'.toUpperCase());
    expect(email.text).toContain('jane.doe@acme.example');
  });

  it('when an order is submitted, then the email shows the order id, every product and the formatted totals', async () => {
    const email = await render('order.submitted');
    expect(email.subject).toBe('Order PO-1001 confirmed — thanks, Jane!');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('PO-1001');
      expect(part).toContain('Summit 2-Person Tent');
      expect(part).toContain('Trail Lantern');
      expect(part).toContain('$113.25');
      expect(part).toContain('$8.25');
      expect(part).toContain('1200 Harbor Blvd');
      expect(part).toContain('November 20, 2026');
      expect(part).not.toContain('Discount');
    }
  });

  it('when the order has a promotion discount, then the discount line appears', async () => {
    const email = await render('order.submitted', discountedOrderData());
    expect(email.html).toContain('Discount');
    expect(email.html).toContain('$10.00');
    expect(email.text).toContain('Discount: -$10.00');
    expect(email.text).toContain('$103.25');
  });

  it('when a product name contains HTML, then the HTML part escapes it and the text part keeps it readable', async () => {
    const data = eventData('order.submitted');
    data.lineItems[0].productName = 'Tent <script>alert(1)</script> & Co';
    const email = await render('order.submitted', data);
    expect(email.html).not.toContain('<script>alert(1)</script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain('Tent <script>alert(1)</script> & Co');
  });

  it('when an order ships, then the email has the tracking link, number and shipped items', async () => {
    const email = await render('order.shipped');
    expect(email.subject).toBe('Your order PO-1001 has shipped');
    expect(decoded(email.html)).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect(email.html).toContain('Track your package');
    expect(email.text).toContain('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('1Z999AA10123456784');
      expect(part).toContain('Summit 2-Person Tent');
      expect(part).toContain('Trail Lantern');
    }
  });

  it('when a shipment has no tracking url, then there is no tracking button', async () => {
    const data = eventData('order.shipped');
    delete data.shipment.trackingUrl;
    const email = await render('order.shipped', data);
    expect(email.html).not.toContain('Track your package');
  });

  it('when a password reset is requested, then the email links to the reset url and shows the code', async () => {
    const email = await render('user.password_reset');
    const url = 'https://shop.acme.example/reset-password?token=sample-token-7f3a';
    expect(decoded(email.html)).toContain(`href="${url}"`);
    expect(email.html).toContain('482913');
    expect(email.text).toContain(url);
    expect(email.text).toContain('Verification code: 482913');
    expect(email.text).toContain('November 20, 2026 at 11:00 AM UTC');
  });

  it('when an approver is asked, then the email says who asked, for how much, and lists the order', async () => {
    const email = await render('order.approval_requested');
    expect(email.subject).toBe('Approval needed: order PO-1001 from Marcus Chen');
    for (const part of [email.html, email.text]) {
      for (const fact of ['Hi Jane', 'Marcus Chen', 'marcus.chen@acme.example', 'PO-1001', '$113.25', 'Summit 2-Person Tent', 'Trail Lantern']) expect(part).toContain(fact);
    }
  });

  it('when an order is declined, then the reason and who declined it are shown', async () => {
    const email = await render('order.declined');
    expect(email.html).toContain('DECLINED BY PRIYA PATEL');
    expect(email.html).toContain('Over the November team budget');
    expect(email.text).toContain('Declined by Priya Patel on November 20, 2026 at 2:30 PM UTC');
  });

  it('when an order has no approvals, then the approvals section is left out', async () => {
    const { approvals: _none, ...data } = eventData('order.approved');
    const email = await render('order.approved', data);
    expect(email.html).not.toContain('APPROVALS');
    expect(email.html).toContain('No comments were left.');
  });

  it('when a return is submitted, then the items going back and the refund are shown', async () => {
    const email = await render('order_return.submitted');
    for (const part of [email.html, email.text]) {
      for (const fact of ['RMA-2042', 'PO-1001', 'Summit 2-Person Tent', 'Rain fly torn at the seam', '$30.00', '$40.00', '$70.00']) expect(part).toContain(fact);
    }
  });

  it('when a return has no refund amount yet, then the email says it is to be confirmed', async () => {
    const data = eventData('order_return.submitted_for_approval');
    delete (data.orderReturn as { refundAmount?: number }).refundAmount;
    delete (data.orderReturn.itemsToReturn[0] as { refundAmount?: number }).refundAmount;
    const email = await render('order_return.submitted_for_approval', data);
    expect(email.html).toContain('To be confirmed');
    expect(email.text).toContain('Refund: to be confirmed');
  });

  it('when a one-time password is sent, then the code is in the HTML and text but not the subject or preview', async () => {
    const email = await render('user.one_time_password');
    expect(email.html).toContain('318604');
    expect(email.text).toContain('318604');
    expect(email.subject).not.toContain('318604');
    expect(/<title>[^<]*<\/title>/.exec(email.html)?.[0]).not.toContain('318604');
    expect(email.html.slice(0, email.html.indexOf('ONE-TIME CODE'))).not.toContain('318604');
  });

  it('when a subscription reminder is sent, then the next order date, the items and the unavailable products are shown', async () => {
    const email = await render('subscription.reminder');
    expect(email.subject).toBe('Your next Basecamp restock order is on December 1, 2026');
    for (const part of [email.html, email.text]) {
      for (const fact of ['December 1, 2026', 'Every 2 weeks', 'Summit 2-Person Tent', 'Camp Stove Fuel 230 g', 'Trail Lantern', '$86.00']) expect(part).toContain(fact);
    }
    expect(email.html).toContain('NO LONGER AVAILABLE');
    const data = eventData('subscription.reminder');
    delete data.unavailableProductIds;
    expect((await render('subscription.reminder', data)).html).not.toContain('NO LONGER AVAILABLE');
  });

  it('when an invitation is answered, then the inviter reads who answered and for which collection', async () => {
    const email = await render('product_collection.invitation_declined');
    expect(email.subject).toBe('Marcus Chen declined your invitation to Winter Camping Essentials');
    expect(email.text).toContain('Declined by: Marcus Chen (marcus.chen@acme.example)');
  });

  it('when the built-ins are listed, then each has an id and its sources', () => {
    expect(registry.builtins().map((t) => t.id)).toEqual(eventTypes.types.map((type) => `builtin.${type}`));
    expect(registry.builtins().map((t) => t.id)).toEqual(expect.arrayContaining(['builtin.order.submitted', 'builtin.order.shipped', 'builtin.user.password_reset']));
    const shipped = registry.builtins().find((t) => t.type === 'order.shipped');
    expect(shipped?.mjml).toContain('<mjml');
    expect(shipped?.subject).toBe('Your order {{orderid}} has shipped');
    expect(shipped?.text).toContain('{{trackingurl}}');
  });
});
