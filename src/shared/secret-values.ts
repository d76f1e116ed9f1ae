/**
 * The values of every secret field (`fields`, e.g. a password-reset link and code) in event
 * data, at any depth: what a receiver or Mandrill may echo back and must be scrubbed from
 * attempts and logs. Bodies are at most 64 levels deep (src/http/json-guard.ts), so the
 * recursion is bounded.
 */
export function secretValues(value: unknown, fields: ReadonlySet<string>, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) secretValues(item, fields, found);
  } else if (value !== null && typeof value === 'object') {
    // for…in, not Object.entries: this walks every event's data on every delivery
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item: unknown = (value as Record<string, unknown>)[key];
      if (fields.has(key) && (typeof item === 'string' || typeof item === 'number')) found.push(String(item));
      else if (item !== null && typeof item === 'object') secretValues(item, fields, found);
    }
  }
  return found;
}
