import { Router, type Request } from 'express';
import { builtinTypeOf } from '../../templates/builtin-templates';
import { EMAIL_PAGE_CSP } from '../../http/email-page';
import { AppError } from '../../shared/errors';
import { parseOrThrow, type ValidationIssue } from '../../shared/validation';
import { templateInputSchema } from '../../templates/template.record';
import { templateIdSchema } from '../../templates/template.record';
import type { TemplateIssue } from '../../templates/template-issue';
import type { ConsoleDeps } from '../console.deps';
import { previewPanel, templateEditorPage, type EditorView, type TemplateDraft } from '../pages/template-editor.page';
import { templatesPage } from '../pages/templates.page';
import { send } from '../respond';
import { pageContext } from '../session/gate';
import type { FormBody } from '../senders/kinds/kind-form';
import { notice } from '../views/components';
import { html } from '../views/html';
import { doneNotice, doneUrl } from './done';

type Deps = Pick<ConsoleDeps, 'templates' | 'eventTypes'>;

/** Templates: the list, the editor with its live preview (TemplateService renders; the PUT rules decide a save). */
export function templateRoutes(deps: Deps): Router {
  const router = Router();
  const { templates } = deps;

  router.get('/console/templates', async (_req, res) => {
    send(res, templatesPage(pageContext(res), await templates.list()));
  });

  // `New template` and `Copy to a new template`: a new id, started from another template's sources
  router.get('/console/templates/new', async (req, res) => {
    const id = templateIdSchema.safeParse(req.query.id);
    if (!id.success || id.data.startsWith('builtin.')) {
      const problem = notice('error', 'A template id is 1-100 letters, digits, _ . - and does not start with "builtin."');
      return send(res, templatesPage(pageContext(res), await templates.list(), problem), 400);
    }
    const from = typeof req.query.from === 'string' ? `?from=${encodeURIComponent(req.query.from)}` : '';
    res.redirect(303, `/console/templates/${encodeURIComponent(id.data)}${from}`);
  });

  router.get('/console/templates/:id', async (req, res) => {
    send(res, templateEditorPage(pageContext(res), await editorView(deps, req.params.id, req.query, doneNotice(req.query))));
  });

  router.post('/console/templates/:id', async (req, res) => {
    const body = req.body as FormBody;
    const draft = draftOf(body);
    try {
      const saved = await templates.put(req.params.id, parseOrThrow(templateInputSchema, { subject: draft.subject, mjml: draft.mjml, text: draft.text === '' ? undefined : draft.text }));
      res.redirect(303, doneUrl(`/console/templates/${encodeURIComponent(req.params.id)}?type=${encodeURIComponent(String(body.type ?? ''))}`, 'savedVersion', saved.value.version));
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'template_invalid' && err.code !== 'validation_failed')) throw err;
      const view = await editorView(deps, req.params.id, body);
      const refused: Partial<EditorView> = err.code === 'template_invalid'
        ? { issues: err.details as TemplateIssue[], problems: [{ message: 'the template has problems, listed beside their lines.' }] }
        : { problems: (err.details as ValidationIssue[] | undefined) ?? [{ message: err.message }] };
      send(res, templateEditorPage(pageContext(res), { ...view, draft, data: body.data ?? '', ...refused }), err.code === 'template_invalid' ? 422 : 400);
    }
  });

  router.post('/console/templates/:id/delete', async (req, res) => {
    await templates.delete(req.params.id);
    res.redirect(303, doneUrl('/console/templates', 'deleted'));
  });

  // htmx: subject, text and problems of the draft as typed
  router.post('/console/templates/:id/preview', async (req, res) => {
    const draft = draftOf(req.body as FormBody);
    const result = await preview(deps, req, draft);
    if ('dataProblems' in result) return send(res, previewPanel({ subject: null, text: null, issues: [], dataProblems: result.dataProblems, draft }));
    send(res, previewPanel({ subject: result.email?.subject ?? null, text: result.email?.text ?? null, issues: result.issues, draft }));
  });

  // the form posted into the sandboxed frame: the draft's HTML, with the email-page CSP
  router.post('/console/templates/:id/preview.html', async (req, res) => {
    const result = await preview(deps, req, draftOf(req.body as FormBody));
    const email = 'email' in result ? result.email : null;
    res.set({ 'Content-Security-Policy': EMAIL_PAGE_CSP, 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'no-store' });
    const fallback = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No preview</title></head><body><p>${'dataProblems' in result ? 'The preview data is not valid.' : 'The template has problems: see the list beside the editor.'}</p></body></html>`;
    res.type('html').send(email ? email.html : fallback.value);
  });
  return router;
}

function draftOf(body: FormBody): TemplateDraft {
  // browsers post textarea line breaks as CRLF; templates keep LF (and line numbers stay right)
  const lf = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n');
  return { subject: lf(body.subject).trim(), mjml: lf(body.mjml), text: lf(body.text) };
}

/** The draft rendered for the chosen type with the pasted data (or the sample), or why the data cannot be used. */
async function preview(deps: Deps, req: Request, draft: TemplateDraft) {
  const body = req.body as FormBody;
  const type = builtinTypeOf(req.params.id as string, deps.eventTypes) ?? (deps.eventTypes.has(String(body.type)) ? String(body.type) : deps.eventTypes.types[0] ?? '');
  const input = templateInputSchema.safeParse({ subject: draft.subject || ' ', mjml: draft.mjml || ' ', text: draft.text === '' ? undefined : draft.text });
  if (!input.success) return { dataProblems: input.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  let data: Record<string, unknown> | undefined;
  if (body.data?.trim()) {
    try {
      const parsed: unknown = JSON.parse(body.data);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { dataProblems: [{ message: 'must be a JSON object: the event\'s data' }] };
      data = parsed as Record<string, unknown>;
    } catch {
      return { dataProblems: [{ message: 'is not valid JSON' }] };
    }
  }
  try {
    return await deps.templates.preview(input.data, type, data);
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') return { dataProblems: (err.details as ValidationIssue[] | undefined) ?? [{ message: err.message }] };
    throw err;
  }
}

async function editorView(deps: Deps, id: string, query: Record<string, unknown>, pageNotice?: EditorView['notice']): Promise<EditorView> {
  parseOrThrow(templateIdSchema, id, 'template id');
  const builtinType = builtinTypeOf(id, deps.eventTypes);
  const existing = await deps.templates.get(id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  if (!existing && id.startsWith('builtin.')) throw new AppError('not_found', `template '${id}' does not exist`);
  const source = existing ?? (typeof query.from === 'string' ? await deps.templates.get(query.from).catch(() => null) : null);
  const wanted = typeof query.type === 'string' && deps.eventTypes.has(query.type) ? query.type : undefined;
  const fromType = source?.builtin ? source.type : undefined;
  return {
    id,
    builtin: builtinType !== undefined,
    version: existing && !existing.builtin ? existing.version : null,
    draft: { subject: source?.subject ?? '', mjml: source?.mjml ?? '<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text>Hello {{firstname}}</mj-text>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>\n', text: source?.text ?? '' },
    type: builtinType ?? wanted ?? fromType ?? deps.eventTypes.types[0] ?? '',
    eventTypes: deps.eventTypes.types,
    data: '',
    notice: pageNotice,
  };
}
