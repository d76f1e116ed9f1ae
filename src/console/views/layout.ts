import { html, type Html, type Part } from './html';

/** What every console page knows about the request (set by the session gate). */
export interface PageContext {
  /** The CSRF token every form of this page carries. */
  csrf: string;
  /** Signed in with the admin key (false when the console is open: no key configured). */
  signedIn: boolean;
  /** Whether the dev outbox is in use (its nav link shows then). */
  outboxInUse: boolean;
  /** The request path, to mark the current nav link. */
  path: string;
}

const NAV: Array<{ href: string; label: string; outboxOnly?: boolean }> = [
  { href: '/console', label: 'Overview' },
  { href: '/console/messages', label: 'Messages' },
  { href: '/console/senders', label: 'Senders' },
  { href: '/console/templates', label: 'Templates' },
  { href: '/console/directory', label: 'Directory' },
  { href: '/console/outbox', label: 'Outbox', outboxOnly: true },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/console' ? path === '/console' || path === '/console/' : path === href || path.startsWith(`${href}/`);
}

function nav(ctx: PageContext): Html {
  const links = NAV.filter((item) => !item.outboxOnly || ctx.outboxInUse).map(
    (item) => html`<li><a href="${item.href}"${isCurrent(item.href, ctx.path) ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  );
  return html`<nav aria-label="Console"><ul>${links}</ul></nav>`;
}

/** The page head: assets are Herald's own (no CDN), htmx configured for a strict CSP. */
function head(title: string): Html {
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Herald console</title>
<meta name="htmx-config" content='{"includeIndicatorCSS":false,"defaultTimeout":30000}'>
<link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/htmx.min.js" defer></script>
<script src="/console/assets/console.js" defer></script>`;
}

/** A whole console page: skip link, header with navigation (and Sign out), then the page's main content. */
export function layout(ctx: PageContext, title: string, body: Part): Html {
  const signOut = ctx.signedIn
    ? html`<form method="post" action="/console/sign-out" class="sign-out"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" class="btn btn-plain">Sign out</button></form>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>${head(title)}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/console">Herald</a>
${nav(ctx)}
${signOut}
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`;
}

/** A page outside the signed-in console (sign-in, errors before a session): no navigation. */
export function barePage(title: string, body: Part): Html {
  return html`<!doctype html>
<html lang="en">
<head>${head(title)}</head>
<body class="bare">
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`;
}
