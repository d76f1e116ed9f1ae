import { z } from 'zod';
import { MANDRILL_TIMEOUT_MS } from '../../mandrill.gateway';
import type { DeliveryResult } from '../../sender.port';
import { ccList, subject, templateId } from '../common.schema';
import { checkEmailFields, envelopeFor, renderEmail } from '../email';
import { defineSenderKind } from '../sender-kind.port';

export const defaultMandrillSchema = z.object({
  kind: z.literal('default-mandrill'),
  templateId: templateId.optional(),
  subject: subject.optional(),
  cc: ccList,
});

export type DefaultMandrillConfig = z.infer<typeof defaultMandrillSchema>;

const permanent = (error: string): DeliveryResult => ({ outcome: 'permanent', statusCode: null, error, response: null });

/**
 * Herald's templates (built-in, or a stored one) sent through the operator's Mandrill
 * account; without MANDRILL_API_KEY they go to the dev outbox (production: a failure).
 * Also the built-in default sender of every event type.
 */
export const defaultMandrill = defineSenderKind({
  kind: 'default-mandrill',
  schema: defaultMandrillSchema,
  mapSecrets: (config) => config,
  check: async (input, context) => {
    await checkEmailFields(input, context);
    return { config: input };
  },
  delivers: true,
  transport: (defaultMandrill) => defaultMandrill,
  sendTimeoutMs: () => MANDRILL_TIMEOUT_MS,
  suspendable: false,
  usesVariables: true,
  storedTemplate: (config) => config.templateId,
  async send(context) {
    const { config, deps, message, event } = context;
    const email = await renderEmail(context, config.subject);
    const envelope = envelopeFor(context, deps.defaultMandrill.from, config.cc);
    if (deps.defaultMandrill.apiKey) {
      return { transport: 'mandrill', result: await deps.mandrill.sendRendered(deps.defaultMandrill.apiKey, envelope, email) };
    }
    if (deps.defaultMandrill.production) {
      return { transport: 'mandrill', result: permanent('MANDRILL_API_KEY is not set: the default Mandrill account is not configured') };
    }
    return { transport: 'outbox', result: await deps.outbox.send({ messageId: message.id, eventId: event.id, type: event.type }, envelope, email) };
  },
});
