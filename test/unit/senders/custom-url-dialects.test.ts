import { builtinEventTypes } from '../../../src/event-types/catalog';
import { customUrlSchema } from '../../../src/senders/kinds/custom-url/custom-url.schema';
import { bodyText } from '../../../src/senders/kinds/custom-url/formats/body-format';
import { bodyTemplateIssues, renderBodyTemplate } from '../../../src/senders/kinds/custom-url/formats/template.format';
import { sampleInput } from '../../../src/senders/kinds/custom-url/message-input';
import { expandPlaceholders, MissingPlaceholderError, placeholderProblems, usesOrderId } from '../../../src/senders/kinds/custom-url/url-placeholders';

const catalog = builtinEventTypes();
const values = {
  eventType: 'order.submitted', messageType: 'OrderSubmitted', eventId: 'evt 1', messageId: 'msg_1',
  userId: 'ada@acme', organizationId: 'acme/eu', orderId: 'PO #7',
};

describe('custom-url URL placeholders', () => {
  test('when a URL names every placeholder, then each is replaced by its URL-encoded value', () => {
    const url = 'https://x.example/{eventType}/{messageType}/{messagetype}/{eventId}/{messageId}?u={userId}&o={organizationId}&id=%7BorderId%7D';
    expect(expandPlaceholders(url, values)).toBe(
      'https://x.example/order.submitted/OrderSubmitted/OrderSubmitted/evt%201/msg_1?u=ada%40acme&o=acme%2Feu&id=PO%20%237',
    );
  });

  test('when a URL has an unknown placeholder or one in the host, then each problem names it', () => {
    expect(placeholderProblems('https://x.example/{orderID}/{order_id}')).toEqual([expect.stringContaining('{order_id}')]);
    expect(placeholderProblems('https://{organizationId}.x.example/in')).toEqual([expect.stringMatching(/\{organizationId\}.*not in the host/)]);
    expect(placeholderProblems('https://x.example/in?{eventType}')).toEqual([]);
  });

  test('when a URL names {orderId} and the message has no order, then expanding it refuses', () => {
    expect(usesOrderId('https://x.example/{orderid}')).toBe(true);
    expect(() => expandPlaceholders('https://x.example/{orderId}', { ...values, orderId: undefined })).toThrow(MissingPlaceholderError);
  });

  test.each([
    ['method PATCH', { method: 'PATCH' }, 'method'],
    ['an unknown placeholder', { url: 'https://x.example/{tenant}' }, 'url'],
    ['a bodyTemplate without format template', { bodyTemplate: '{}' }, 'bodyTemplate'],
    ['format template without a bodyTemplate', { format: 'template' }, 'bodyTemplate'],
    ['a retry schedule of 21 delays', { retry: { schedule: Array.from({ length: 21 }, () => 1) } }, 'retry.schedule'],
    ['a suspension window of zero minutes', { suspend: { failures: 3, withinMinutes: 0 } }, 'suspend.withinMinutes'],
    ['configData with a constructor key', { configData: { nested: { constructor: 1 } } }, 'configData'],
  ])('when the config has %s, then the schema refuses it at %s', (_what, over, path) => {
    const parsed = customUrlSchema.safeParse({ kind: 'custom-url', url: 'https://x.example/in', ...over });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('custom-url body formats', () => {
  const sample = sampleInput(catalog, 'order.submitted', { cc: [], configData: { tier: 'gold' } }).format;

  test('when the format is standard, then the body is {type, timestamp, data} with the data as posted', () => {
    expect(JSON.parse(bodyText('standard', sample, undefined))).toEqual({ type: 'order.submitted', timestamp: sample.at.toISOString(), data: sample.event.data });
  });

  test('when a body template uses json, variables, the event and configData, then it renders that JSON', () => {
    const template = '{"event": {{json event.type}}, "order": {{json orderid}}, "who": {{json firstname}}, "lines": [{{#each products}}{{#unless @first}},{{/unless}}{{json productid}}{{/each}}], "tier": {{json configData.tier}}, "none": {{json}}}';
    expect(JSON.parse(renderBodyTemplate(template, sample))).toEqual({ event: 'order.submitted', order: 'PO-1001', who: 'Jane', lines: ['TENT-2P', 'LAMP-USB'], tier: 'gold', none: null });
  });

  test.each([
    ['a value that is not quoted', '{"who": {{firstname}}}', /did not produce JSON.*Write values with \{\{json/],
    ['an unknown helper', '{"who": {{shout firstname}}}', /Unknown helper "shout"/],
    ['a syntax error', '{"who": {{json firstname}', /cannot parse/],
    ['a prototype property', '{"x": {{json constructor.name}}}', /prototype/],
  ])('when a body template has %s, then the PUT-time check says why', (_what, template, why) => {
    const issues = bodyTemplateIssues(template, sample);
    expect(issues).toEqual([expect.objectContaining({ path: 'bodyTemplate', message: expect.stringMatching(why) })]);
  });
});
