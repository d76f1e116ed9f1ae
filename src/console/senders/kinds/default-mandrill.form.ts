import { html } from '../../views/html';
import { selectInput, textArea, textInput } from '../../views/inputs';
import { list, optional, type KindForm } from './kind-form';

/** Fields shared by both Mandrill kinds: subject override and cc. */
export function subjectAndCc(current: { subject?: string; cc?: string[] } | null, prefix: string) {
  return html`${textInput({ id: `${prefix}-subject`, name: 'subject', label: 'Subject', value: current?.subject, hint: html`Handlebars, e.g. <code>Order {{orderid}} received</code>. Empty: the template's subject.` })}
${textArea({ id: `${prefix}-cc`, name: 'cc', label: 'Cc', value: (current?.cc ?? []).join('\n'), rows: 2, hint: 'E-mail addresses, one per line or separated by commas (at most 20).', spellcheck: false })}`;
}

/** Template picker: the built-in template, or a stored one. */
export function templatePicker(prefix: string, templateIds: string[], value: string | undefined, extraHint = '') {
  return selectInput({
    id: `${prefix}-template`, name: 'templateId', label: 'Herald template',
    choices: [{ value: '', label: 'Built-in template for this event type' }, ...templateIds],
    value: value ?? '',
    hint: `Stored templates are made on the Templates page.${extraHint}`,
  });
}

export const defaultMandrillForm: KindForm<'default-mandrill'> = {
  kind: 'default-mandrill',
  label: "Herald's Mandrill account (Herald renders the template)",
  fields: ({ current, templateIds }) => {
    const c = current?.kind === 'default-mandrill' ? current : null;
    return html`${templatePicker('dm', templateIds, c?.templateId)}${subjectAndCc(c, 'dm')}`;
  },
  body: (form) => ({ kind: 'default-mandrill', templateId: optional(form.templateId), subject: optional(form.subject), cc: list(form.cc) }),
};
