import type { SenderKind } from '../../../senders/sender-config.schema';
import { customMandrillForm } from './custom-mandrill.form';
import { customUrlForm } from './custom-url.form';
import { defaultMandrillForm } from './default-mandrill.form';
import { disabledForm } from './disabled.form';
import type { KindForm } from './kind-form';

/**
 * One console form per sender kind, in the order the kind picker lists them. A new kind
 * without a form here fails the type check (when sender kinds move into a registry, this
 * becomes a lookup beside it).
 */
export const KIND_FORMS: { readonly [K in SenderKind]: KindForm<K> } = {
  'default-mandrill': defaultMandrillForm,
  'custom-mandrill': customMandrillForm,
  'custom-url': customUrlForm,
  disabled: disabledForm,
};

export const kindForms = (): KindForm[] => Object.values(KIND_FORMS) as KindForm[];

export function kindForm(kind: string): KindForm | undefined {
  return (KIND_FORMS as Record<string, KindForm | undefined>)[kind];
}
