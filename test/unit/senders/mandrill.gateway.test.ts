import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OfficialMandrillGateway } from '../../../src/senders/mandrill.gateway';
import type { DeliveryResult, EmailEnvelope } from '../../../src/senders/sender.port';
import { startFakeMandrill, type FakeMandrill, type MandrillFailure } from '../../fakes/fake-mandrill';

const API_KEY = 'md-TEST-0123456789abcdefSECRET';

const envelope: EmailEnvelope = {
  from: { email: 'shop@example.com', name: 'Shop' },
  to: { email: 'buyer@example.com', name: 'Bea Buyer' },
  cc: ['ops@example.com'],
  tags: ['order.submitted'],
  metadata: { eventType: 'order.submitted', eventId: 'evt_1', messageId: 'msg_1' },
};
const email = { subject: 'Order PO-1 received', html: '<p>Thanks</p>', text: 'Thanks' };

/** Every string a result carries, for grepping secrets. */
const texts = (r: DeliveryResult): string => JSON.stringify(r);

describe('OfficialMandrillGateway', () => {
  let mandrill: FakeMandrill;
  let gateway: OfficialMandrillGateway;

  beforeAll(async () => {
    mandrill = await startFakeMandrill();
    gateway = new OfficialMandrillGateway({ apiUrl: mandrill.url, timeoutMs: 300 });
  });
  afterEach(() => mandrill.reset());
  afterAll(() => mandrill.close());

  it('when a rendered email is sent, then Mandrill gets recipients, content, tags and metadata', async () => {
    const result = await gateway.sendRendered(API_KEY, envelope, email);
    expect(result).toMatchObject({ outcome: 'success', statusCode: 200 });
    expect(result.response).toContain('"status":"sent"');
    const [call] = mandrill.sends();
    expect(call.path).toBe('/messages/send');
    expect(call.body.key).toBe(API_KEY);
    expect(call.body.message).toMatchObject({
      subject: 'Order PO-1 received',
      html: '<p>Thanks</p>',
      text: 'Thanks',
      from_email: 'shop@example.com',
      from_name: 'Shop',
      to: [
        { email: 'buyer@example.com', name: 'Bea Buyer', type: 'to' },
        { email: 'ops@example.com', type: 'cc' },
      ],
      preserve_recipients: true,
      tags: ['order.submitted'],
      metadata: { eventType: 'order.submitted', eventId: 'evt_1', messageId: 'msg_1' },
    });
  });

  it('when a Mandrill template is used, then send-template gets handlebars merge vars with arrays kept', async () => {
    const variables = { firstname: 'Bea', products: [{ productname: 'Widget', quantity: 2 }] };
    const result = await gateway.sendTemplate(API_KEY, envelope, { name: 'order-confirmation', subject: 'Hi', variables });
    expect(result.outcome).toBe('success');
    const [call] = mandrill.sends();
    expect(call.path).toBe('/messages/send-template');
    expect(call.body.template_name).toBe('order-confirmation');
    expect(call.body.template_content).toEqual([]);
    expect(call.body.message).toMatchObject({
      subject: 'Hi',
      merge_language: 'handlebars',
      global_merge_vars: [
        { name: 'firstname', content: 'Bea' },
        { name: 'products', content: [{ productname: 'Widget', quantity: 2 }] },
      ],
    });
  });

  it('when the same key sends twice, then both calls carry that key and nothing is mixed up between keys', async () => {
    await gateway.sendRendered(API_KEY, envelope, email);
    await gateway.sendRendered('md-other-key-9999', envelope, email);
    await gateway.sendRendered(API_KEY, envelope, email);
    expect(mandrill.sends().map((c) => c.body.key)).toEqual([API_KEY, 'md-other-key-9999', API_KEY]);
  });

  const cases: [MandrillFailure, DeliveryResult['outcome'], RegExp][] = [
    ['general-error-500', 'transient', /GeneralError/],
    ['invalid-key', 'permanent', /Invalid_Key/],
    ['validation-error', 'permanent', /ValidationError/],
    ['unknown-template', 'permanent', /Unknown_Template/],
    ['rejected', 'permanent', /rejected.*hard-bounce/],
    ['invalid', 'permanent', /invalid/],
  ];
  it.each(cases)('when Mandrill answers %s, then the attempt is %s', async (kind, outcome, error) => {
    mandrill.fail(kind);
    const result = await gateway.sendRendered(API_KEY, envelope, email);
    expect(result.outcome).toBe(outcome);
    expect(result.outcome !== 'success' && result.error).toMatch(error);
    expect(texts(result)).not.toContain(API_KEY);
  });

  it('when an error is an HTTP 500, then the status code is recorded', async () => {
    mandrill.fail('invalid-key');
    expect(await gateway.sendTemplate(API_KEY, envelope, { name: 't', variables: {} })).toMatchObject({ statusCode: 500 });
  });

  it('when Mandrill answers slower than the timeout, then the attempt is transient', async () => {
    mandrill.slow(1000);
    const result = await gateway.sendRendered(API_KEY, envelope, email);
    expect(result).toMatchObject({ outcome: 'transient', statusCode: null, error: 'timeout after 300ms' });
  });

  it('when the error body echoes the API key, then the key appears in no returned text', async () => {
    mandrill.fail('echo-key');
    const result = await gateway.sendRendered(API_KEY, envelope, email);
    expect(result.outcome).toBe('transient');
    expect(result.response).toContain('[redacted]');
    expect(texts(result)).not.toContain(API_KEY);
  });

  it('when nothing listens at the API URL, then the attempt is transient and leaks no key', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const offline = new OfficialMandrillGateway({ apiUrl: `http://127.0.0.1:${port}/api/1.3` });
    const result = await offline.sendRendered(API_KEY, envelope, email);
    expect(result).toMatchObject({ outcome: 'transient', statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(texts(result)).not.toContain(API_KEY);
  });

  it('when something not Mandrill answers with an error page, then the attempt is transient with its status', async () => {
    const proxy = http.createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<h1>Bad gateway</h1>`);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const { port } = proxy.address() as AddressInfo;
    const viaProxy = new OfficialMandrillGateway({ apiUrl: `http://127.0.0.1:${port}/api/1.3` });
    const result = await viaProxy.sendRendered(API_KEY, envelope, email);
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
    expect(result).toMatchObject({ outcome: 'transient', statusCode: 502, response: '<h1>Bad gateway</h1>' });
  });
});
