import { generateSharedKey } from '../../../shared/crypto';
import { basicCredential } from '../../signing';
import { expandUrl } from '../../url-guard';
import { defineSenderKind } from '../sender-kind.port';
import { customUrlSchema } from './custom-url.schema';
import { webhookBody } from './webhook-body';

/**
 * The customer's URL receives the event as signed JSON (SPEC §6). The only kind that can be
 * suspended: its receiver can be down for days, and its messages wait, held, meanwhile.
 */
export const customUrl = defineSenderKind({
  kind: 'custom-url',
  schema: customUrlSchema,
  // The shared key, every header value (bearer tokens, API keys) and the basic-auth password.
  mapSecrets: (config, fn) => ({
    ...config,
    sharedKey: config.sharedKey === undefined ? undefined : fn(config.sharedKey, 'key'),
    headers: Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, fn(v, 'header')])),
    basicAuth: config.basicAuth && { username: config.basicAuth.username, password: fn(config.basicAuth.password, 'password') },
  }),
  derivedSecrets: (config) => (config.basicAuth ? [basicCredential(config.basicAuth)] : []),
  /** The URL must be deliverable; the shared key is the given one, else the replaced config's, else a new one. */
  check: async (input, context) => {
    await context.checkUrl(expandUrl(input.url, context.eventType));
    if (input.sharedKey !== undefined) return { config: input, reveal: { sharedKey: input.sharedKey } };
    const kept = (await context.previous())?.sharedKey;
    if (kept !== undefined) return { config: { ...input, sharedKey: kept } };
    const sharedKey = generateSharedKey();
    return { config: { ...input, sharedKey }, reveal: { sharedKey } };
  },
  delivers: true,
  transport: () => 'http',
  sendTimeoutMs: (config) => config.timeoutMs,
  suspendable: true,
  // A custom URL receives the stored event data, not template variables.
  usesVariables: false,
  storedTemplate: () => undefined,
  async send({ config, message, event, user, organization, deps }) {
    const at = deps.now();
    const body = JSON.stringify(webhookBody(message.id, event, user, organization, config.cc, at));
    const result = await deps.webhook.send({
      url: expandUrl(config.url, event.type),
      method: config.method,
      messageId: message.id,
      timestamp: at,
      body,
      sharedKey: config.sharedKey ?? '',
      headers: config.headers,
      basicAuth: config.basicAuth,
      timeoutMs: config.timeoutMs,
    });
    return { transport: 'http', result };
  },
});
