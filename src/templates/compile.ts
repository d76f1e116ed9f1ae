import Handlebars from 'handlebars';
import { renderOptions } from './helpers';
import { htmlToText } from './html-text';
import type { RenderedEmail } from './template.port';
import type { TemplateInput } from './template.record';
import type { MjmlCompile } from './mjml-compiler';
import type { PartialSet } from './partials';
import { TemplateCompileError } from './template-issue';
import { analyseTemplate } from './validate-template';

type Hbs = typeof Handlebars;
type Render = Handlebars.TemplateDelegate<Record<string, unknown>>;

/** Everything compiling needs; owned by the template registry. */
export interface TemplateToolkit {
  hb: Hbs;
  mjml: MjmlCompile;
  partials: PartialSet;
  /** Registered helpers plus the allowed Handlebars built-ins. */
  helpers: ReadonlySet<string>;
}

/** What Handlebars compiles: the subject, the HTML MJML made (indentation stripped), the text part. */
export interface TemplateSources {
  subject: string;
  html: string;
  text?: string;
}

/** A template ready to render: MJML is already HTML, only Handlebars runs per message. */
export interface CompiledTemplate {
  subject: Render;
  html: Render;
  /** Absent when the template has no text part (it is then derived from the HTML). */
  text?: Render;
  /** What it was compiled from (a preview thread compiles the same). */
  sources: TemplateSources;
}

/** Compiles a template once: MJML → HTML → Handlebars. Throws TemplateCompileError on any issue. */
export async function compileTemplate(input: TemplateInput, kit: TemplateToolkit, what = 'template'): Promise<CompiledTemplate> {
  const { issues, html } = await analyseTemplate(input, kit);
  if (issues.length > 0) throw new TemplateCompileError(issues, what);
  return compileSources({ subject: input.subject, html: stripIndentation(html), ...(input.text !== undefined ? { text: input.text } : {}) }, kit);
}

/** Compiles checked sources with Handlebars (no MJML, no checks): the last step of `compileTemplate`. */
export function compileSources(sources: TemplateSources, kit: Pick<TemplateToolkit, 'hb' | 'helpers'>): CompiledTemplate {
  const knownHelpers = Object.fromEntries([...kit.helpers].map((name) => [name, true]));
  // only the HTML is escaped: subject and text are plain text, where &amp; would show as such
  const base = { knownHelpers, knownHelpersOnly: true, strict: false };
  const hb = environmentFor(kit, [sources.subject, sources.html, sources.text ?? '']);
  const compiled: CompiledTemplate = {
    subject: hb.compile(sources.subject, { ...base, noEscape: true }),
    html: hb.compile(sources.html, base),
    ...(sources.text !== undefined ? { text: hb.compile(sources.text, { ...base, noEscape: true }) } : {}),
    sources,
  };
  // Handlebars compiles lazily on first call; do it now so the cost is paid here, once
  compiled.subject({});
  compiled.html({});
  compiled.text?.({});
  return compiled;
}

/** A render whose HTML is larger than its caller will take (`renderCompiled`'s `maxHtmlChars`). */
export class OutputTooLargeError extends Error {
  constructor(readonly chars: number) {
    super(`the rendered HTML is ${chars} characters`);
    this.name = 'OutputTooLargeError';
  }
}

/**
 * One email from a compiled template. `maxHtmlChars` stops a preview before it derives the
 * text part from an HTML part too large to show.
 */
export function renderCompiled(template: CompiledTemplate, variables: Record<string, unknown>, maxHtmlChars = Infinity): RenderedEmail {
  const options = renderOptions();
  const html = template.html(variables, options);
  if (html.length > maxHtmlChars) throw new OutputTooLargeError(html.length);
  return {
    // a subject is one line whatever the template's whitespace
    subject: template.subject(variables, options).replace(/\s+/g, ' ').trim(),
    html,
    text: template.text ? template.text(variables, options) : htmlToText(html),
  };
}

/** Handlebars' hooks for names that are not helpers: every environment keeps them. */
const HOOKS = ['helperMissing', 'blockHelperMissing'];

/**
 * A Handlebars environment with only the helpers this template names. Handlebars wraps every
 * registered helper again on every render (to hand it `lookupProperty`); with twenty
 * registered and a handful used, that wrapping was a fifth of a render.
 */
function environmentFor(kit: Pick<TemplateToolkit, 'hb' | 'helpers'>, sources: string[]): Hbs {
  const used = new Set(HOOKS);
  for (const source of sources) collectNames(kit.hb.parse(source), kit.helpers, used);
  const env = Handlebars.create();
  for (const name of Object.keys(env.helpers)) env.unregisterHelper(name);
  for (const name of used) {
    const helper = kit.hb.helpers[name];
    if (helper) env.registerHelper(name, helper);
  }
  return env;
}

/** Adds every path in the AST that names a helper (names that are also data fields included: harmless). */
function collectNames(node: unknown, helpers: ReadonlySet<string>, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectNames(item, helpers, into);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const { type, original } = node as { type?: unknown; original?: unknown };
  if (type === 'PathExpression' && typeof original === 'string' && helpers.has(original)) into.add(original);
  for (const value of Object.values(node)) if (typeof value === 'object') collectNames(value, helpers, into);
}

/**
 * MJML output is indented HTML; the indentation is a quarter of its bytes and every render
 * copies it. Leading whitespace on a line never changes how HTML renders (a line break stays),
 * except inside <pre> or <textarea>, so templates with those keep it.
 */
export function stripIndentation(html: string): string {
  return /<(pre|textarea)\b/i.test(html) ? html : html.replace(/\n[ \t]+/g, '\n');
}
