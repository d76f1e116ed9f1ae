import type { OutboxEntry } from '../../delivery/message.record';
import { tableRegion } from '../views/components';
import { time } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export function outboxPage(ctx: PageContext, entries: OutboxEntry[]): Html {
  const rows = entries.map((e) => {
    const base = `/v1/outbox/${encodeURIComponent(e.messageId)}`;
    return html`<tr>
<td>${time(e.createdAt)}</td>
<td>${e.to.name ? html`${e.to.name} <span class="muted">&lt;${e.to.email}&gt;</span>` : e.to.email}</td>
<th scope="row"><a href="${base}.html">${e.subject}</a></th>
<td>${e.type}</td>
<td class="actions"><a href="${base}.txt" aria-label="Text of ${e.subject}">Text</a> <a href="/console/messages/${encodeURIComponent(e.messageId)}" aria-label="Message of ${e.subject}">Message</a></td>
</tr>`;
  });
  return layout(ctx, 'Outbox', html`<h1>Outbox</h1>
<p class="lead">Without <code>MANDRILL_API_KEY</code>, e-mail from Herald's own account is kept here, rendered exactly as it would have been sent (reset links included: keep it to development). Newest first.</p>
${entries.length === 0 ? html`<p>The outbox is empty.</p>` : tableRegion('Outbox', html`<table>
<thead><tr><th scope="col">Kept</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Event type</th><th scope="col"><span class="visually-hidden">Links</span></th></tr></thead>
<tbody>${rows}</tbody></table>`)}`);
}
