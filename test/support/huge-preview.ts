import { orderSubmitted } from './seed';

/**
 * A stored template whose `{{#each products}}` holds `lines` lines, and order data with
 * `items` line items: rendering it takes seconds of CPU (lines × items), the stall.
 */
export function hugePreview(lines = 2000, items = 300): { template: { subject: string; mjml: string }; data: Record<string, unknown> } {
  const row = (i: number) => `<p>{{productname}} line ${i}: {{quantity}} × {{money unitprice ../currency}} = {{money cost ../currency}}</p>`;
  const mjml = [
    '<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-column>',
    '        <mj-text>{{#each products}}',
    ...Array.from({ length: lines }, (_, i) => row(i)),
    '        {{/each}}</mj-text>',
    '      </mj-column>', '    </mj-section>', '  </mj-body>', '</mjml>',
  ].join('\n');
  const base = orderSubmitted('buyer-1').data as Record<string, unknown> & { lineItems: Record<string, unknown>[] };
  const [item] = base.lineItems;
  const lineItems = Array.from({ length: items }, (_, i) => ({ ...item, id: `li-${i}`, productName: `Product ${i}` }));
  return { template: { subject: 'Order {{orderid}}', mjml }, data: { ...base, lineItems } };
}
