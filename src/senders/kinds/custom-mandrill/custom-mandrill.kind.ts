import { z } from 'zod';
import { MANDRILL_TIMEOUT_MS } from '../../mandrill.gateway';
import { emailSchema } from '../../../shared/validation';
import { ccList, subject, templateId } from '../common.schema';
import { checkEmailFields, envelopeFor, renderEmail } from '../email';
import { defineSenderKind } from '../sender-kind.port';

export const customMandrillSchema = z
  .object({
    kind: z.literal('custom-mandrill'),
    apiKey: z.string().min(1).max(200),
    fromEmail: emailSchema,
    fromName: z.string().max(200).optional(),
    mandrillTemplate: z.string().min(1).max(200).optional(),
    templateId: templateId.optional(),
    subject: subject.optional(),
    cc: ccList,
  })
  .refine((c) => !(c.mandrillTemplate && c.templateId), {
    message: 'give either mandrillTemplate (a template in your Mandrill account) or templateId (a Herald template), not both',
    path: ['templateId'],
  });

export type CustomMandrillConfig = z.infer<typeof customMandrillSchema>;

/**
 * A customer's own Mandrill account: a template kept in that account (`mandrillTemplate`,
 * merged by Mandrill), else Herald's template (stored or built-in) rendered by Herald.
 */
export const customMandrill = defineSenderKind({
  kind: 'custom-mandrill',
  schema: customMandrillSchema,
  mapSecrets: (config, fn) => ({ ...config, apiKey: fn(config.apiKey, 'key') }),
  check: async (input, context) => {
    await checkEmailFields(input, context);
    return { config: input };
  },
  delivers: true,
  transport: () => 'mandrill',
  sendTimeoutMs: () => MANDRILL_TIMEOUT_MS,
  suspendable: false,
  usesVariables: true,
  storedTemplate: (config) => config.templateId,
  async send(context) {
    const { config, deps } = context;
    const envelope = envelopeFor(context, { email: config.fromEmail, name: config.fromName ?? config.fromEmail }, config.cc);
    if (config.mandrillTemplate) {
      const template = { name: config.mandrillTemplate, subject: config.subject, variables: context.variables() };
      return { transport: 'mandrill', result: await deps.mandrill.sendTemplate(config.apiKey, envelope, template) };
    }
    const email = await renderEmail(context, config.subject);
    return { transport: 'mandrill', result: await deps.mandrill.sendRendered(config.apiKey, envelope, email) };
  },
});
