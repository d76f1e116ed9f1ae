import type { z } from 'zod';
import type { messageDetailSchema } from '../../http/views';
import { actionButton } from '../views/components';
import { dataTable, type Column } from '../views/table';
import { json, statusBadge, time } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export type MessageDetail = z.output<typeof messageDetailSchema>;

export interface MessagePageView {
  message: MessageDetail;
  /** The event's data, secrets masked (null when it expired). */
  eventData: Record<string, unknown> | null;
  outboxInUse: boolean;
  notice?: Html;
}

function facts(m: MessageDetail): Html {
  const rows: Array<[string, Html | string]> = [
    ['Status', html`${statusBadge(m.status)}${m.reason ? html` <span class="muted">${m.reason}</span>` : ''}`],
    ['Event', html`<a href="/console/events/${encodeURIComponent(m.eventId)}" class="mono">${m.eventId}</a> (${m.type})`],
    ['Recipient', html`${m.recipient.email ?? '—'} <span class="muted">user ${m.recipient.userId}</span>`],
    ['Organization', m.organizationId ?? '—'],
    ['Sender', `${m.sender.kind} (${m.sender.scope})`],
    ['Transport', m.transport ?? '—'],
    ['Template', m.template ? `${m.template.id} version ${m.template.version}` : 'built-in or Mandrill-side'],
    ['Attempts', String(m.attemptCount)],
    ['Next attempt', time(m.nextAttemptAt)],
    ['Last error', m.lastError ?? '—'],
    ['Created', time(m.createdAt)],
    ['Updated', time(m.updatedAt)],
  ];
  return html`<dl class="facts">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

function attempts(m: MessageDetail): Html {
  if (m.attempts.length === 0) return html`<p>No attempt yet.</p>`;
  const columns: Column[] = [
    { header: '#', num: true, rowHeader: true }, { header: 'Time' }, { header: 'Outcome' }, { header: 'Status code', num: true },
    { header: 'Duration', num: true }, { header: 'Error' }, { header: 'Response excerpt' },
  ];
  const rows = m.attempts.map((a) => [
    a.number, time(a.startedAt), statusBadge(a.outcome), a.statusCode ?? '—', `${Math.round(a.durationMs)} ms`,
    a.error ?? '—', a.response ? html`<pre class="excerpt">${a.response}</pre>` : '—',
  ]);
  return dataTable({ label: 'Attempts', columns, rows });
}

export function messagePage(ctx: PageContext, view: MessagePageView): Html {
  const m = view.message;
  const replay = m.status === 'failed' || m.status === 'sent'
    ? actionButton({ action: `/console/messages/${encodeURIComponent(m.id)}/replay`, label: 'Replay', csrf: ctx.csrf })
    : '';
  const email = view.outboxInUse && m.transport === 'outbox'
    ? html`<a class="btn btn-plain" href="/v1/outbox/${encodeURIComponent(m.id)}.html">View the email</a>`
    : '';
  return layout(ctx, `Message ${m.id}`, html`<h1>Message <span class="mono">${m.id}</span></h1>
${view.notice ?? ''}
<div class="toolbar">${replay}${email}</div>
${facts(m)}
<section aria-labelledby="h-attempts"><h2 id="h-attempts">Attempts</h2>${attempts(m)}</section>
<section aria-labelledby="h-event"><h2 id="h-event">Event data</h2>
<p class="hint">As posted, secrets masked.</p>
${view.eventData ? html`<pre class="code">${json(view.eventData)}</pre>` : html`<p>The event is no longer kept.</p>`}
</section>
<details><summary>Template variables</summary><pre class="code">${json(m.variables)}</pre></details>`);
}
