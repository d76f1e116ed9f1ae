/**
 * Event fields and template variables that are secrets (SPEC §8): the password-reset link and
 * code, under the event's names and OrderCloud's merge-variable names. Masked in every API
 * read (src/http/views.ts) and redacted from every log line (src/shared/logger.ts): one list,
 * so the two cannot drift apart.
 */
export const SENSITIVE_FIELDS = [
  'passwordResetUrl',
  'verificationCode',
  'passwordrenewalurl',
  'passwordverificationcode',
  'passwordtoken',
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
