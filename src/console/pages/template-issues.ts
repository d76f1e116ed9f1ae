import type { TemplateIssue } from '../../templates/template-issue';
import { html, type Html } from '../views/html';

const FIELD_IDS: Record<TemplateIssue['source'], string> = { mjml: 'tpl-mjml', subject: 'tpl-subject', text: 'tpl-text' };
const SOURCE_NAMES: Record<TemplateIssue['source'], string> = { mjml: 'MJML', subject: 'Subject', text: 'Text' };

/** The lines around `line` (1-based) with their numbers, the issue's line marked. */
function excerpt(source: string, line: number): Html {
  const lines = source.split('\n');
  const from = Math.max(1, line - 1);
  const to = Math.min(lines.length, line + 1);
  const rows: Html[] = [];
  for (let n = from; n <= to; n++) {
    const text = lines[n - 1] ?? '';
    rows.push(n === line ? html`<span class="line line-bad"><span class="ln">${n}</span><mark>${text || ' '}</mark></span>` : html`<span class="line"><span class="ln">${n}</span>${text}</span>`);
  }
  return html`<pre class="snippet" aria-hidden="true">${rows}</pre>`;
}

/**
 * Template problems, each beside its line: "MJML line 12" (a link that puts the cursor on that
 * line when scripts run), the message, and the lines around it numbered.
 */
export function templateIssues(issues: TemplateIssue[], sources: Record<TemplateIssue['source'], string>): Html {
  if (issues.length === 0) return html``;
  const items = issues.map((issue) => html`<li>
<p><a href="#${FIELD_IDS[issue.source]}" class="goto-line" data-line="${issue.line}">${SOURCE_NAMES[issue.source]} line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}</a>: ${issue.message}</p>
${excerpt(sources[issue.source], issue.line)}
</li>`);
  return html`<section class="template-issues" aria-labelledby="h-issues"><h3 id="h-issues">${issues.length} problem${issues.length === 1 ? '' : 's'}</h3><ol>${items}</ol></section>`;
}
