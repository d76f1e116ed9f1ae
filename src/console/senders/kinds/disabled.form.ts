import { html } from '../../views/html';
import type { KindForm } from './kind-form';

export const disabledForm: KindForm<'disabled'> = {
  kind: 'disabled',
  label: 'Disabled (messages are skipped)',
  fields: () => html`<p class="hint">Messages of this event type${' '}are recorded as skipped (<code>sender_disabled</code>); nothing is sent.</p>`,
  body: () => ({ kind: 'disabled' }),
};
