import { createHash } from 'node:crypto';
import type { AttemptRecord, MessageRecord } from '../../../src/delivery/message.record';
import { builtinEventTypes } from '../../../src/event-types/catalog';
import type { EventRecord } from '../../../src/events/event.record';
import { decodeEvent, decodeMessage, decodeMessageAttempts, encodeEvent, encodeMessage, eventMessageIds } from '../../../src/store/redis/codec';
import { decodeAttempt, encodeAttempt } from '../../../src/store/redis/compact';
import { DICTIONARY_1, DICTIONARY_1_SHA256 } from '../../../src/store/redis/dictionary-1';
import { at, eventRecord, messageRecord } from '../../fixtures/records';

const RS = Buffer.from([0x1e]);

/** What the scripts do: append attempts after the record (scripts.ts). */
const withAttempts = (value: Buffer, ...attempts: AttemptRecord[]) => Buffer.concat([value, ...attempts.flatMap((a) => [RS, Buffer.from(encodeAttempt(a))])]);

function everyField(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return messageRecord('msg_01m8v1rr0000000000000001', {
    eventId: 'evt_01m8v1rr0000000000000001', type: 'order.shipped', status: 'held', reason: 'sender_suspended', organizationId: 'org-1',
    recipient: { userId: 'u-1', email: 'Ada@Example.com' }, sender: { kind: 'custom-mandrill', scope: 'organization', organizationId: 'org-1' },
    transport: 'mandrill', attemptCount: 4, nextAttemptAt: at(9000), createdAt: at(10), updatedAt: at(5000),
    variables: { firstname: 'Ada', products: [{ sku: 'p1', quantity: 2, price: 1.5 }], gift: true, nothing: null }, template: { id: 'tpl-1', version: 3 },
    lastError: 'receiver answered HTTP 503 | "busy"', cycleStart: 2, cycle: 1, leaseUntil: at(7000), version: 12, ...overrides,
  });
}

describe('Redis codec: messages', () => {
  test.each([
    ['every field set', everyField()],
    ['no variables', everyField({ variables: null })],
    ['every nullable field null', everyField({ reason: null, organizationId: null, recipient: { userId: 'u-1', email: null }, sender: { kind: 'default-mandrill', scope: 'builtin', organizationId: null }, transport: null, nextAttemptAt: null, variables: null, template: null, lastError: null, leaseUntil: null })],
    ['every number zero and strings empty', everyField({ attemptCount: 0, cycleStart: 0, cycle: 0, reason: '', lastError: '', version: 1, variables: {} })],
    ['times that are not canonical ISO, epoch 0, and updatedAt before createdAt', everyField({ createdAt: '2026-11-20T10:00:00Z', updatedAt: at(0), nextAttemptAt: '1970-01-01T00:00:00.000Z', leaseUntil: 'not a time' })],
    ['updatedAt before createdAt', everyField({ createdAt: at(5000), updatedAt: at(10) })],
    ['a type, kind, scope, status and transport no table lists', everyField({ type: 'custom.type' as MessageRecord['type'], sender: { kind: 'pigeon' as MessageRecord['sender']['kind'], scope: 'galaxy' as MessageRecord['sender']['scope'], organizationId: null }, status: 'odd' as MessageRecord['status'], transport: 'sms' as MessageRecord['transport'] })],
  ])('when a message with %s is encoded, then it decodes to the same record', (_name, message) => {
    const value = encodeMessage(message);
    expect(decodeMessage(message.id, value)).toEqual(message);
    expect(decodeMessage(message.id, withAttempts(value, attemptOf(1)))).toEqual(message);
    expect(value.toString('latin1')).toMatch(new RegExp(`^${message.version}\\|\\d+\\|\\[1,`));
    // the id is the key's, not repeated in the value
    expect(value.includes(message.id)).toBe(false);
  });

  test('when variables are stored, then they are compressed, and one changed in place is stored changed', () => {
    const variables = builtinEventTypes().resolveVariables('order.submitted', builtinEventTypes().sample('order.submitted').data, {
      user: { id: 'u', organizationId: 'o', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', active: true, createdAt: at(0), updatedAt: at(0) },
      organization: { id: 'o', name: 'Acme', active: true, createdAt: at(0), updatedAt: at(0) }, now: new Date(at(0)),
    });
    const message = everyField({ variables });
    const value = encodeMessage(message);
    expect(value.length).toBeLessThan(JSON.stringify(variables).length / 2);
    expect(value.includes('Lovelace')).toBe(false);
    const read = decodeMessage(message.id, value);
    expect(encodeMessage(read)).toEqual(value);
    (read.variables as Record<string, unknown>).firstname = 'Grace';
    expect(decodeMessage(message.id, encodeMessage(read)).variables).toMatchObject({ firstname: 'Grace', lastname: 'Lovelace' });
  });

  test('when a message was written as `<version>|{json}` or bare JSON, then it decodes (bare as version 0) with no attempts inside', () => {
    const { version: _v, ...json } = everyField();
    expect(decodeMessage('ignored', Buffer.from(`7|${JSON.stringify(json)}`))).toEqual({ ...json, version: 7 });
    expect(decodeMessage('ignored', `7|${JSON.stringify(json)}`)).toEqual({ ...json, version: 7 });
    expect(decodeMessage('ignored', Buffer.from(JSON.stringify(json)))).toEqual({ ...json, version: 0 });
    expect(decodeMessageAttempts(Buffer.from(`7|${JSON.stringify(json)}`))).toEqual([]);
  });
});

function attemptOf(number: number, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return { number, startedAt: at(number), durationMs: 57, outcome: 'success', statusCode: 200, error: null, response: '[{"email":"a@example.com","status":"sent"}]', ...overrides };
}

describe('Redis codec: attempts', () => {
  test.each([
    ['a JSON response', attemptOf(1)],
    ['a JSON response spelled unlike JSON.stringify', attemptOf(2, { response: '{ "ok": true }' })],
    ['a response that only starts like JSON', attemptOf(3, { response: '{not json' })],
    ['a text response and an error with separators', attemptOf(4, { outcome: 'transient', statusCode: 503, response: 'busy | try "later"\n', error: 'HTTP 503 \u001e' })],
    ['no status code, response or error', attemptOf(5, { outcome: 'permanent', statusCode: null, response: null, error: null })],
    ['status code 0 and empty strings', attemptOf(6, { statusCode: 0, response: '', error: '' })],
    ['a startedAt that is not canonical', attemptOf(7, { startedAt: '2026-11-20T10:00:00Z' })],
  ])('when an attempt with %s is encoded, then it decodes the same, in the value after its message', (_name, attempt) => {
    expect(decodeAttempt(encodeAttempt(attempt))).toEqual(attempt);
    const value = withAttempts(encodeMessage(everyField()), attemptOf(1), attempt);
    expect(decodeMessageAttempts(value)).toEqual([attemptOf(1), attempt]);
  });

  test('when an attempt was written as a JSON object (an `attempts:<id>` list), then it decodes', () => {
    expect(decodeAttempt(JSON.stringify(attemptOf(1)))).toEqual(attemptOf(1));
  });

  test('when a message has no attempts, then none decode', () => {
    expect(decodeMessageAttempts(encodeMessage(everyField()))).toEqual([]);
  });
});

describe('Redis codec: events', () => {
  const event: EventRecord = eventRecord('evt_1', { occurredAt: '2026-11-20T10:00:00Z', data: { userId: 'u', order: { id: 'PO-1', total: 113.25, xp: { '|': ',', nested: [1, null, 'a|b'] } } } });

  test('when an event is encoded, then it decodes the same, accepted or processed, with no message ids', () => {
    const value = encodeEvent(event);
    expect(value.toString('latin1', 0, 3)).toBe('a||');
    expect(decodeEvent('evt_1', value)).toEqual(event);
    expect(eventMessageIds(value)).toEqual([]);
    expect(decodeEvent('evt_1', encodeEvent({ ...event, status: 'processed' }))).toEqual({ ...event, status: 'processed' });
    expect(value.includes('PO-1')).toBe(false);
  });

  test('when message ids were added to the value (as the create script does), then they list in order and the event reads unchanged', () => {
    const value = encodeEvent(event);
    const withIds = Buffer.concat([Buffer.from('p|msg_1,msg_2'), value.subarray(2)]);
    expect(eventMessageIds(withIds)).toEqual(['msg_1', 'msg_2']);
    expect(decodeEvent('evt_1', withIds)).toEqual({ ...event, status: 'processed' });
  });

  test('when an event was written as `a|{json}`, `p|{json}` or bare JSON, also with ids added since, then it decodes', () => {
    const { status: _s, ...json } = event;
    expect(decodeEvent('evt_1', Buffer.from(`a|${JSON.stringify(json)}`))).toEqual(event);
    expect(decodeEvent('evt_1', `p|${JSON.stringify(json)}`)).toEqual({ ...event, status: 'processed' });
    expect(decodeEvent('evt_1', Buffer.from(JSON.stringify({ ...event, status: 'processed' })))).toEqual({ ...event, status: 'processed' });
    const legacyWithIds = Buffer.from(`a|msg_9|${JSON.stringify(json)}`);
    expect(decodeEvent('evt_1', legacyWithIds)).toEqual(event);
    expect(eventMessageIds(legacyWithIds)).toEqual(['msg_9']);
  });
});

describe('Redis codec: the preset dictionary', () => {
  test('when stored values are read, then dictionary 1 is exactly the one they were written with (it must never change)', () => {
    expect(createHash('sha256').update(DICTIONARY_1).digest('hex')).toBe(DICTIONARY_1_SHA256);
    expect(DICTIONARY_1_SHA256).toBe('fed274c9e257ab2d12ed6b6d462a24de8701c99d2a8794462e87353c7647b24f');
    expect(DICTIONARY_1.length).toBe(9757);
  });
});
