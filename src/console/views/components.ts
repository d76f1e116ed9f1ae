import { html, type Html, type Part } from './html';

/** The hidden CSRF field every console form carries. */
export const csrfField = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}">`;

/** A POST form with its CSRF field and one submit button (Replay, Resume, …). */
export function actionButton(opts: { action: string; label: string; csrf: string; describedBy?: string; fields?: Record<string, string>; kind?: 'primary' | 'danger' | 'plain' }): Html {
  const hidden = Object.entries(opts.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<form method="post" action="${opts.action}" class="inline">${csrfField(opts.csrf)}${hidden}<button type="submit" class="btn btn-${opts.kind ?? 'primary'}"${opts.describedBy ? html` aria-describedby="${opts.describedBy}"` : ''}>${opts.label}</button></form>`;
}

/**
 * A table that scrolls sideways on a narrow screen instead of overflowing the page
 * (keyboard-scrollable). Named "<label> table", apart from the section it sits in.
 */
export function tableRegion(label: string, table: Html): Html {
  return html`<div class="table-wrap" role="region" aria-label="${label} table" tabindex="0">${table}</div>`;
}

/** A success or problem banner; `role` makes screen readers announce it. */
export function notice(kind: 'ok' | 'error' | 'info', body: Part): Html {
  return html`<div class="notice notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${body}</div>`;
}

/** Field problems from a `validation_failed` error, each with its path. */
export function issueList(issues: Array<{ path?: string; message: string }>): Html {
  return html`<ul class="issues">${issues.map((i) => html`<li>${i.path ? html`<code>${i.path}</code>: ` : ''}${i.message}</li>`)}</ul>`;
}

/** Options of a `<select>`, the current value selected. */
export function options(values: ReadonlyArray<string | { value: string; label: string }>, selected: string | undefined): Html[] {
  return values.map((v) => {
    const { value, label } = typeof v === 'string' ? { value: v, label: v } : v;
    return html`<option value="${value}"${value === selected ? ' selected' : ''}>${label}</option>`;
  });
}

/** A labelled field; `hint` is tied to the input with aria-describedby. */
export function field(opts: { id: string; label: string; input: Html; hint?: Part; error?: string }): Html {
  return html`<div class="field${opts.error ? ' field-error' : ''}">
<label for="${opts.id}">${opts.label}</label>
${opts.input}
${opts.hint ? html`<p class="hint" id="${opts.id}-hint">${opts.hint}</p>` : ''}
${opts.error ? html`<p class="error" id="${opts.id}-error">${opts.error}</p>` : ''}
</div>`;
}
