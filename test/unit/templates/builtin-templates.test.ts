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

  it('when the built-ins are listed, then each has an id and its sources', () => {
    expect(registry.builtins().map((t) => t.id)).toEqual(eventTypes.types.map((type) => `builtin.${type}`));
    expect(registry.builtins().map((t) => t.id)).toEqual(expect.arrayContaining(['builtin.order.submitted', 'builtin.order.shipped', 'builtin.user.password_reset']));
    const shipped = registry.builtins().find((t) => t.type === 'order.shipped');
    expect(shipped?.mjml).toContain('<mjml');
    expect(shipped?.subject).toBe('Your order {{orderid}} has shipped');
    expect(shipped?.text).toContain('{{trackingurl}}');
  });
});
