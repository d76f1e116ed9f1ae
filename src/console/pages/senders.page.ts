import type { SenderView } from '../../senders/sender-config.service';
import { csrfField } from '../views/components';
import { dataTable, type Column } from '../views/table';
import { withQuery } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';

export interface SendersView {
  eventTypes: readonly string[];
  senders: SenderView[];
  /** Directory users for the test-event pickers (the first ones; any id can be typed). */
  userIds: string[];
}

/** A sender's kind, and whether it is suspended (custom URLs). */
export function kindCell(s: SenderView | undefined, fallback: string): Html {
  if (!s) return html`<span class="muted">${fallback}</span>`;
  const suspended = s.state?.suspendedAt ? html` <span class="badge badge-held">suspended</span>` : '';
  return html`${s.kind}${suspended}`;
}

/** The user picker and button that post a type's sample event (one per type). */
export function testEventForm(ctx: PageContext, type: string, userIds: string[], idSuffix: string): Html {
  return html`<form method="post" action="/console/senders/${encodeURIComponent(type)}/test" class="inline test-event">
${csrfField(ctx.csrf)}
<label for="test-user-${idSuffix}" class="visually-hidden">User to send the ${type} test event to</label>
<input id="test-user-${idSuffix}" name="userId" list="directory-users" value="${userIds[0] ?? ''}" required autocomplete="off" placeholder="user id" class="short">
<button type="submit" class="btn btn-primary">Send test event</button>
</form>`;
}

export function usersDatalist(userIds: string[]): Html {
  return html`<datalist id="directory-users">${userIds.map((id) => html`<option value="${id}"></option>`)}</datalist>`;
}

export function sendersPage(ctx: PageContext, view: SendersView): Html {
  const orgs = [...new Set(view.senders.filter((s) => s.organizationId !== null).map((s) => s.organizationId as string))].sort();
  const find = (type: string, org: string | null) => view.senders.find((s) => s.eventType === type && s.organizationId === org);
  const columns: Column[] = [
    { header: 'Event type', rowHeader: true }, { header: 'Global' }, ...orgs.map((org) => ({ header: org })), { header: 'Test' },
  ];
  const rows = view.eventTypes.map((type, i) => [
    html`<a href="/console/senders/${encodeURIComponent(type)}">${type}</a>`,
    html`<a href="/console/senders/${encodeURIComponent(type)}" aria-label="${type}, global sender">${kindCell(find(type, null), 'built-in default')}</a>`,
    ...orgs.map((org) => {
      const s = find(type, org);
      return s
        ? html`<a href="${withQuery(`/console/senders/${encodeURIComponent(type)}`, { organization: org })}" aria-label="${type}, override for ${org}">${kindCell(s, '')}</a>`
        : html`<span class="muted">— (global)</span>`;
    }),
    testEventForm(ctx, type, view.userIds, String(i)),
  ]);
  return layout(ctx, 'Senders', html`<h1>Senders</h1>
<p class="lead">A message goes through its organization's override for the event type, else the global sender, else the built-in default (Herald's Mandrill account, built-in template). Choose an event type to configure it or add an override.</p>
${view.userIds.length === 0 ? html`<div class="notice notice-info" role="status">The directory has no users yet: test events need a recipient. <a href="/console/directory">Add one in Directory</a>.</div>` : ''}
${usersDatalist(view.userIds)}
${dataTable({ label: 'Senders by event type', columns, rows, className: 'matrix' })}`);
}
