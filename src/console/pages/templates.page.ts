import type { TemplateView } from '../../templates/template.service';
import { options } from '../views/components';
import { dataTable, type Column } from '../views/table';
import { time } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export function templatesPage(ctx: PageContext, templates: TemplateView[], problem?: Html): Html {
  const columns: Column[] = [{ header: 'Template', rowHeader: true }, { header: 'Kind' }, { header: 'Subject' }, { header: 'Updated' }];
  const rows = templates.map((t) => [
    html`<a href="/console/templates/${encodeURIComponent(t.id)}" class="mono">${t.id}</a>`,
    t.builtin ? html`Built-in for <code>${t.type}</code>` : `Stored, version ${t.version}`,
    t.subject,
    t.builtin ? html`<span class="muted">—</span>` : time(t.updatedAt),
  ]);
  return layout(ctx, 'Templates', html`<h1>Templates</h1>
${problem ?? ''}
<section aria-labelledby="h-new" class="card"><h2 id="h-new">New template</h2>
<form method="get" action="/console/templates/new" class="filters">
<div class="field"><label for="new-id">Template id</label><input id="new-id" name="id" required pattern="[A-Za-z0-9_.\\-]{1,100}" aria-describedby="new-id-hint" autocomplete="off"><p class="hint" id="new-id-hint">Letters, digits, _ . - (a sender names it as its template).</p></div>
<div class="field"><label for="new-from">Start from</label><select id="new-from" name="from">${options(templates.map((t) => t.id), undefined)}</select></div>
<div class="field actions"><button type="submit" class="btn btn-primary">Create template</button></div>
</form></section>
${dataTable({ label: 'Templates', columns, rows })}`);
}
