import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BUILTIN_EVENT_TYPES, builtinEventTypes } from '../../../src/event-types/catalog';
import { defineEventType } from '../../../src/event-types/define-event-type';
import { EventTypeCatalog } from '../../../src/event-types/event-type-catalog';
import { sampleUser } from '../../../src/event-types/shared/samples';
import { testPing } from '../../fixtures/event-types/test.ping/test-ping.event-type';
import { now, organization, user } from '../../fixtures/events';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');
const catalog = builtinEventTypes();

describe('the built-in event types', () => {
  it('when the built-in samples are posted, then each is addressed to the sample user (SPEC §2: data.userId)', () => {
    for (const type of ['order.submitted', 'order.shipped', 'user.password_reset']) {
      expect(catalog.recipients({ type, data: catalog.sample(type).data })).toEqual([sampleUser.id]);
    }
  });

  it("when an order's message is stored, then it keeps its recipient's variables only: the order's come from the event", () => {
    const sample = catalog.sample('order.submitted');
    const ctx = { user: sample.user, organization: sample.organization, now };
    const stored = catalog.recipientVariables(ctx);
    expect(stored).toMatchObject({ firstname: sample.user.firstName, company: sample.organization.name });
    expect(stored).not.toHaveProperty('orderid');
    expect(stored).not.toHaveProperty('products');
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(catalog.resolveVariables('order.submitted', sample.data, ctx)).length / 3);
  });

  it('when the catalog is built, then it lists each built-in once, in registration order, with its OrderCloud MessageType (SPEC §2)', () => {
    expect(catalog.types).toEqual(BUILTIN_EVENT_TYPES.map((t) => t.type));
    expect(Object.fromEntries(catalog.all().map((t) => [t.type, t.messageType]))).toEqual(
      expect.objectContaining({ 'order.submitted': 'OrderSubmitted', 'order.shipped': 'ShipmentCreated', 'user.password_reset': 'ForgottenPassword' }),
    );
  });

  describe.each(catalog.types)('%s', (type) => {
    const definition = catalog.get(type);

    it('when its sample is posted, then it validates and has recipients', () => {
      const parsed = catalog.parse({ type, data: catalog.sample(type).data });
      expect(parsed.success).toBe(true);
      const recipients = parsed.success ? catalog.recipients(parsed.value) : [];
      expect(recipients.length).toBeGreaterThan(0);
      for (const id of recipients) expect(id).toEqual(expect.any(String));
    });

    it('when its sample is resolved, then its variables survive a JSON round trip (they are stored and sent as merge vars)', () => {
      const variables = catalog.resolveVariables(type, catalog.sample(type).data, { user, organization, now });
      expect(JSON.parse(JSON.stringify(variables))).toEqual(variables);
    });

    it('when a message stores only its recipient variables, then it renders with exactly the variables resolved at creation', () => {
      const sample = catalog.sample(type);
      const ctx = { user: sample.user, organization: sample.organization, now: new Date('2026-03-01T00:00:00Z') };
      const stored = catalog.recipientVariables(ctx);
      const full = catalog.resolveVariables(type, sample.data, ctx);
      // with the type's own (from the event's data) it is every variable, valued as at creation, even if the user is renamed since
      const later = { ...ctx, user: { ...sample.user, firstName: 'Renamed' }, now: new Date('2031-01-01T00:00:00Z') };
      expect(catalog.messageVariables(type, sample.data, stored, later)).toEqual(full);
      // a message stored before (all its variables) renders the same
      expect(catalog.messageVariables(type, sample.data, full, later)).toEqual(full);
    });

    it('when it says it carries an order, then its data has one', () => {
      const order = (catalog.sample(type).data as { order?: { id?: unknown } }).order;
      expect(typeof order?.id === 'string').toBe(definition.carriesOrder);
    });

    it('when its built-in template is looked for, then the folder has subject, body and text', () => {
      const dir = path.resolve(TEMPLATES_DIR, definition.templatesDir);
      for (const file of ['subject.hbs', 'body.mjml', 'text.hbs']) expect(existsSync(path.join(dir, file))).toBe(true);
    });
  });
});

describe('EventTypeCatalog', () => {
  const withPing = new EventTypeCatalog([...BUILTIN_EVENT_TYPES, testPing]);

  it('when a type is registered twice, then the catalog refuses to be built', () => {
    expect(() => new EventTypeCatalog([...BUILTIN_EVENT_TYPES, BUILTIN_EVENT_TYPES[0]])).toThrow('Event types are registered twice: order.submitted');
  });

  it('when no type is registered, then the catalog refuses to be built', () => {
    expect(() => new EventTypeCatalog([])).toThrow(/at least one event type/);
  });

  it('when a type is asked for, then has/get know registered types only', () => {
    expect(withPing.has('test.ping')).toBe(true);
    expect(catalog.has('test.ping')).toBe(false);
    expect(() => catalog.get('test.ping')).toThrow(/No event type test.ping/);
  });

  it('when an unknown type is posted, then the issue names `type`', () => {
    const parsed = catalog.parse({ type: 'test.ping', data: { userId: 'u', note: 'x' } });
    expect(parsed).toMatchObject({ success: false, issues: [{ path: 'type' }] });
  });

  it("when a registered type's event is parsed, then its own schema applies, defaults included", () => {
    const parsed = withPing.parse({ type: 'test.ping', data: { userId: 'u1', note: 'hi', extra: 1 } });
    expect(parsed).toEqual({ success: true, value: { type: 'test.ping', data: { userId: 'u1', note: 'hi', extra: 1, watcherIds: [] } } });
  });

  it("when recipients are asked for, then the type's own rule answers", () => {
    expect(withPing.recipients({ type: 'test.ping', data: { userId: 'u1', watcherIds: ['u2', 'u3'], note: 'x' } })).toEqual(['u1', 'u2', 'u3']);
  });

  it('when variables are resolved, then the common ones come first and the type adds its own', () => {
    const variables = withPing.resolveVariables('test.ping', { userId: 'u1', note: 'hi' }, { user, organization, now });
    expect(variables).toMatchObject({ firstname: 'Jane', company: 'Acme Outdoor Supply', currentyear: 2026, pingnote: 'hi', pingcode: '', pingwatchers: 0 });
  });

  it('when a sample is changed, then the next sample is untouched', () => {
    const first = withPing.sample('test.ping');
    first.data.note = 'changed';
    expect(withPing.sample('test.ping').data.note).toBe('Sample ping');
  });

  it('when secret fields are asked for, then they are every type’s data and variable secrets', () => {
    expect([...withPing.secretFields]).toEqual(expect.arrayContaining(['passwordResetUrl', 'verificationCode', 'pinCode', 'pingcode']));
    expect(catalog.secretFields.has('pinCode')).toBe(false);
  });

  it('when a query names a type, then only registered types pass the type schema', () => {
    expect(withPing.typeSchema.safeParse('test.ping').success).toBe(true);
    expect(catalog.typeSchema.safeParse('test.ping').success).toBe(false);
  });
});

// Compile-time checks: `npm run typecheck` fails if defineEventType accepts any of these.
describe('defineEventType', () => {
  const data = z.looseObject({ userId: z.string(), note: z.string() });
  const complete = {
    type: 'test.incomplete',
    messageType: 'TestIncomplete',
    data,
    recipients: (d: z.output<typeof data>) => [d.userId],
    recipientRule: 'userId',
    variables: (d: z.output<typeof data>) => ({ note: d.note }),
    sample: { userId: 'u', note: 'n' },
    secrets: { data: [], variables: [] },
    carriesOrder: false,
    templatesDir: 'test.incomplete',
  };

  it('when a field is missing or mistyped, then the compiler flags it', () => {
    const { recipients: _recipients, ...noRecipients } = complete;
    const { templatesDir: _templatesDir, ...noTemplates } = complete;
    // @ts-expect-error -- no recipient rule
    defineEventType(noRecipients);
    // @ts-expect-error -- no pointer to its built-in template
    defineEventType(noTemplates);
    defineEventType({
      ...complete,
      // @ts-expect-error -- a recipient rule must return user ids (strings)
      recipients: (d) => [d.note.length],
    });
    defineEventType({
      ...complete,
      // @ts-expect-error -- the sample must match the schema
      sample: { userId: 'u' },
    });
    expect(defineEventType(complete).type).toBe('test.incomplete');
  });
});
