import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { SecretBox } from '../shared/crypto';
import type { OutboxSender } from '../senders/outbox.sender';
import type { ResolvedSender } from '../senders/route-message';
import { openConfig, secretsOf } from '../senders/sealing';
import { scrubResult } from '../senders/scrub';
import { sensitiveValues } from '../shared/sensitive';
import type { DeliveryResult, EmailEnvelope, MandrillGateway, WebhookGateway } from '../senders/sender.port';
import { expandUrl } from '../senders/url-guard';
import { webhookBody } from '../senders/webhook-body';
import type { TemplateRef, TemplateRenderer } from '../templates/template.port';
import { resolveVariables } from '../variables/resolve-variables';
import type { MessageRecord } from './message.record';

export interface DispatchDeps {
  secrets: SecretBox;
  renderer: TemplateRenderer;
  mandrill: MandrillGateway;
  webhook: WebhookGateway;
  outbox: OutboxSender;
  /** The operator's Mandrill account; absent = dev outbox (or, in production, a failure). */
  defaultMandrill: { apiKey?: string; from: { email: string; name: string }; production: boolean };
  now: () => Date;
}

export interface DispatchInput {
  message: MessageRecord;
  event: EventRecord;
  user: User;
  organization: Organization;
  sender: ResolvedSender;
}

/** What went out through which transport. */
export interface DispatchOutcome {
  result: DeliveryResult;
  transport: MessageRecord['transport'];
}

const permanent = (error: string): DeliveryResult => ({ outcome: 'permanent', statusCode: null, error, response: null });

/**
 * Sends one message through its sender's transport; never throws for a delivery failure.
 * What comes back is scrubbed of every secret the sender holds and of the event's reset link,
 * code and one-time password (SPEC §8), before anything stores or logs it.
 */
export async function dispatch(deps: DispatchDeps, input: DispatchInput): Promise<DispatchOutcome> {
  const outcome = await sendThrough(deps, input);
  const secrets = [...secretsOf(openConfig(deps.secrets, input.sender.config)), ...sensitiveValues(input.event.data), deps.defaultMandrill.apiKey];
  return { ...outcome, result: scrubResult(outcome.result, secrets) };
}

async function sendThrough(deps: DispatchDeps, input: DispatchInput): Promise<DispatchOutcome> {
  const config = openConfig(deps.secrets, input.sender.config);
  const { message, user, event } = input;
  // Stored at creation for email senders; a custom-url message switched to an email sender
  // before its retry has none yet, so they are resolved now rather than rendering blanks.
  const variables = () => message.variables ?? resolveVariables(event.type, event.data, { user, organization: input.organization, now: deps.now() });
  const envelope = (from: EmailEnvelope['from'], cc: string[]): EmailEnvelope => ({
    from,
    to: { email: user.email, name: `${user.firstName} ${user.lastName}`.trim() },
    cc,
    tags: [event.type],
    metadata: { event_type: event.type, event_id: event.id, message_id: message.id },
  });
  switch (config.kind) {
    case 'default-mandrill': {
      const email = await renderWith(deps.renderer, templateRef(message), variables(), config.subject);
      const env = envelope(deps.defaultMandrill.from, config.cc);
      if (deps.defaultMandrill.apiKey) {
        return { transport: 'mandrill', result: await deps.mandrill.sendRendered(deps.defaultMandrill.apiKey, env, email) };
      }
      if (deps.defaultMandrill.production) {
        return { transport: 'mandrill', result: permanent('MANDRILL_API_KEY is not set: the default Mandrill account is not configured') };
      }
      return { transport: 'outbox', result: await deps.outbox.send({ messageId: message.id, eventId: event.id, type: event.type }, env, email) };
    }
    case 'custom-mandrill': {
      const env = envelope({ email: config.fromEmail, name: config.fromName ?? config.fromEmail }, config.cc);
      if (config.mandrillTemplate) {
        const template = { name: config.mandrillTemplate, subject: config.subject, variables: variables() };
        return { transport: 'mandrill', result: await deps.mandrill.sendTemplate(config.apiKey, env, template) };
      }
      const email = await renderWith(deps.renderer, templateRef(message), variables(), config.subject);
      return { transport: 'mandrill', result: await deps.mandrill.sendRendered(config.apiKey, env, email) };
    }
    case 'custom-url': {
      const at = deps.now();
      const body = JSON.stringify(webhookBody(message.id, event, user, input.organization, config.cc, at));
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
    }
    case 'disabled':
      return { transport: null, result: permanent('the sender is disabled') };
    default: {
      const never: never = config;
      return never;
    }
  }
}

function templateRef(message: MessageRecord): TemplateRef {
  return message.template ? { kind: 'stored', ...message.template } : { kind: 'builtin', type: message.type };
}

/** Renders; a configured subject (itself Handlebars) overrides the template's. */
async function renderWith(renderer: TemplateRenderer, ref: TemplateRef, variables: Record<string, unknown>, subject?: string) {
  const email = await renderer.render(ref, variables);
  return subject ? { ...email, subject: renderer.renderSubject(subject, variables) } : email;
}
