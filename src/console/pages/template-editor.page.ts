import type { TemplateIssue } from '../../templates/template-issue';
import { actionButton, csrfField, issueList, notice, options } from '../views/components';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';
import { templateIssues } from './template-issues';

export interface TemplateDraft {
  subject: string;
  mjml: string;
  text: string;
}

export interface EditorView {
  id: string;
  /** A built-in template: previewable, not saved under its own id (copy it). */
  builtin: boolean;
  /** Stored already (saving adds a version). */
  version: number | null;
  draft: TemplateDraft;
  /** The event type the preview renders (fixed for a built-in). */
  type: string;
  eventTypes: readonly string[];
  /** Pasted event data as JSON; empty = the type's sample data. */
  data: string;
  issues?: TemplateIssue[];
  problems?: Array<{ path?: string; message: string }>;
  notice?: Html;
}

export interface PreviewPanelView {
  subject: string | null;
  text: string | null;
  issues: TemplateIssue[];
  dataProblems?: Array<{ path?: string; message: string }>;
  draft: TemplateDraft;
}

/** The live part of the preview: subject, text and problems (the HTML renders in its own sandboxed frame). */
export function previewPanel(v: PreviewPanelView): Html {
  return html`${v.dataProblems ? notice('error', html`The preview data is not valid: ${issueList(v.dataProblems)}`) : ''}
${templateIssues(v.issues, { mjml: v.draft.mjml, subject: v.draft.subject, text: v.draft.text })}
<h3>Subject</h3>
<p class="preview-subject">${v.subject ?? html`<span class="muted">—</span>`}</p>
<h3>Text</h3>
<pre class="preview-text">${v.text ?? ''}</pre>`;
}

function editorForm(ctx: PageContext, v: EditorView): Html {
  const base = `/console/templates/${encodeURIComponent(v.id)}`;
  const typeField = v.builtin
    ? html`<input type="hidden" name="type" value="${v.type}">`
    : html`<div class="field"><label for="tpl-type">Preview as event type</label><select id="tpl-type" name="type">${options(v.eventTypes, v.type)}</select></div>`;
  return html`<form method="post" action="${base}" id="template-form" class="editor-form stack"
 hx-post="${base}/preview" hx-trigger="input changed delay:500ms, change, load" hx-target="#preview-panel" hx-swap="innerHTML" hx-sync="this:replace" hx-validate="false">
${csrfField(ctx.csrf)}
<div class="field"><label for="tpl-subject">Subject</label><input id="tpl-subject" name="subject" value="${v.draft.subject}" required autocomplete="off" spellcheck="false"></div>
<div class="field"><label for="tpl-mjml">MJML</label><textarea id="tpl-mjml" name="mjml" rows="22" required spellcheck="false" class="code-input" aria-describedby="tpl-mjml-hint">${v.draft.mjml}</textarea>
<p class="hint" id="tpl-mjml-hint">MJML with Handlebars: <code>{{firstname}}</code>, <code>{{money total currency}}</code>, <code>{{> header}}</code>. Problems are listed beside their line numbers.</p></div>
<div class="field"><label for="tpl-text">Text</label><textarea id="tpl-text" name="text" rows="8" spellcheck="false" class="code-input" aria-describedby="tpl-text-hint">${v.draft.text}</textarea>
<p class="hint" id="tpl-text-hint">The plain-text part. Empty: derived from the HTML.</p></div>
<fieldset><legend>Preview data</legend>
${typeField}
<div class="field"><label for="tpl-data">Event data (JSON)</label><textarea id="tpl-data" name="data" rows="4" spellcheck="false" class="code-input" aria-describedby="tpl-data-hint">${v.data}</textarea>
<p class="hint" id="tpl-data-hint">Paste an event's <code>data</code> to preview with it. Empty: the type's sample data.</p></div>
</fieldset>
<div class="toolbar">
<button type="submit" class="btn btn-plain" id="render-html" formaction="${base}/preview.html" formtarget="html-preview" formnovalidate>Preview</button>
${v.builtin ? '' : html`<button type="submit" class="btn btn-primary">${v.version === null ? 'Save template' : 'Save as a new version'}</button>`}
</div>
</form>`;
}

export function templateEditorPage(ctx: PageContext, v: EditorView): Html {
  const title = v.builtin ? `Built-in template ${v.id}` : `Template ${v.id}`;
  const state = v.builtin
    ? html`<p class="lead">Built in, for <code>${v.type}</code>. Preview it here; to change it, copy it to a template of your own and point the sender at that.</p>
<form method="get" action="/console/templates/new" class="inline"><input type="hidden" name="from" value="${v.id}"><label for="copy-id">New template id</label> <input id="copy-id" name="id" required autocomplete="off" class="short"> <button type="submit" class="btn btn-plain">Copy to a new template</button></form>`
    : html`<p class="lead">${v.version === null ? 'New: saving creates version 1.' : html`Version ${v.version}. Saving creates version ${v.version + 1}; messages already created keep the version they were made with.`}</p>`;
  return layout(ctx, title, html`<p class="crumbs"><a href="/console/templates">Templates</a> › ${v.id}</p>
<h1>${title}</h1>
${v.notice ?? ''}
${v.problems ? notice('error', html`Not saved: ${issueList(v.problems)}`) : ''}
${state}
<div class="editor">
<section aria-labelledby="h-source" class="editor-source"><h2 id="h-source">Source</h2>${editorForm(ctx, v)}</section>
<section aria-labelledby="h-preview" class="editor-preview"><h2 id="h-preview">Preview</h2>
<div id="preview-panel" aria-live="polite">${previewPanel({ subject: null, text: null, issues: v.issues ?? [], draft: v.draft })}</div>
<h3>HTML</h3>
<iframe name="html-preview" id="html-preview" title="HTML preview of the email" sandbox="allow-popups allow-popups-to-escape-sandbox" src="${v.builtin || v.version !== null ? `/v1/templates/${encodeURIComponent(v.id)}/preview?type=${encodeURIComponent(v.type)}` : 'about:blank'}"></iframe>
</section>
</div>
${!v.builtin && v.version !== null ? html`<section aria-labelledby="h-danger" class="card"><h2 id="h-danger">Delete</h2><p class="hint">Refused while a sender names this template.</p>${actionButton({ action: `/console/templates/${encodeURIComponent(v.id)}/delete`, label: 'Delete template', csrf: ctx.csrf, kind: 'danger' })}</section>` : ''}`);
}
