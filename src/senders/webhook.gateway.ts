import http from 'node:http';
import https from 'node:https';
import type { DeliveryResult, WebhookGateway, WebhookRequest } from './sender.port';
import { RESERVED_HEADERS } from './sender-config.schema';
import { BlockedAddressError, guardedLookup } from './guarded-lookup';
import { exchange, RequestTimeoutError, type ExchangeResult } from './http-exchange';
import { classifyHttpStatus, parseRetryAfter } from './http-result';
import { headerSecrets, scrub, scrubbedExcerpt } from './scrub';
import { basicCredential, ocHash, standardWebhookHeaders } from './signing';
import { isPublicAddress, parseHostAsIp } from './url-guard';

export const USER_AGENT = 'Herald/0.1';
/** Headers Herald owns: a sender configuration's `headers` can never replace these. */
const PROTECTED_HEADERS = new Set([...RESERVED_HEADERS, 'user-agent']);

export interface HttpWebhookGatewayOptions {
  /** ALLOW_PRIVATE_NETWORK_URLS: skip the public-address check and allow plain http:. */
  allowPrivateNetwork: boolean;
  /** Name resolution used by the connect-time guard; tests inject one. */
  resolveAll?: Parameters<typeof guardedLookup>[0];
}

/** OpenSSL's and Node's codes for a certificate that does not verify: said plainly in the attempt's error. */
const TLS_TRUST_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const permanent = (error: string): DeliveryResult => ({ outcome: 'permanent', statusCode: null, error, response: null });

/**
 * Custom-url deliveries over node:http(s): one signed request, classified, never retried
 * here. Non-public addresses are refused at connect time (DNS rebinding) unless allowed.
 */
export class HttpWebhookGateway implements WebhookGateway {
  // Idle sockets are dropped after 4 s, before the usual 5 s server keep-alive, so a reused
  // socket is rarely one the receiver is closing.
  private readonly httpAgent = new http.Agent({ keepAlive: true, timeout: 4000 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, timeout: 4000 });
  private readonly lookup;

  constructor(private readonly opts: HttpWebhookGatewayOptions) {
    this.lookup = opts.allowPrivateNetwork ? undefined : guardedLookup(opts.resolveAll);
  }

  async send(request: WebhookRequest): Promise<DeliveryResult> {
    const secrets = secretsOf(request);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return permanent('url is not a valid absolute URL');
    }
    const refusal = this.refusal(url);
    if (refusal) return permanent(refusal);
    try {
      const res = await exchange(url, {
        method: request.method,
        headers: buildHeaders(request),
        body: request.body,
        timeoutMs: request.timeoutMs,
        agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        lookup: this.lookup,
      });
      return toResult(res, secrets);
    } catch (err) {
      return failureFromError(err, secrets);
    }
  }

  /** Frees pooled keep-alive connections (shutdown, tests). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Why this URL may not be called at all, or null. IP literals never reach `lookup`. */
  private refusal(url: URL): string | null {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `unsupported URL scheme ${url.protocol}`;
    if (this.opts.allowPrivateNetwork) return null;
    const literal = parseHostAsIp(url.hostname);
    if (literal !== null && !isPublicAddress(literal)) return new BlockedAddressError(url.hostname, literal).message;
    if (url.protocol !== 'https:') return 'plain http: URLs are refused (ALLOW_PRIVATE_NETWORK_URLS is off)';
    return null;
  }
}

/**
 * Everything a receiver might echo back that must not reach a stored attempt: the shared key,
 * basic-auth password and credential, and every configured header value (they are secrets
 * too: sealed at rest, masked on reads), plus the token part of a `<scheme> <token>` value.
 */
function secretsOf(request: WebhookRequest): (string | undefined)[] {
  const auth = request.basicAuth;
  return [request.sharedKey, auth?.password, auth && basicCredential(auth), ...Object.values(request.headers).flatMap(headerSecrets)];
}

/** Error texts keep their start: a receiver's reason phrase can be as long as a header. */
const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 500)}…` : s);

/**
 * Configured headers first, then Herald's own, which nothing configured can replace. A
 * configured `Authorization` (bearer token) is sent as is, unless basicAuth is set: then
 * basicAuth wins (the schema refuses both, but an older stored configuration may have both).
 */
function buildHeaders(request: WebhookRequest): Record<string, string> {
  const credential = request.basicAuth && basicCredential(request.basicAuth);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (PROTECTED_HEADERS.has(lower) || (credential && lower === 'authorization')) continue;
    headers[name] = value;
  }
  Object.assign(headers, standardWebhookHeaders(request.messageId, request.timestamp, request.body, request.sharedKey));
  headers['x-oc-hash'] = ocHash(request.body, request.sharedKey);
  // A GET has no body: no content headers (it is still signed, over the empty body).
  if (request.method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(request.body, 'utf8'));
  }
  headers['user-agent'] = USER_AGENT;
  if (credential) headers.authorization = `Basic ${credential}`;
  return headers;
}

function toResult(res: ExchangeResult, secrets: (string | undefined)[]): DeliveryResult {
  // Scrubbed before it is cut to an excerpt, so a cut cannot leave the start of a secret.
  const response = scrubbedExcerpt(res.body.length === 0 ? null : res.body.toString('utf8'), secrets);
  const outcome = classifyHttpStatus(res.status);
  if (outcome === 'success') return { outcome, statusCode: res.status, response };
  const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
  const location = res.headers.location;
  // The status line is the receiver's text too: it may echo a header back.
  const error = clip(scrub(
    res.status >= 300 && res.status < 400
      ? `redirect (HTTP ${res.status}) to ${location ? location.slice(0, 300) : '(no Location)'} not followed; configure the final URL`
      : `receiver answered HTTP ${res.status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`,
    ...secrets,
  ));
  return { outcome, statusCode: res.status, error, response, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

function failureFromError(err: unknown, secrets: (string | undefined)[]): DeliveryResult {
  if (err instanceof BlockedAddressError) return permanent(err.message);
  if (err instanceof RequestTimeoutError) return { outcome: 'transient', statusCode: null, error: err.message, response: null };
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // Bad header names or values are thrown before anything is sent: retrying cannot help.
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') return permanent(scrub(`invalid request: ${message}`, ...secrets));
  if (code !== undefined && TLS_TRUST_ERRORS.has(code)) {
    // Transient: the receiver may fix its certificate (a renewal), and then the retry goes through.
    const error = `TLS: the receiver's certificate is not trusted (${code}: ${message}); it must chain to a CA in Node's trust store (a private CA can be added with NODE_EXTRA_CA_CERTS)`;
    return { outcome: 'transient', statusCode: null, error: scrub(error, ...secrets), response: null };
  }
  const error = scrub(`network error${code ? ` ${code}` : ''}: ${message}`, ...secrets);
  return { outcome: 'transient', statusCode: null, error, response: null };
}
