import type { Organization, User } from '../../directory/directory.schema';
import { csrfField, issueList, notice } from '../views/components';
import { dataTable, type Column } from '../views/table';
import { withQuery } from '../views/format';
import { html, type Html } from '../views/html';
import { checkbox, textInput } from '../views/inputs';
import { layout, type PageContext } from '../views/layout';

export interface DirectoryView {
  q: string;
  organizations: Organization[];
  users: User[];
  nextOrganizations: string | null;
  nextUsers: string | null;
  /** Prefills the forms (an Edit link, or what was just refused). */
  editOrganization?: Partial<Organization>;
  editUser?: Partial<User>;
  problems?: { form: 'organization' | 'user'; issues: Array<{ path?: string; message: string }> };
  notice?: Html;
  empty: boolean;
}

function activeToggle(ctx: PageContext, kind: 'organizations' | 'users', id: string, active: boolean, rowId: string, q: string): Html {
  return html`<form method="post" action="/console/directory/${kind}/${encodeURIComponent(id)}/active" class="inline">${csrfField(ctx.csrf)}<input type="hidden" name="active" value="${active ? 'false' : 'true'}"><input type="hidden" name="returnTo" value="${withQuery('/console/directory', { q })}"><button type="submit" class="btn btn-plain btn-small" aria-describedby="${rowId}">${active ? 'Deactivate' : 'Activate'}</button></form>`;
}

const activeBadge = (active: boolean) => html`<span class="badge ${active ? 'badge-sent' : 'badge-skipped'}">${active ? 'active' : 'inactive'}</span>`;

function organizationsTable(ctx: PageContext, v: DirectoryView): Html {
  if (v.organizations.length === 0) return html`<p>No organization${v.q ? ' matches' : ' yet'}.</p>`;
  const columns: Column[] = [{ header: 'Id', rowHeader: true }, { header: 'Name' }, { header: 'State' }, { header: 'Actions', hidden: true, className: 'actions' }];
  const rows = v.organizations.map((o, i) => [
    { id: `org-${i}`, content: html`<span class="mono">${o.id}</span>` },
    o.name,
    activeBadge(o.active),
    html`${activeToggle(ctx, 'organizations', o.id, o.active, `org-${i}`, v.q)} <a href="${withQuery('/console/directory', { q: v.q, organization: o.id })}#organization-form" aria-describedby="org-${i}">Edit</a> <a href="${withQuery('/console/directory', { q: o.id })}" aria-describedby="org-${i}">Users</a>`,
  ]);
  return dataTable({ label: 'Organizations', columns, rows });
}

function usersTable(ctx: PageContext, v: DirectoryView): Html {
  if (v.users.length === 0) return html`<p>No user${v.q ? ' matches' : ' yet'}.</p>`;
  const columns: Column[] = [
    { header: 'Id', rowHeader: true }, { header: 'Name' }, { header: 'E-mail' }, { header: 'Organization' }, { header: 'State' },
    { header: 'Actions', hidden: true, className: 'actions' },
  ];
  const rows = v.users.map((u, i) => [
    { id: `user-${i}`, content: html`<span class="mono">${u.id}</span>` },
    `${u.firstName} ${u.lastName}`.trim() || '—',
    u.email,
    html`<span class="mono">${u.organizationId}</span>`,
    activeBadge(u.active),
    html`${activeToggle(ctx, 'users', u.id, u.active, `user-${i}`, v.q)} <a href="${withQuery('/console/directory', { q: v.q, user: u.id })}#user-form" aria-describedby="user-${i}">Edit</a> <a href="${withQuery('/console/messages', { recipientEmail: u.email })}" aria-describedby="user-${i}">Messages</a>`,
  ]);
  return dataTable({ label: 'Users', columns, rows });
}

function organizationForm(ctx: PageContext, v: DirectoryView): Html {
  const o = v.editOrganization ?? {};
  const problems = v.problems?.form === 'organization' ? notice('error', html`Not saved: ${issueList(v.problems.issues)}`) : '';
  return html`<form method="post" action="/console/directory/organizations" id="organization-form" class="stack">${csrfField(ctx.csrf)}${problems}
${textInput({ id: 'o-id', name: 'id', label: 'Organization id', value: o.id, required: true, hint: 'An existing id changes that organization.' })}
${textInput({ id: 'o-name', name: 'name', label: 'Name', value: o.name, required: true })}
${checkbox({ id: 'o-active', name: 'active', label: 'Active', checked: o.active ?? true })}
<button type="submit" class="btn btn-primary">Save organization</button></form>`;
}

function userForm(ctx: PageContext, v: DirectoryView): Html {
  const u = v.editUser ?? {};
  const problems = v.problems?.form === 'user' ? notice('error', html`Not saved: ${issueList(v.problems.issues)}`) : '';
  return html`<form method="post" action="/console/directory/users" id="user-form" class="stack">${csrfField(ctx.csrf)}${problems}
${textInput({ id: 'u-id', name: 'id', label: 'User id', value: u.id, required: true, hint: 'The userId events name. An existing id changes that user.' })}
${textInput({ id: 'u-org', name: 'organizationId', label: 'Organization id', value: u.organizationId, required: true, extra: html` list="u-org-list"` })}
<datalist id="u-org-list">${v.organizations.map((o) => html`<option value="${o.id}">${o.name}</option>`)}</datalist>
${textInput({ id: 'u-email', name: 'email', label: 'E-mail', type: 'email', value: u.email, required: true })}
${textInput({ id: 'u-first', name: 'firstName', label: 'First name', value: u.firstName })}
${textInput({ id: 'u-last', name: 'lastName', label: 'Last name', value: u.lastName })}
${textInput({ id: 'u-username', name: 'username', label: 'Username', value: u.username })}
${textInput({ id: 'u-locale', name: 'locale', label: 'Locale', value: u.locale, placeholder: 'en-US', hint: 'Formats money and dates in their e-mails.' })}
${checkbox({ id: 'u-active', name: 'active', label: 'Active', checked: u.active ?? true })}
<button type="submit" class="btn btn-primary">Save user</button></form>`;
}

function more(v: DirectoryView, which: 'orgCursor' | 'userCursor', cursor: string | null, label: string): Html | '' {
  return cursor ? html`<p><a href="${withQuery('/console/directory', { q: v.q, [which]: cursor })}" class="btn btn-plain">${label}</a></p>` : '';
}

export function directoryResults(ctx: PageContext, v: DirectoryView): Html {
  return html`<div id="directory-results">
<section aria-labelledby="h-orgs"><h2 id="h-orgs">Organizations</h2>${organizationsTable(ctx, v)}${more(v, 'orgCursor', v.nextOrganizations, 'More organizations')}</section>
<section aria-labelledby="h-users"><h2 id="h-users">Users</h2>${usersTable(ctx, v)}${more(v, 'userCursor', v.nextUsers, 'More users')}</section>
</div>`;
}

export function directoryPage(ctx: PageContext, v: DirectoryView): Html {
  const sample = v.empty
    ? html`<div class="notice notice-info" role="status"><p>The directory is empty. Herald only sends to active users of active organizations, so add some, or start with the sample ones the test events are written for.</p>
<form method="post" action="/console/directory/sample">${csrfField(ctx.csrf)}<button type="submit" class="btn btn-primary">Add the sample organization and user</button></form></div>`
    : '';
  return layout(ctx, 'Directory', html`<h1>Directory</h1>
${v.notice ?? ''}
${sample}
<form method="get" action="/console/directory" role="search" class="filters" aria-label="Search the directory">
<div class="field"><label for="dir-q">Search</label>
<input id="dir-q" name="q" type="search" value="${v.q}" autocomplete="off" placeholder="id, name, e-mail or organization" hx-get="/console/directory" hx-trigger="input changed delay:300ms, search" hx-target="#directory-results" hx-select="#directory-results" hx-swap="outerHTML"></div>
<div class="field actions"><button type="submit" class="btn btn-primary">Search</button></div>
</form>
${directoryResults(ctx, v)}
<div class="grid">
<section aria-labelledby="h-org-form" class="card"><h2 id="h-org-form">Add or change an organization</h2>${organizationForm(ctx, v)}</section>
<section aria-labelledby="h-user-form" class="card"><h2 id="h-user-form">Add or change a user</h2>${userForm(ctx, v)}</section>
</div>`);
}
