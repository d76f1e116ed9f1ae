import { html, type Html } from './html';

/** `2026-11-20 10:00:01 UTC` in a `<time>` element (the console shows UTC: operators compare with logs). */
export function time(iso: string | null | undefined): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`${iso}`;
  return html`<time datetime="${iso}">${d.toISOString().slice(0, 19).replace('T', ' ')} UTC</time>`;
}

/** A message status as a labelled badge (the colour is never the only signal: the word is there). */
export function statusBadge(status: string): Html {
  return html`<span class="badge badge-${status}">${status}</span>`;
}

/** An HTTP path with its query, empty values left out. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Pretty JSON for a `<pre>`. */
export const json = (value: unknown): string => JSON.stringify(value, null, 2);
