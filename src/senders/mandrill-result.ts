import type { DeliveryResult } from './sender.port';
import { scrub, scrubbedExcerpt } from './scrub';

/** Mandrill error names that no retry can fix (SPEC §3.6). */
const PERMANENT_ERRORS = new Set(['Invalid_Key', 'ValidationError', 'Unknown_Template', 'PaymentRequired', 'Unknown_Subaccount']);
const DELIVERED = new Set(['sent', 'queued', 'scheduled']);

interface RecipientResult {
  email?: unknown;
  status?: unknown;
  reject_reason?: unknown;
}

/** The parts of an AxiosError we read. Its `config.data` holds the API key: never touch it. */
interface AxiosLikeError {
  message?: unknown;
  code?: unknown;
  response?: { status?: unknown; data?: unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
/** Clipped after scrubbing: a cut through a secret would leave its start. */
const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 500)}…` : s);

/**
 * Turns whatever the Mailchimp client resolved to (or threw) into a DeliveryResult for the
 * `to` recipient. Every string that leaves here is scrubbed of `apiKey`.
 */
export function mandrillResult(value: unknown, to: string, apiKey: string, timeoutMs: number): DeliveryResult {
  if (Array.isArray(value)) return fromRecipients(value as RecipientResult[], to, apiKey);
  if (isObject(value) && value.status === 'error') return fromApiError(value, null, apiKey);
  if (isObject(value) && ('isAxiosError' in value || 'response' in value || 'code' in value)) {
    return fromAxiosError(value as AxiosLikeError, apiKey, timeoutMs);
  }
  const message = value instanceof Error ? value.message : 'unexpected answer from Mandrill';
  return { outcome: 'transient', statusCode: null, error: clip(scrub(message, apiKey)), response: null };
}

function fromRecipients(results: RecipientResult[], to: string, apiKey: string): DeliveryResult {
  const response = scrubbedExcerpt(JSON.stringify(results), [apiKey]);
  const mine = results.find((r) => text(r.email).toLowerCase() === to.toLowerCase()) ?? results[0];
  const status = text(mine?.status);
  if (DELIVERED.has(status)) return { outcome: 'success', statusCode: 200, response };
  if (status === 'rejected' || status === 'invalid') {
    const reason = text(mine?.reject_reason) || 'no reason given';
    return { outcome: 'permanent', statusCode: 200, error: clip(scrub(`Mandrill ${status} the recipient: ${reason}`, apiKey)), response };
  }
  // The status is Mandrill's (or a proxy's) text: it may echo the key like any other answer.
  return { outcome: 'transient', statusCode: 200, error: clip(scrub(`Mandrill answered recipient status '${status || 'none'}'`, apiKey)), response };
}

function fromApiError(body: Record<string, unknown>, statusCode: number | null, apiKey: string): DeliveryResult {
  const name = text(body.name) || 'UnknownError';
  const outcome = PERMANENT_ERRORS.has(name) ? 'permanent' : 'transient';
  const error = clip(scrub(`Mandrill error ${name}: ${text(body.message)}`, apiKey));
  const response = scrubbedExcerpt(JSON.stringify(body), [apiKey]);
  return { outcome, statusCode, error, response };
}

function fromAxiosError(err: AxiosLikeError, apiKey: string, timeoutMs: number): DeliveryResult {
  const status = typeof err.response?.status === 'number' ? err.response.status : null;
  const data = err.response?.data;
  if (isObject(data) && data.status === 'error') return fromApiError(data, status, apiKey);
  const code = text(err.code);
  if (status === null) {
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    const error = timedOut ? `timeout after ${timeoutMs}ms` : clip(scrub(`network error ${code}: ${text(err.message)}`, apiKey));
    return { outcome: 'transient', statusCode: null, error, response: null };
  }
  // Not a Mandrill error body (a proxy, a wrong MANDRILL_API_URL): fixable, so retried.
  const body = typeof data === 'string' ? data : JSON.stringify(data ?? null);
  return { outcome: 'transient', statusCode: status, error: `Mandrill API answered HTTP ${status}`, response: scrubbedExcerpt(body, [apiKey]) };
}
