import { options } from './components';
import { html, type Html, type Part } from './html';

interface Common {
  id: string;
  name: string;
  label: string;
  hint?: Part;
  required?: boolean;
}

function wrap(o: Common, control: Html): Html {
  return html`<div class="field"><label for="${o.id}">${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>${control}${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}</div>`;
}

const described = (o: Common): Html | '' => (o.hint ? html` aria-describedby="${o.id}-hint"` : '');

/** A labelled `<input>`; its hint is its accessible description. */
export function textInput(o: Common & { value?: string | number; type?: string; placeholder?: string; autocomplete?: string; extra?: Html }): Html {
  return wrap(o, html`<input id="${o.id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.placeholder ? html` placeholder="${o.placeholder}"` : ''}${o.required ? ' required' : ''} autocomplete="${o.autocomplete ?? 'off'}"${described(o)}${o.extra ?? ''}>`);
}

/** A write-only secret: never filled in; the hint shows the masked current value, and empty keeps it. */
export function secretInput(o: Common & { masked?: string | null }): Html {
  const keep = o.masked ? html`Now <code>${o.masked}</code>. Leave empty to keep it.` : '';
  const hint = o.hint || keep ? html`${keep}${o.hint && keep ? ' ' : ''}${o.hint ?? ''}` : undefined;
  return textInput({ ...o, type: 'password', value: '', autocomplete: 'new-password', hint, required: o.required && !o.masked });
}

export function selectInput(o: Common & { choices: ReadonlyArray<string | { value: string; label: string }>; value?: string; extra?: Html }): Html {
  return wrap(o, html`<select id="${o.id}" name="${o.name}"${described(o)}${o.extra ?? ''}>${options(o.choices, o.value)}</select>`);
}

export function textArea(o: Common & { value?: string; rows?: number; extra?: Html; spellcheck?: boolean }): Html {
  return wrap(o, html`<textarea id="${o.id}" name="${o.name}" rows="${o.rows ?? 4}"${o.spellcheck === false ? ' spellcheck="false"' : ''}${described(o)}${o.extra ?? ''}>${o.value ?? ''}</textarea>`);
}

export function checkbox(o: Omit<Common, 'required'> & { checked?: boolean; value?: string }): Html {
  return html`<div class="field check"><input id="${o.id}" name="${o.name}" type="checkbox" value="${o.value ?? 'on'}"${o.checked ? ' checked' : ''}${described(o)}><label for="${o.id}">${o.label}</label>${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}</div>`;
}
