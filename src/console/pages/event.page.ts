import type { z } from 'zod';
import type { eventViewSchema } from '../../http/views';
import { json, statusBadge, time } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';
import { messageTable } from './messages.page';

export type EventDetail = z.output<typeof eventViewSchema>;

/** Still settling: the event is not processed yet, or a message is waiting for an attempt. */
export const settling = (e: EventDetail): boolean => e.status === 'accepted' || e.messages.some((m) => m.status === 'pending');

/**
 * The event's messages. While it is settling, htmx polls this fragment every second and swaps
 * it in place; the settled fragment has no trigger, so the polling stops.
 */
export function eventMessages(e: EventDetail): Html {
  const poll = settling(e) ? html` hx-get="/console/events/${encodeURIComponent(e.id)}/messages" hx-trigger="every 1s" hx-swap="outerHTML"` : '';
  const table = e.messages.length === 0
    ? html`<p>${e.status === 'accepted' ? 'Working out the recipients…' : 'No message: the event had no recipient.'}</p>`
    : messageTable('Messages of this event', e.messages);
  return html`<div id="event-messages" aria-live="polite"${poll}>${table}${settling(e) ? html`<p class="hint">Updating as it is delivered. <a href="/console/events/${encodeURIComponent(e.id)}">Refresh</a></p>` : ''}</div>`;
}

export function eventPage(ctx: PageContext, e: EventDetail, sent?: boolean): Html {
  return layout(ctx, `Event ${e.id}`, html`<h1>Event <span class="mono">${e.id}</span></h1>
${sent ? html`<div class="notice notice-ok" role="status">Test event sent. Its message appears below; open it to see every attempt.</div>` : ''}
<dl class="facts">
<div><dt>Type</dt><dd>${e.type}</dd></div>
<div><dt>Status</dt><dd>${statusBadge(e.status)}</dd></div>
<div><dt>Occurred</dt><dd>${time(e.occurredAt)}</dd></div>
<div><dt>Received</dt><dd>${time(e.receivedAt)}</dd></div>
</dl>
<section aria-labelledby="h-messages"><h2 id="h-messages">Messages</h2>${eventMessages(e)}</section>
<section aria-labelledby="h-data"><h2 id="h-data">Data</h2><p class="hint">As posted, secrets masked.</p><pre class="code">${json(e.data)}</pre></section>`);
}
