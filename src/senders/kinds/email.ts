import { AppError } from '../../shared/errors';
import type { RenderedEmail, TemplateRef } from '../../templates/template.port';
import type { EmailEnvelope } from '../sender.port';
import type { ConfigCheckContext, SendContext } from './sender-kind.port';

// What the email kinds share: config-time checks, variables, envelope and rendering.

type EmailFields = { subject?: string; templateId?: string };

/** A subject override must compile; a named stored template must exist (`PUT` time). */
export async function checkEmailFields(input: EmailFields, context: ConfigCheckContext<unknown>): Promise<void> {
  if (input.subject !== undefined) {
    const issues = context.subjectIssues(input.subject);
    if (issues.length > 0) {
      throw new AppError('validation_failed', 'The subject is not a valid template', issues.map((i) => ({ path: 'subject', ...i })));
    }
  }
  if (input.templateId && !(await context.templateExists(input.templateId))) {
    throw new AppError('validation_failed', `template '${input.templateId}' does not exist`, [
      { path: 'templateId', message: `no stored template '${input.templateId}'; create it with PUT /v1/templates/${input.templateId} first` },
    ]);
  }
}

export function envelopeFor(context: SendContext<unknown>, from: EmailEnvelope['from'], cc: string[]): EmailEnvelope {
  const { message, event, user } = context;
  return {
    from,
    to: { email: user.email, name: `${user.firstName} ${user.lastName}`.trim() },
    cc,
    tags: [event.type],
    metadata: { event_type: event.type, event_id: event.id, message_id: message.id },
  };
}

/** Renders the message's template (stored and pinned, else built-in); a configured subject (itself Handlebars) overrides the template's. */
export async function renderEmail(context: SendContext<unknown>, subject: string | undefined): Promise<RenderedEmail> {
  const { message, deps } = context;
  const ref: TemplateRef = message.template ? { kind: 'stored', ...message.template } : { kind: 'builtin', type: message.type };
  const variables = context.variables();
  const email = await deps.renderer.render(ref, variables);
  return subject ? { ...email, subject: deps.renderer.renderSubject(subject, variables) } : email;
}
