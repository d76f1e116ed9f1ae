import { generateSharedKey } from '../../../shared/crypto';
import { basicCredential } from '../../signing';
import { AppError } from '../../../shared/errors';
import type { DeliveryResult } from '../../sender.port';
import type { SenderPolicy } from '../../sender-policy';
import { defineSenderKind } from '../sender-kind.port';
import { customUrlSchema, type CustomUrlConfig } from './custom-url.schema';
import { bodyText, type BodyFormat } from './formats/body-format';
import { BodyTemplateError, bodyTemplateIssues } from './formats/template.format';
import { messageInput, sampleInput } from './message-input';
import { expandPlaceholders, MissingPlaceholderError, usesOrderId } from './url-placeholders';

const permanent = (error: string): DeliveryResult => ({ outcome: 'permanent', statusCode: null, error, response: null });

/** Configurations stored before `format` existed send Herald's body. */
const formatOf = (config: CustomUrlConfig): BodyFormat => config.format ?? 'herald';

/** Its own retry schedule and suspension rule, in the units the lifecycle counts in. */
function policyOf(config: CustomUrlConfig): SenderPolicy {
  const { retry, suspend } = config;
  return {
    ...(retry ? { retryScheduleMs: retry.schedule.map((s) => Math.round(s * 1000)) } : {}),
    ...(suspend ? { suspend: { failures: suspend.failures, ...(suspend.withinMinutes ? { windowMs: suspend.withinMinutes * 60_000 } : {}) } } : {}),
  };
}

/**
 * The customer's URL receives each message signed, in the dialect its receiver speaks
 * (SPEC §6): GET, POST or PUT; Herald's, OrderCloud's, the Standard Webhooks or its own
 * templated body. The only kind that can be suspended: its receiver can be down for days,
 * and its messages wait, held, meanwhile.
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
  /**
   * The URL must suit the event type and be deliverable once filled in (checked with the
   * type's sample); a body template must give JSON for the sample. The shared key is the
   * given one, else the replaced config's, else a new one.
   */
  check: async (input, context) => {
    const type = context.eventTypes.get(context.eventType);
    if (usesOrderId(input.url) && !type.carriesOrder) {
      const message = `placeholder {orderId} needs an event type with an order; ${context.eventType} has none`;
      throw new AppError('validation_failed', `url: ${message}`, [{ path: 'url', message }]);
    }
    const sample = sampleInput(context.eventTypes, context.eventType, input);
    await context.checkUrl(expandPlaceholders(input.url, sample.placeholders));
    if (formatOf(input) === 'template') {
      const issues = bodyTemplateIssues(input.bodyTemplate ?? '', sample.format);
      if (issues.length > 0) throw new AppError('template_invalid', `bodyTemplate is invalid for the ${context.eventType} sample: ${issues[0]?.message}`, issues);
    }
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
  policy: policyOf,
  // A custom URL receives the stored event data; a body template resolves variables when it renders.
  usesVariables: false,
  storedTemplate: () => undefined,
  async send({ config, message, event, user, organization, deps }) {
    const input = messageInput({ messageId: message.id, event, user, organization, config, at: deps.now(), eventTypes: deps.eventTypes });
    let url: string;
    let body: string;
    try {
      url = expandPlaceholders(config.url, input.placeholders);
      // GET carries no body: it is signed over the empty body.
      body = config.method === 'GET' ? '' : bodyText(formatOf(config), input.format, config.bodyTemplate);
    } catch (err) {
      if (err instanceof MissingPlaceholderError || err instanceof BodyTemplateError) return { transport: 'http', result: permanent(err.message) };
      throw err;
    }
    const result = await deps.webhook.send({
      url,
      method: config.method,
      messageId: message.id,
      timestamp: input.format.at,
      body,
      sharedKey: config.sharedKey ?? '',
      headers: config.headers,
      basicAuth: config.basicAuth,
      timeoutMs: config.timeoutMs,
    });
    return { transport: 'http', result };
  },
});
