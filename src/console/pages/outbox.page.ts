import type { OutboxEntry } from '../../delivery/message.record';
import { dataTable, type Column } from '../views/table';
import { time } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export function outboxPage(ctx: PageContext, entries: OutboxEntry[]): Html {
  const columns: Column[] = [{ header: 'Subject', rowHeader: true }, { header: 'To' }, { header: 'Kept' }, { header: 'Event type' }, { header: 'Links', hidden: true, className: 'actions' }];
  const rows = entries.map((e) => {
    const base = `/v1/outbox/${encodeURIComponent(e.messageId)}`;
    return [
      html`<a href="${base}.html">${e.subject}</a>`,
      e.to.name ? html`${e.to.name} <span class="muted">&lt;${e.to.email}&gt;</span>` : e.to.email,
      time(e.createdAt),
      e.type,
      html`<a href="${base}.txt" aria-label="Text of ${e.subject}">Text</a> <a href="/console/messages/${encodeURIComponent(e.messageId)}" aria-label="Message of ${e.subject}">Message</a>`,
    ];
  });
  return layout(ctx, 'Outbox', html`<h1>Outbox</h1>
<p class="lead">Without <code>MANDRILL_API_KEY</code>, e-mail from Herald's own account is kept here, rendered exactly as it would have been sent (reset links included: keep it to development). Newest first.</p>
${entries.length === 0 ? html`<p>The outbox is empty.</p>` : dataTable({ label: 'Outbox', columns, rows })}`);
}
