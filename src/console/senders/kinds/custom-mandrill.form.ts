import { html } from '../../views/html';
import { secretInput, textInput } from '../../views/inputs';
import { subjectAndCc, templatePicker } from './default-mandrill.form';
import { list, optional, type KindForm } from './kind-form';

export const customMandrillForm: KindForm<'custom-mandrill'> = {
  kind: 'custom-mandrill',
  label: "The customer's own Mandrill account",
  fields: ({ current, templateIds }) => {
    const c = current?.kind === 'custom-mandrill' ? current : null;
    return html`${secretInput({ id: 'cm-api-key', name: 'apiKey', label: 'Mandrill API key', required: true, masked: c?.apiKey, hint: c ? undefined : 'Stored encrypted; never shown again.' })}
${textInput({ id: 'cm-from-email', name: 'fromEmail', label: 'From e-mail', type: 'email', value: c?.fromEmail, required: true })}
${textInput({ id: 'cm-from-name', name: 'fromName', label: 'From name', value: c?.fromName })}
${textInput({ id: 'cm-mandrill-template', name: 'mandrillTemplate', label: 'Mandrill template', value: c?.mandrillTemplate, hint: 'The name of a template in that Mandrill account (sent with messages/send-template). Give this or a Herald template, not both.' })}
${templatePicker('cm', templateIds, c?.templateId, ' Neither this nor a Mandrill template: the built-in one.')}
${subjectAndCc(c, 'cm')}`;
  },
  body: (form, kept) => ({
    kind: 'custom-mandrill',
    apiKey: optional(form.apiKey) ?? (kept?.kind === 'custom-mandrill' ? kept.apiKey : undefined),
    fromEmail: optional(form.fromEmail),
    fromName: optional(form.fromName),
    mandrillTemplate: optional(form.mandrillTemplate),
    templateId: optional(form.templateId),
    subject: optional(form.subject),
    cc: list(form.cc),
  }),
};
