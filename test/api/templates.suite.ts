import { startFakeMandrill, type FakeMandrill, type MandrillCall } from '../fakes/fake-mandrill';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { orderShipped, orderSubmitted, seedRecipient } from '../support/seed';

type Issue = { source: string; line: number; column?: number; message: string };
type Rendered = { subject: string; html: string; text: string };

const DEFAULT_KEY = 'md-default-tpl-KEY-a1b2';
const CUSTOMER_KEY = 'md-customer-tpl-KEY-c3d4';
const BUILTINS = ['builtin.order.submitted', 'builtin.order.shipped', 'builtin.user.password_reset'];

/** An MJML document, one array entry per line, so tests can name the line they expect. */
function mjmlDoc(...body: string[]): string {
  return ['<mjml>', '  <mj-body>', ...body, '  </mj-body>', '</mjml>'].join('\n');
}
/** One section with one column holding `content` (each entry one line). */
const section = (...content: string[]): string[] => ['    <mj-section>', '      <mj-column>', ...content.map((c) => `        ${c}`), '      </mj-column>', '    </mj-section>'];
/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the template`);
  return index + 1;
}

const valid = (marker = 'Hello') => ({
  subject: 'Order {{orderid}} received',
  mjml: mjmlDoc(...section(`<mj-text>${marker} {{firstname}}, order {{orderid}} totals {{money total currency}}.</mj-text>`)),
});

let counter = 0;
const uid = (prefix: string): string => `${prefix}-${++counter}`;

/** Issue 5 "Done when": stored templates end to end, on one driver. */
export function templatesSuite(driver: Driver): void {
  describe(`custom email templates (${driver})`, () => {
    let h: TestHerald;
    let mandrill: FakeMandrill;
    beforeAll(async () => {
      mandrill = await startFakeMandrill();
      // one retry, late enough that a test can replace the template before it happens
      h = await startTestHerald(driver, { MANDRILL_API_URL: mandrill.url, MANDRILL_API_KEY: DEFAULT_KEY, RETRY_SCHEDULE: '0.8' });
    });
    afterAll(async () => {
      await h.close();
      await mandrill.close();
    });
    const api = () => h.api();

    async function expectInvalid(id: string, body: object): Promise<Issue[]> {
      const res = await api().put(`/v1/templates/${id}`).send(body).expect(422);
      expect(res.body.error.code).toBe('template_invalid');
      await api().get(`/v1/templates/${id}`).expect(404);
      return res.body.error.details as Issue[];
    }

    describe('storing templates', () => {
      test('when a valid template is put, read, replaced, listed and deleted, then versions count up and the built-ins are listed too', async () => {
        const created = await api().put('/v1/templates/welcome').send(valid()).expect(201);
        expect(created.body).toMatchObject({ id: 'welcome', version: 1, subject: 'Order {{orderid}} received', mjml: valid().mjml });
        expect((await api().get('/v1/templates/welcome').expect(200)).body).toMatchObject({ id: 'welcome', version: 1, mjml: valid().mjml });

        const replaced = await api().put('/v1/templates/welcome').send(valid('Howdy')).expect(200);
        expect(replaced.body).toMatchObject({ id: 'welcome', version: 2 });
        expect((await api().get('/v1/templates/welcome')).body.mjml).toContain('Howdy');

        const ids = ((await api().get('/v1/templates').expect(200)).body.data as { id: string }[]).map((t) => t.id);
        expect(ids).toEqual(expect.arrayContaining(['welcome', ...BUILTINS]));
        const builtin = (await api().get('/v1/templates/builtin.order.submitted').expect(200)).body;
        expect(builtin).toMatchObject({ builtin: true, type: 'order.submitted', mjml: expect.stringContaining('<mjml') });

        await api().delete('/v1/templates/welcome').expect(204);
        await api().get('/v1/templates/welcome').expect(404);
        await api().delete('/v1/templates/welcome').expect(404);
      });

      test.each(['builtin.x', 'builtin.order.submitted', 'bad id!'])('when a template is put as %s, then 400', async (id) => {
        const res = await api().put(`/v1/templates/${encodeURIComponent(id)}`).send(valid()).expect(400);
        expect(res.body.error.code).toBe('validation_failed');
      });
    });

    describe('invalid templates are rejected with the line to fix', () => {
      test('when an MJML tag has an unknown attribute, then 422 names its line and says to remove it', async () => {
        const mjml = mjmlDoc(...section('<mj-text>Hi</mj-text>', '<mj-text colr="red">{{firstname}}</mj-text>'));
        const [issue, ...rest] = await expectInvalid(uid('attr'), { subject: 'S', mjml });
        expect(rest).toEqual([]);
        expect(issue).toMatchObject({ source: 'mjml', line: lineOf(mjml, 'colr=') });
        expect(issue?.message).toMatch(/colr/);
        expect(issue?.message).toMatch(/Remove colr, or use an attribute that <mj-text> accepts/);
      });

      test('when the MJML cannot be parsed at all, then 422 says so (not a 500)', async () => {
        const [issue, ...rest] = await expectInvalid(uid('unparsable'), { subject: 'S', mjml: 'not xml at all' });
        expect(rest).toEqual([]);
        expect(issue).toMatchObject({ source: 'mjml', line: 1 });
        expect(issue?.message).toMatch(/Parsing failed|Malformed MJML/);
        const [unclosed, ...more] = await expectInvalid(uid('unparsable'), { subject: 'S', mjml: '<mjml>' });
        expect(more).toEqual([]);
        expect(unclosed).toMatchObject({ source: 'mjml', line: 1, message: expect.stringContaining('<mjml> is never closed') });
      });

      test('when MJML tags are unclosed or mismatched, then 422 template_invalid names each line', async () => {
        const mjml = mjmlDoc(...section('<mj-text>Hi <b>there</mj-text>', '<mj-button href="https://shop.example">Go'));
        const issues = await expectInvalid(uid('unclosed'), { subject: 'S', mjml });
        expect(issues).toEqual([
          expect.objectContaining({ source: 'mjml', line: lineOf(mjml, '<b>there'), message: expect.stringMatching(/^<b> is not closed: <\/mj-text>/) }),
          expect.objectContaining({ source: 'mjml', line: lineOf(mjml, '<mj-button'), message: expect.stringMatching(/^<mj-button> is not closed/) }),
        ]);
        const mismatched = ['<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-column>', '        <mj-text>Hi</mj-text>', '      </mj-section>', '    </mj-column>', '  </mj-body>', '</mjml>'].join('\n');
        expect(await expectInvalid(uid('mismatched'), { subject: 'S', mjml: mismatched })).toEqual([
          expect.objectContaining({ line: 4, message: expect.stringContaining('<mj-column> is not closed: </mj-section> on line 6 comes first') }),
          expect.objectContaining({ line: 7, message: expect.stringContaining('</mj-column> closes nothing') }),
        ]);
      });

      test('when an MJML tag does not exist, then 422 names its line and lists real components', async () => {
        const mjml = mjmlDoc(...section('<mj-txt>Hi</mj-txt>'));
        const [issue] = await expectInvalid(uid('tag'), { subject: 'S', mjml });
        expect(issue).toMatchObject({ source: 'mjml', line: lineOf(mjml, '<mj-txt>') });
        expect(issue?.message).toMatch(/mj-txt/);
        expect(issue?.message).toMatch(/<mj-text>/);
      });

      test('when an {{#each}} is never closed, then 422 points at the line and column of the {{#each}}, not the end of the file', async () => {
        const mjml = mjmlDoc(...section('<mj-text>Items:</mj-text>', '<mj-text>{{#each products}}{{productname}}</mj-text>', '<mj-text>Bye</mj-text>'));
        const [issue, ...rest] = await expectInvalid(uid('unclosed'), { subject: 'S', mjml });
        expect(rest).toEqual([]);
        expect(issue).toMatchObject({ source: 'mjml', line: lineOf(mjml, '{{#each'), column: 18 });
        expect(issue?.message).toMatch(/\{\{#each products\}\} is never closed: add \{\{\/each\}\}/);
      });

      test('when the subject does not parse, then 422 says so for the subject', async () => {
        const [issue] = await expectInvalid(uid('subject'), { ...valid(), subject: 'Order {{orderid' });
        expect(issue).toMatchObject({ source: 'subject', line: 1 });
        expect(issue?.message).toMatch(/matching \}\}/);
      });

      test('when {{#each}} sits as bare text between sections, then 422 says MJML drops it and to use <mj-raw>', async () => {
        const mjml = mjmlDoc(
          ...section('<mj-text>Your items</mj-text>'),
          '    {{#each products}}',
          ...section('<mj-text>{{productname}}</mj-text>'),
          '    {{/each}}',
        );
        const issues = await expectInvalid(uid('dropped'), { subject: 'S', mjml });
        const each = issues.find((i) => i.message.includes('{{#each products}}'));
        expect(each).toMatchObject({ source: 'mjml', line: lineOf(mjml, '{{#each'), column: 5 });
        expect(each?.message).toMatch(/drops/);
        expect(each?.message).toContain('<mj-raw>');
      });

      test('when a typed attribute holds {{x}}, then 422 names the line and explains to use a fixed value or HTML', async () => {
        const mjml = mjmlDoc('    <mj-section background-color="{{brandcolor}}">', '      <mj-column><mj-text>Hi</mj-text></mj-column>', '    </mj-section>');
        const [issue] = await expectInvalid(uid('typed'), { subject: 'S', mjml });
        expect(issue).toMatchObject({ source: 'mjml', line: lineOf(mjml, 'background-color') });
        expect(issue?.message).toMatch(/background-color/);
        expect(issue?.message).toMatch(/cannot contain \{\{…\}\}: use a fixed value/);
      });

      test('when a template calls an unknown helper, then 422 names line and column and lists the helpers there are', async () => {
        const mjml = mjmlDoc(...section('<mj-text>Hi</mj-text>', '<mj-text>{{shout firstname}}</mj-text>'));
        const [issue] = await expectInvalid(uid('helper'), { subject: 'S', mjml });
        expect(issue).toMatchObject({ source: 'mjml', line: lineOf(mjml, 'shout'), column: 18 });
        expect(issue?.message).toMatch(/Unknown helper "shout"\. Use one of: .*money/);
      });

      test('when a template includes an unknown partial, then 422 names the line and the partials there are', async () => {
        const mjml = mjmlDoc('    {{> sidebar}}', ...section('<mj-text>Hi</mj-text>'));
        const [issue] = await expectInvalid(uid('partial'), { subject: 'S', mjml });
        expect(issue).toMatchObject({ source: 'mjml', line: lineOf(mjml, 'sidebar'), column: 5 });
        expect(issue?.message).toMatch(/Unknown partial "sidebar"\. Use one of: approvals, footer, head, header, order-details, order-items, return-details, return-items /);
      });
    });

    describe('templates cannot escape', () => {
      const leaks = /function|\[object|native code|root:|process|require/;

      test.each([
        ['a constructor chain', '<mj-text>{{constructor.constructor "return process"}}</mj-text>'],
        ['a __proto__ lookup', '<mj-text>{{lookup this "__proto__"}}</mj-text>'],
        ['a partial from disk', '<mj-text>{{> /etc/passwd}}</mj-text>'],
        ['a dynamic partial', '<mj-text>{{> (lookup this "x")}}</mj-text>'],
        ['a prototype method', '<mj-text>{{firstname.__defineGetter__}}</mj-text>'],
      ])('when a template tries %s, then 422 and nothing of the server leaks into the answer', async (_what, line) => {
        const mjml = mjmlDoc(...section(line));
        const res = await api().put(`/v1/templates/${uid('escape')}`).send({ subject: 'S', mjml }).expect(422);
        expect((res.body.error.details as Issue[])[0]).toMatchObject({ line: lineOf(mjml, '{{') });
        expect(JSON.stringify(res.body)).not.toMatch(/root:x:0|\[object|native code/);
      });

      test('when event values name prototype members, then a dynamic lookup renders nothing harmful', async () => {
        const mjml = mjmlDoc(...section('<mj-text>{{#each products}}[{{lookup @root productname}}]{{/each}} [{{lookup this comments}}]</mj-text>'));
        await api().put('/v1/templates/dynamic-lookup').send({ subject: '{{lookup this comments}}!', mjml, text: '{{lookup this comments}}' }).expect(201);
        const data = orderSubmitted('u').data;
        const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
        const lineItems = names.map((productName, i) => ({ ...data.lineItems[0], id: `li${i}`, productName }));
        const body = { type: 'order.submitted', data: { ...data, lineItems, order: { ...data.order, comments: 'constructor' } } };
        const rendered = (await api().post('/v1/templates/dynamic-lookup/render').send(body).expect(200)).body as Rendered;
        expect(rendered.html).toContain('[][][][][] []');
        for (const part of [rendered.subject, rendered.html, rendered.text]) expect(part).not.toMatch(leaks);
        expect(rendered.subject).toBe('!');
      });
    });

    describe('render and preview', () => {
      test('when a built-in template is rendered without data, then realistic sample data fills it', async () => {
        const res = await api().post('/v1/templates/builtin.order.submitted/render').send({}).expect(200);
        const r = res.body as Rendered;
        expect(r.subject).toMatch(/PO-\d+/);
        expect(r.html).toContain('$113.25');
        expect(r.html).toMatch(/^<!doctype html>/i);
        expect(r.text).toContain('$113.25');
        expect(r.text).not.toMatch(/<\/?[a-z]/i);
      });

      test('when data is given, then it is used; when it is not a valid event body, then 400', async () => {
        const data = { ...orderSubmitted('u', { orderId: 'PO-DATA-77' }).data };
        const used = (await api().post('/v1/templates/builtin.order.submitted/render').send({ data }).expect(200)).body as Rendered;
        expect(used.subject).toContain('PO-DATA-77');
        expect(used.html).toContain('PO-DATA-77');
        expect(used.html).toContain('Gadget Deluxe');

        const bad = await api().post('/v1/templates/builtin.order.submitted/render').send({ data: { userId: 'u' } }).expect(400);
        expect(bad.body.error.code).toBe('validation_failed');
        await api().post('/v1/templates/builtin.order.submitted/render').send({ type: 'order.shipped' }).expect(400);
      });

      test('when a stored template has no text part, then the text is derived from the HTML with its links', async () => {
        const mjml = mjmlDoc(...section('<mj-text>Hi {{firstname}}, <a href="https://shop.example/orders/{{orderid}}">see your order</a>.</mj-text>', '<mj-button href="https://shop.example/help">Help</mj-button>'));
        await api().put('/v1/templates/linky').send({ subject: 'Order {{orderid}}', mjml }).expect(201);
        const r = (await api().post('/v1/templates/linky/render').send({ type: 'order.submitted' }).expect(200)).body as Rendered;
        expect(r.subject).toMatch(/^Order PO-\d+$/);
        expect(r.text).toMatch(/see your order \[https:\/\/shop\.example\/orders\/PO-\d+\]/);
        expect(r.text).toContain('https://shop.example/help');
        expect(r.text).not.toContain('<');

        await api().post('/v1/templates/linky/render').send({}).expect(400);
        await api().post('/v1/templates/missing-one/render').send({ type: 'order.submitted' }).expect(404);
      });

      test('when a template is previewed, then the browser gets text/html with a restrictive CSP', async () => {
        const stored = await api().get('/v1/templates/linky/preview?type=order.submitted').expect(200);
        expect(stored.headers['content-type']).toMatch(/^text\/html/);
        expect(stored.text).toContain('https://shop.example/orders/PO-');
        expect(stored.headers['content-security-policy']).toMatch(/default-src 'none'.*form-action 'none'.*sandbox/);
        const builtin = await api().get('/v1/templates/builtin.user.password_reset/preview').expect(200);
        expect(builtin.headers['content-type']).toMatch(/^text\/html/);
        await api().get('/v1/templates/linky/preview?type=nope').expect(400);
        await api().get('/v1/templates/linky/preview').expect(400);
      });

      test('when the OpenAPI document is read, then it describes render (type optional) and preview', async () => {
        const doc = (await api().get('/openapi.json').expect(200)).body;
        expect(doc.paths['/v1/templates/{id}/preview'].get.responses['200'].content).toHaveProperty(['text/html']);
        expect(doc.components.schemas.RenderRequest.properties).toHaveProperty('data');
        expect(doc.components.schemas.RenderRequest.required ?? []).not.toContain('type');
        expect(doc.paths['/v1/templates/{id}'].put.responses).toHaveProperty('422');
        expect(doc.paths['/v1/templates/{id}'].delete.responses).toHaveProperty('409');
      });
    });

    deliveryTests(() => h, () => mandrill);
  });
}

/** The sends of one message, by the message id Herald puts in the Mandrill metadata. */
const sendsOf = (mandrill: FakeMandrill, messageId: string): MandrillCall[] =>
  mandrill.sends().filter((c) => (c.body.message?.metadata as Record<string, unknown> | undefined)?.message_id === messageId);

function deliveryTests(get: () => TestHerald, getMandrill: () => FakeMandrill): void {
  const api = () => get().api();
  type Message = { id: string; status: string; attemptCount: number; template: { id: string; version: number } | null };
  async function messageOf(eventId: string, status?: string, timeoutMs = 8000): Promise<Message> {
    return waitFor(async () => {
      const id = (await api().get(`/v1/events/${eventId}`)).body.messages?.[0]?.id as string | undefined;
      if (!id) return undefined;
      const m = (await api().get(`/v1/messages/${id}`)).body as Message;
      return (status === undefined || m.status === status) && m;
    }, timeoutMs, `message of ${eventId} ${status ?? ''}`);
  }
  async function post(event: object): Promise<string> {
    return (await api().post('/v1/events').send(event).expect(202)).body.id as string;
  }

  describe('used by senders', () => {
    test('when a default-mandrill and a custom-mandrill sender name a template, then Mandrill receives its HTML and subject', async () => {
      const mjml = mjmlDoc(...section('<mj-text>CUSTOM-TPL-MARKER {{orderid}} for {{firstname}}</mj-text>'));
      await api().put('/v1/templates/marker').send({ subject: 'Custom {{orderid}}', mjml }).expect(201);
      await api().put('/v1/senders/order.shipped').send({ kind: 'default-mandrill', templateId: 'marker' }).expect(201);
      const org = await seedRecipient(api(), { userId: uid('buyer'), orgId: uid('org') });
      await api().put(`/v1/organizations/${org.orgId}/senders/order.submitted`)
        .send({ kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example', templateId: 'marker' }).expect(201);

      const shipped = await messageOf(await post(orderShipped(org.userId)), 'sent');
      const submitted = await messageOf(await post(orderSubmitted(org.userId, { orderId: 'PO-CUSTOM-9' })), 'sent');
      await api().delete('/v1/senders/order.shipped').expect(204);

      for (const [message, key, orderId] of [[shipped, DEFAULT_KEY, 'PO-1001'], [submitted, CUSTOMER_KEY, 'PO-CUSTOM-9']] as const) {
        expect(message.template).toEqual({ id: 'marker', version: 1 });
        const [call, ...more] = sendsOf(getMandrill(), message.id);
        expect(more).toEqual([]);
        expect(call?.path).toBe('/messages/send');
        expect(call?.body.key).toBe(key);
        expect(call?.body.message?.html).toContain(`CUSTOM-TPL-MARKER ${orderId} for Ada`);
        expect(call?.body.message?.subject).toBe(`Custom ${orderId}`);
        expect(call?.body.message?.text).toContain(`CUSTOM-TPL-MARKER ${orderId}`);
      }
    });

    test('when a template is replaced while a message waits for its retry, then that message keeps v1 and newer ones get v2', async () => {
      const version = (v: string) => ({ subject: `Pinned ${v} {{orderid}}`, mjml: mjmlDoc(...section(`<mj-text>PINNED-${v} {{orderid}}</mj-text>`)) });
      await api().put('/v1/templates/pinned').send(version('v1')).expect(201);
      const org = await seedRecipient(api(), { userId: uid('buyer'), orgId: uid('org') });
      await api().put(`/v1/organizations/${org.orgId}/senders/order.submitted`).send({ kind: 'default-mandrill', templateId: 'pinned' }).expect(201);

      getMandrill().fail('general-error-500');
      const early = await post(orderSubmitted(org.userId, { orderId: 'PO-EARLY' }));
      await waitFor(async () => (await messageOf(early)).attemptCount === 1, 5000, 'first failed attempt');
      await api().put('/v1/templates/pinned').send(version('v2')).expect(200);
      const replacedAt = Date.now();
      const late = await post(orderSubmitted(org.userId, { orderId: 'PO-LATE' }));

      const earlyMessage = await messageOf(early, 'sent');
      expect(earlyMessage).toMatchObject({ attemptCount: 2, template: { id: 'pinned', version: 1 } });
      const delivered = sendsOf(getMandrill(), earlyMessage.id).at(-1);
      expect(delivered?.at).toBeGreaterThanOrEqual(replacedAt);
      expect(delivered?.body.message?.html).toContain('PINNED-v1 PO-EARLY');
      expect(delivered?.body.message?.subject).toBe('Pinned v1 PO-EARLY');

      const lateMessage = await messageOf(late, 'sent');
      expect(lateMessage.template).toEqual({ id: 'pinned', version: 2 });
      expect(sendsOf(getMandrill(), lateMessage.id)[0]?.body.message?.html).toContain('PINNED-v2 PO-LATE');
    });

    test('when a sender names a template that does not exist, then 400 says to create it', async () => {
      const global = await api().put('/v1/senders/order.shipped').send({ kind: 'default-mandrill', templateId: 'nowhere' }).expect(400);
      expect(JSON.stringify(global.body.error)).toContain('PUT /v1/templates/nowhere');
      const org = await seedRecipient(api(), { userId: uid('buyer'), orgId: uid('org') });
      await api().put(`/v1/organizations/${org.orgId}/senders/order.shipped`)
        .send({ kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example', templateId: 'nowhere' }).expect(400);
      await api().get('/v1/senders/order.shipped').expect(404);
    });

    test('when a template in use is deleted, then 409 names every sender using it, and it can go once they are gone', async () => {
      await api().put('/v1/templates/in-use').send(valid()).expect(201);
      const org = await seedRecipient(api(), { userId: uid('buyer'), orgId: uid('org') });
      await api().put('/v1/senders/user.password_reset').send({ kind: 'default-mandrill', templateId: 'in-use' }).expect(201);
      await api().put(`/v1/organizations/${org.orgId}/senders/order.shipped`)
        .send({ kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example', templateId: 'in-use' }).expect(201);

      const conflict = await api().delete('/v1/templates/in-use').expect(409);
      expect(conflict.body.error.code).toBe('conflict');
      expect(conflict.body.error.message).toContain('user.password_reset');
      expect(conflict.body.error.message).toContain(`${org.orgId}/order.shipped`);
      expect(conflict.body.error.details.senders).toEqual(expect.arrayContaining(['user.password_reset', `${org.orgId}/order.shipped`]));
      await api().get('/v1/templates/in-use').expect(200);

      await api().delete('/v1/senders/user.password_reset').expect(204);
      await api().delete(`/v1/organizations/${org.orgId}/senders/order.shipped`).expect(204);
      await api().delete('/v1/templates/in-use').expect(204);
    });
  });
}
