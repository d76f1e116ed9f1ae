import Handlebars from 'handlebars';
import { checkHandlebars, parseHandlebars } from '../../../../templates/handlebars-checks';
import { BUILTIN_HELPER_NAMES, HELPER_NAMES, registerHelpers, renderOptions } from '../../../../templates/helpers';
import type { FormatInput } from './body-format';

// The `template` format (SPEC §6): a Handlebars template that writes the JSON body itself,
// for receivers that expect a shape Herald has no format for (Svix calls these transformations).

/** Helpers a body template may call: Herald's template helpers, Handlebars' block helpers, and `json`. */
const HELPERS: ReadonlySet<string> = new Set([...HELPER_NAMES, ...BUILTIN_HELPER_NAMES, 'json']);
const KNOWN_HELPERS = Object.fromEntries([...HELPERS].map((name) => [name, true]));

/** One isolated Handlebars environment for body templates: no `log`, prototype access off at render. */
const hb = Handlebars.create();
registerHelpers(hb);
// `{{json value}}` writes any value as JSON (strings quoted and escaped); nothing at all → null.
hb.registerHelper('json', (...args: unknown[]) => {
  const value = args.length > 1 ? args[0] : undefined;
  return JSON.stringify(value === undefined ? null : value);
});

type Render = Handlebars.TemplateDelegate<Record<string, unknown>>;
/** Compiled body templates by source: a sender's template compiles once, not per message. */
const compiled = new Map<string, Render>();
const MAX_COMPILED = 200;

/**
 * JSON closes objects right after a value: `{"a": {{json a}}}`. Handlebars reads that `}}}`
 * as the end of a `{{{triple-stash}}}` and refuses the template, so a `}` that follows the
 * `}}` of a plain `{{mustache}}` is kept apart from it (`}} }`): the same JSON, one space more.
 */
export function separateClosingBraces(source: string): string {
  let out = '';
  let close: string | null = null;
  for (let i = 0; i < source.length; ) {
    if (close === null) {
      const open = /^\{\{(\{|!--)?/.exec(source.slice(i, i + 5))?.[0];
      if (open) {
        close = open === '{{{' ? '}}}' : open === '{{!--' ? '--}}' : '}}';
        out += open;
        i += open.length;
        continue;
      }
    } else if (close === '}}' && source.startsWith('}}}', i)) {
      out += '}} }';
      i += 3;
      close = null;
      continue;
    } else if (source.startsWith(close, i)) {
      out += close;
      i += close.length;
      close = null;
      continue;
    }
    out += source[i];
    i += 1;
  }
  return out;
}

function compile(source: string): Render {
  let render = compiled.get(source);
  if (!render) {
    // Output is JSON, not HTML: no escaping; values go through `{{json …}}`.
    render = hb.compile<Record<string, unknown>>(separateClosingBraces(source), { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, strict: false, noEscape: true });
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value ?? '');
    compiled.set(source, render);
  }
  return render;
}

/**
 * What a body template sees: the message's merge variables (SPEC §5, as email templates see
 * them), and beside them `message`, `event` (with `data` as posted), `recipient`,
 * `organization`, `cc` and `configData`, which win over a variable of the same name.
 */
export function templateContext(input: FormatInput): Record<string, unknown> {
  const { event, user, organization } = input;
  return {
    ...input.variables(),
    message: { id: input.messageId, timestamp: input.at.toISOString() },
    event: { id: event.id, type: event.type, messageType: input.messageType, occurredAt: event.occurredAt, data: event.data },
    recipient: { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, username: user.username ?? null, organizationId: user.organizationId },
    organization: { id: organization.id, name: organization.name },
    cc: input.cc,
    configData: input.configData ?? {},
  };
}

/** A body template's output is not JSON. */
export class BodyTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyTemplateError';
  }
}

/** Renders the body and checks it is JSON: a receiver is never sent a body that is not. */
export function renderBodyTemplate(source: string, input: FormatInput): string {
  const text = compile(source)(templateContext(input), renderOptions());
  const problem = jsonProblem(text);
  if (problem) throw new BodyTemplateError(`bodyTemplate did not produce JSON: ${problem}`);
  return text;
}

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const near = Number.isFinite(position) ? ` near ${JSON.stringify(text.slice(Math.max(0, position - 30), position + 30))}` : '';
    return `${message}${near}. Write values with {{json …}} so they are quoted and escaped.`;
  }
}

/** One problem of a body template, located when Handlebars says where. */
export interface BodyTemplateIssue {
  path: 'bodyTemplate';
  line?: number;
  column?: number;
  message: string;
}

/**
 * Checks a body template when a sender is configured: it parses, names only known helpers
 * and no prototype properties, and rendering `sample` gives JSON. Empty when all is well.
 */
export function bodyTemplateIssues(source: string, sample: FormatInput): BodyTemplateIssue[] {
  const { ast, issues } = parseHandlebars(hb, separateClosingBraces(source), 'text');
  const found = ast ? checkHandlebars(ast, { source: 'text', helpers: HELPERS, partials: new Set() }) : issues;
  if (found.length > 0) return found.map(({ line, column, message }) => ({ path: 'bodyTemplate', line, ...(column ? { column } : {}), message }));
  try {
    renderBodyTemplate(source, sample);
    return [];
  } catch (err) {
    return [{ path: 'bodyTemplate', message: err instanceof Error ? err.message : String(err) }];
  }
}
