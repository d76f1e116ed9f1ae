/** What each URL placeholder stands for in one message (SPEC §6). */
export interface PlaceholderValues {
  eventType: string;
  /** OrderCloud's name of the event type (`OrderSubmitted`). */
  messageType: string;
  eventId: string;
  messageId: string;
  /** The recipient. */
  userId: string;
  /** The recipient's organization. */
  organizationId: string;
  /** `data.order.id`; undefined for an event without an order. */
  orderId: string | undefined;
}

type Name = keyof PlaceholderValues;

/** Placeholder names, matched without regard to case (`{messageType}` and `{messagetype}` alike). */
const NAMES: ReadonlyMap<string, Name> = new Map(
  (['eventType', 'messageType', 'eventId', 'messageId', 'userId', 'organizationId', 'orderId'] as const).map((n) => [n.toLowerCase(), n]),
);

/** The placeholders a URL may hold, as the API documents them. */
export const PLACEHOLDER_NAMES: readonly string[] = ['eventType', 'messageType', 'messagetype', 'eventId', 'messageId', 'userId', 'organizationId', 'orderId'];

// `{name}`, or `%7Bname%7D` when the URL went through an encoder first.
const PLACEHOLDER = /\{([^{}]*)\}|%7B([A-Za-z]*)%7D/gi;

interface Found {
  text: string;
  name: string;
  index: number;
}

function found(url: string): Found[] {
  return [...url.matchAll(PLACEHOLDER)].map((m) => ({ text: m[0], name: m[1] ?? m[2] ?? '', index: m.index }));
}

/** Where the path starts: placeholders before it would let a message choose the host. */
function pathStart(url: string): number {
  const scheme = url.indexOf('://');
  if (scheme < 0) return 0;
  const rest = url.slice(scheme + 3).search(/[/?#]/);
  return rest < 0 ? url.length : scheme + 3 + rest;
}

/** What is wrong with a URL's placeholders: unknown names, or placeholders in the scheme or host. */
export function placeholderProblems(url: string): string[] {
  const problems: string[] = [];
  const start = pathStart(url);
  for (const p of found(url)) {
    if (!NAMES.has(p.name.toLowerCase())) {
      problems.push(`unknown placeholder ${p.text}; use ${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join(', ')}`);
    } else if (p.index < start) {
      problems.push(`placeholder ${p.text} may only appear in the path or the query, not in the host`);
    }
  }
  return problems;
}

/** Whether the URL names `{orderId}` (only event types that carry an order have one). */
export function usesOrderId(url: string): boolean {
  return found(url).some((p) => NAMES.get(p.name.toLowerCase()) === 'orderId');
}

/** A message has no value for a placeholder its URL names. */
export class MissingPlaceholderError extends Error {
  constructor(readonly placeholder: string) {
    super(`the URL names ${placeholder}, but this message has no value for it`);
    this.name = 'MissingPlaceholderError';
  }
}

/** The URL of one message: each placeholder replaced by its value, URL-encoded. */
export function expandPlaceholders(url: string, values: PlaceholderValues): string {
  return url.replace(PLACEHOLDER, (text: string, braced?: string, encoded?: string) => {
    const name = NAMES.get((braced ?? encoded ?? '').toLowerCase());
    // Unknown names were refused when the sender was configured; leave anything else alone.
    if (!name) return text;
    const value = values[name];
    if (value === undefined) throw new MissingPlaceholderError(text);
    return encodeURIComponent(value);
  });
}
