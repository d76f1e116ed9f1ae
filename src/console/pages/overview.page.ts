import type { MessageStatus } from '../../delivery/message.record';
import type { QueueCounts } from '../../jobs/queue.port';
import { actionButton, notice, tableRegion } from '../views/components';
import { dataTable, type Column } from '../views/table';
import { time, withQuery } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export interface SuspendedSender {
  eventType: string;
  organizationId: string | null;
  suspendedAt: string;
  consecutiveFailures: number;
  held: number;
}

export interface OverviewView {
  last24h: Array<{ status: MessageStatus; count: number }>;
  suspended: SuspendedSender[];
  queue: QueueCounts;
  notice?: Html;
}

function statusTable(rows: OverviewView['last24h']): Html {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const body = rows.map(
    (r) => html`<tr>
<th scope="row"><a href="${withQuery('/console/messages', { status: r.status })}">${r.status}</a></th>
<td class="num">${r.count}</td>
<td class="bar"><meter min="0" max="${Math.max(total, 1)}" value="${r.count}" aria-label="${r.status}: ${r.count} of ${total}">${r.count}</meter></td>
</tr>`,
  );
  return tableRegion('Messages by status, last 24 hours', html`<table class="stats">
<caption>Messages created in the last 24 hours, by status now (${total} in all)</caption>
<thead><tr><th scope="col">Status</th><th scope="col" class="num">Messages</th><th scope="col">Share</th></tr></thead>
<tbody>${body}</tbody></table>`);
}

function suspendedTable(ctx: PageContext, rows: SuspendedSender[]): Html {
  if (rows.length === 0) return html`<p>No sender is suspended.</p>`;
  const columns: Column[] = [
    { header: 'Sender', rowHeader: true }, { header: 'Suspended' }, { header: 'Failures', num: true },
    { header: 'Held messages', num: true }, { header: 'Action', hidden: true, className: 'actions' },
  ];
  const cells = rows.map((s, i) => [
    { id: `suspended-${i}`, content: s.organizationId ? `${s.eventType} for ${s.organizationId}` : `${s.eventType} (global)` },
    time(s.suspendedAt),
    s.consecutiveFailures,
    html`<a href="${withQuery('/console/messages', { status: 'held', type: s.eventType, organizationId: s.organizationId ?? undefined })}">${s.held}</a>`,
    actionButton({ action: '/console/senders/resume', label: 'Resume', csrf: ctx.csrf, describedBy: `suspended-${i}`, fields: { eventType: s.eventType, organizationId: s.organizationId ?? '', returnTo: '/console' } }),
  ]);
  return dataTable({ label: 'Suspended senders', columns, rows: cells });
}

function queueList(q: QueueCounts): Html {
  const items: Array<[string, number]> = [['Waiting', q.waiting], ['Delayed (retries)', q.delayed], ['Active', q.active], ['Failed jobs', q.failed]];
  return html`<dl class="tiles">${items.map(([label, n]) => html`<div class="tile"><dt>${label}</dt><dd>${n}</dd></div>`)}</dl>`;
}

export function overviewPage(ctx: PageContext, view: OverviewView): Html {
  const empty = view.last24h.every((r) => r.count === 0);
  const start = empty
    ? notice('info', html`No messages in the last 24 hours. To see one: add the sample organization and user in <a href="/console/directory">Directory</a>, then press <strong>Send test event</strong> on an event type in <a href="/console/senders">Senders</a>.`)
    : '';
  return layout(ctx, 'Overview', html`<h1>Overview</h1>
${view.notice ?? ''}
${start}
<div class="grid">
<section aria-labelledby="h-status" class="card"><h2 id="h-status">Messages, last 24 hours</h2>${statusTable(view.last24h)}</section>
<section aria-labelledby="h-queue" class="card"><h2 id="h-queue">Queue depth</h2>${queueList(view.queue)}</section>
</div>
<section aria-labelledby="h-suspended" class="card"><h2 id="h-suspended">Suspended senders</h2>${suspendedTable(ctx, view.suspended)}</section>`);
}
