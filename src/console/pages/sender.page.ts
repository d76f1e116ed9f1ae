import type { SenderView } from '../../senders/sender-config.service';
import { kindForm, kindForms } from '../senders/kinds';
import { actionButton, csrfField, issueList, notice, options } from '../views/components';
import { time, withQuery } from '../views/format';
import { html, type Html } from '../views/html';
import { layout, type PageContext } from '../views/layout';
import { testEventForm, usersDatalist } from './senders.page';

export interface SenderPageView {
  eventType: string;
  organizationId: string | null;
  /** The stored configuration (masked), or null when there is none. */
  stored: SenderView | null;
  /** What the form shows: the stored configuration, or what was just posted when it was refused. */
  draft: SenderView | null;
  /** The kind whose form shows. */
  kind: string;
  templateIds: string[];
  userIds: string[];
  /** Organizations with an override of this type (global page only). */
  overrides: string[];
  organizationIds: string[];
  problems?: Array<{ path?: string; message: string }>;
  notice?: Html;
  /** A shared key in full, shown once after the save that generated or set it. */
  revealedKey?: string;
}

const pagePath = (v: { eventType: string; organizationId: string | null }, kind?: string) =>
  withQuery(`/console/senders/${encodeURIComponent(v.eventType)}`, { organization: v.organizationId ?? undefined, kind });

function summary(ctx: PageContext, v: SenderPageView): Html {
  const s = v.stored;
  if (!s) {
    return html`<p>${v.organizationId ? 'No override: messages for this organization use the global sender.' : "Not configured: messages use the built-in default (Herald's Mandrill account with the built-in template)."}</p>`;
  }
  const state = s.state
    ? html`<div><dt>State</dt><dd>${s.state.suspendedAt ? html`<span class="badge badge-held">suspended</span> since ${time(s.state.suspendedAt)}` : 'delivering'} · ${s.state.consecutiveFailures} consecutive failure(s)</dd></div>`
    : '';
  return html`<dl class="facts"><div><dt>Kind</dt><dd>${kindForm(s.kind)?.label ?? s.kind}</dd></div>${state}<div><dt>Updated</dt><dd>${time(s.updatedAt)}</dd></div></dl>
${s.state?.suspendedAt ? html`<div class="toolbar">${actionButton({ action: '/console/senders/resume', label: 'Resume', csrf: ctx.csrf, fields: { eventType: v.eventType, organizationId: v.organizationId ?? '', returnTo: pagePath(v) } })}</div>` : ''}`;
}

function kindPicker(v: SenderPageView): Html {
  const links = kindForms().map(
    (f) => html`<li><a href="${pagePath(v, f.kind)}"${f.kind === v.kind ? html` aria-current="true"` : ''}>${f.label}</a></li>`,
  );
  return html`<nav aria-label="Kind" class="kinds"><p id="kind-label">Kind</p><ul aria-labelledby="kind-label">${links}</ul></nav>`;
}

function editForm(ctx: PageContext, v: SenderPageView): Html {
  const form = kindForm(v.kind);
  if (!form) return notice('error', `Unknown kind ${v.kind}`);
  return html`<form method="post" action="/console/senders/${encodeURIComponent(v.eventType)}" class="stack sender-form">
${csrfField(ctx.csrf)}
<input type="hidden" name="organizationId" value="${v.organizationId ?? ''}">
<input type="hidden" name="kind" value="${form.kind}">
<fieldset><legend>${form.label}</legend>
${form.fields({ current: v.draft?.kind === form.kind ? v.draft : null, templateIds: v.templateIds })}
</fieldset>
<button type="submit" class="btn btn-primary">Save sender</button>
</form>`;
}

function overrides(v: SenderPageView): Html {
  if (v.organizationId !== null) return html`<p><a href="${pagePath({ ...v, organizationId: null })}">The global sender for ${v.eventType}</a></p>`;
  const list = v.overrides.length === 0
    ? html`<p>No organization has its own sender for ${v.eventType}.</p>`
    : html`<ul>${v.overrides.map((org) => html`<li><a href="${pagePath({ ...v, organizationId: org })}">${org}</a></li>`)}</ul>`;
  return html`${list}
<form method="get" action="/console/senders/${encodeURIComponent(v.eventType)}" class="inline">
<label for="override-org">Organization</label>
<select id="override-org" name="organization" required>${options(v.organizationIds, undefined)}</select>
<button type="submit" class="btn btn-plain">Configure an override</button>
</form>`;
}

export function senderPage(ctx: PageContext, v: SenderPageView): Html {
  const scope = v.organizationId ? `override for ${v.organizationId}` : 'global sender';
  const deleteLabel = v.organizationId ? 'Remove this override' : 'Delete this configuration';
  return layout(ctx, `${v.eventType} sender`, html`<p class="crumbs"><a href="/console/senders">Senders</a> › ${v.eventType}</p>
<h1>${v.eventType} <span class="sub">${scope}</span></h1>
${v.notice ?? ''}
${v.revealedKey ? notice('ok', html`Saved. The shared key, shown this once — give it to the receiver now: <code class="secret">${v.revealedKey}</code>`) : ''}
${v.problems ? notice('error', html`Not saved: ${issueList(v.problems)}`) : ''}
<section aria-labelledby="h-current" class="card"><h2 id="h-current">Now</h2>${summary(ctx, v)}
${v.stored ? actionButton({ action: `/console/senders/${encodeURIComponent(v.eventType)}/delete`, label: deleteLabel, csrf: ctx.csrf, kind: 'danger', fields: { organizationId: v.organizationId ?? '' } }) : ''}</section>
<section aria-labelledby="h-edit" class="card"><h2 id="h-edit">${v.stored ? 'Change it' : 'Configure it'}</h2>${kindPicker(v)}${editForm(ctx, v)}</section>
<section aria-labelledby="h-test" class="card"><h2 id="h-test">Send test event</h2>
<p class="hint">Posts the catalog's sample ${v.eventType} event, addressed to the user you choose, like any event: it goes through the sender that applies to that user's organization.</p>
${usersDatalist(v.userIds)}${testEventForm(ctx, v.eventType, v.userIds, 'page')}</section>
<section aria-labelledby="h-overrides" class="card"><h2 id="h-overrides">Organization overrides</h2>${overrides(v)}</section>`);
}
