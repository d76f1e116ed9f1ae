import { MESSAGE_STATUSES } from '../../delivery/message.record';
import type { MessageView } from '../../http/views';
import { issueList, notice, options, tableRegion } from '../views/components';
import { statusBadge, time, withQuery } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export interface MessageFilters {
  status?: string;
  type?: string;
  organizationId?: string;
  recipientEmail?: string;
}

export interface MessagesView {
  filters: MessageFilters;
  eventTypes: readonly string[];
  organizations: string[];
  messages: MessageView[];
  nextCursor: string | null;
  problems?: Array<{ path: string; message: string }>;
}

function filterForm(view: MessagesView): Html {
  const f = view.filters;
  return html`<form method="get" action="/console/messages" class="filters" role="search" aria-label="Filter messages">
<div class="field"><label for="f-status">Status</label>
<select id="f-status" name="status"><option value="">Any status</option>${options(MESSAGE_STATUSES, f.status)}</select></div>
<div class="field"><label for="f-type">Event type</label>
<select id="f-type" name="type"><option value="">Any type</option>${options(view.eventTypes, f.type)}</select></div>
<div class="field"><label for="f-org">Organization</label>
<input id="f-org" name="organizationId" value="${f.organizationId ?? ''}" list="f-org-list" autocomplete="off" placeholder="organization id">
<datalist id="f-org-list">${view.organizations.map((id) => html`<option value="${id}"></option>`)}</datalist></div>
<div class="field"><label for="f-email">Recipient e-mail</label>
<input id="f-email" name="recipientEmail" type="email" value="${f.recipientEmail ?? ''}" autocomplete="off" placeholder="ada@example.com"></div>
<div class="field actions"><button type="submit" class="btn btn-primary">Filter</button> <a href="/console/messages" class="btn btn-plain">Clear</a></div>
</form>`;
}

/** One message as a table row; the id links to its page. */
export function messageRow(m: MessageView): Html {
  return html`<tr>
<td><a href="/console/messages/${encodeURIComponent(m.id)}" class="mono">${m.id}</a></td>
<td>${time(m.createdAt)}</td>
<td>${m.type}</td>
<td>${m.recipient.email ?? html`<span class="muted">${m.recipient.userId}</span>`}</td>
<td>${m.organizationId ?? html`<span class="muted">—</span>`}</td>
<td>${statusBadge(m.status)}${m.reason ? html` <span class="muted">${m.reason}</span>` : ''}</td>
<td class="num">${m.attemptCount}</td>
<td>${m.sender.kind} <span class="muted">(${m.sender.scope})</span></td>
</tr>`;
}

/** A table of messages, newest first. */
export function messageTable(label: string, messages: MessageView[]): Html {
  return tableRegion(label, html`<table>
<thead><tr><th scope="col">Message</th><th scope="col">Created</th><th scope="col">Type</th><th scope="col">Recipient</th><th scope="col">Organization</th><th scope="col">Status</th><th scope="col" class="num">Attempts</th><th scope="col">Sender</th></tr></thead>
<tbody>${messages.map(messageRow)}</tbody></table>`);
}

export function messagesPage(ctx: PageContext, view: MessagesView): Html {
  const results = view.problems
    ? notice('error', html`The filter is not valid: ${issueList(view.problems)}`)
    : view.messages.length === 0
      ? html`<p>No messages match.</p>`
      : messageTable('Messages', view.messages);
  const older = view.nextCursor ? html`<p><a href="${withQuery('/console/messages', { ...view.filters, cursor: view.nextCursor })}" class="btn btn-plain">Older messages</a></p>` : '';
  return layout(ctx, 'Messages', html`<h1>Messages</h1>
${filterForm(view)}
<section aria-label="Results">${results}${older}</section>`);
}
