import { MESSAGE_STATUSES } from '../../delivery/message.record';
import type { MessageView } from '../../http/views';
import { issueList, notice, options } from '../views/components';
import { dataTable, type Cell, type Column } from '../views/table';
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

const MESSAGE_COLUMNS: Column[] = [
  { header: 'Message', rowHeader: true }, { header: 'Created' }, { header: 'Type' }, { header: 'Recipient' },
  { header: 'Organization' }, { header: 'Status' }, { header: 'Attempts', num: true }, { header: 'Sender' },
];

/** One message's cells; the id links to its page. */
function messageCells(m: MessageView): Cell[] {
  return [
    html`<a href="/console/messages/${encodeURIComponent(m.id)}" class="mono">${m.id}</a>`,
    time(m.createdAt),
    m.type,
    m.recipient.email ?? html`<span class="muted">${m.recipient.userId}</span>`,
    m.organizationId ?? html`<span class="muted">—</span>`,
    html`${statusBadge(m.status)}${m.reason ? html` <span class="muted">${m.reason}</span>` : ''}`,
    m.attemptCount,
    html`${m.sender.kind} <span class="muted">(${m.sender.scope})</span>`,
  ];
}

/** A table of messages, newest first. */
export function messageTable(label: string, messages: MessageView[]): Html {
  return dataTable({ label, columns: MESSAGE_COLUMNS, rows: messages.map(messageCells) });
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
