/**
 * Event fields and template variables that are secrets (SPEC §8): the password-reset link and
 * code and the one-time password, under the event's names and OrderCloud's merge-variable
 * names. Masked in every API read (src/http/views.ts), redacted from every log line
 * (src/shared/logger.ts) and scrubbed from what receivers answer (`sensitiveValues`): one
 * list, so they cannot drift apart.
 */
export const SENSITIVE_FIELDS = [
  'passwordResetUrl',
  'verificationCode',
  'oneTimePassword',
  'passwordrenewalurl',
  'passwordverificationcode',
  'passwordtoken',
  'onetimepassword',
] as const;

const SENSITIVE_FIELD_SET: ReadonlySet<string> = new Set(SENSITIVE_FIELDS);

/** Whether an object key names a secret field. */
export function isSensitiveField(key: string): boolean {
  return SENSITIVE_FIELD_SET.has(key);
}

/**
 * pino redact paths for each sensitive field at the top of a log object and one or two
 * levels down (`{ data }`, `{ event: { data } }`). pino paths cannot say "any depth", and
 * deeper wildcards cost on every log line.
 */
export function sensitiveRedactPaths(): string[] {
  return SENSITIVE_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
}

/**
 * The values of every sensitive field in an event's data, at any depth: what a receiver or
 * Mandrill may echo back and must be scrubbed from attempts and logs. Bodies are at most 64
 * levels deep (src/http/json-guard.ts), so the recursion is bounded.
 */
export function sensitiveValues(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) sensitiveValues(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isSensitiveField(key) && (typeof item === 'string' || typeof item === 'number')) found.push(String(item));
      else sensitiveValues(item, found);
    }
  }
  return found;
}
