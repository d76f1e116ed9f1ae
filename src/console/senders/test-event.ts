import type { EventTypeCatalog } from '../../event-types/event-type-catalog';

/**
 * The catalog's sample event of a type, addressed to `userId` instead of the sample user:
 * every value naming one of the sample's recipients (and `data.userId`) names the chosen user.
 * The body goes to `AcceptEvent` like any posted event.
 */
export function testEvent(eventTypes: EventTypeCatalog, type: string, userId: string): { type: string; data: Record<string, unknown> } {
  const { data } = eventTypes.sample(type);
  const parsed = eventTypes.parse({ type, data });
  const sampleIds = new Set(parsed.success ? eventTypes.recipients(parsed.value) : []);
  if (typeof data.userId === 'string') sampleIds.add(data.userId);
  return { type, data: readdress(data, sampleIds, userId) as Record<string, unknown> };
}

function readdress(value: unknown, from: ReadonlySet<string>, to: string): unknown {
  if (typeof value === 'string') return from.has(value) ? to : value;
  if (Array.isArray(value)) return value.map((item) => readdress(item, from, to));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readdress(v, from, to)]));
}
