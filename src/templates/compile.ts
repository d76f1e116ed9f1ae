import type Handlebars from 'handlebars';
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

/** A template ready to render: MJML is already HTML, only Handlebars runs per message. */
export interface CompiledTemplate {
  subject: Render;
  html: Render;
  /** Absent when the template has no text part (it is then derived from the HTML). */
  text?: Render;
}

/** Compiles a template once: MJML → HTML → Handlebars. Throws TemplateCompileError on any issue. */
export async function compileTemplate(input: TemplateInput, kit: TemplateToolkit, what = 'template'): Promise<CompiledTemplate> {
  const { issues, html } = await analyseTemplate(input, kit);
  if (issues.length > 0) throw new TemplateCompileError(issues, what);
  const knownHelpers = Object.fromEntries([...kit.helpers].map((name) => [name, true]));
  // only the HTML is escaped: subject and text are plain text, where &amp; would show as such
  const base = { knownHelpers, knownHelpersOnly: true, strict: false };
  const compiled: CompiledTemplate = {
    subject: kit.hb.compile(input.subject, { ...base, noEscape: true }),
    html: kit.hb.compile(stripIndentation(html), base),
    ...(input.text !== undefined ? { text: kit.hb.compile(input.text, { ...base, noEscape: true }) } : {}),
  };
  // Handlebars compiles lazily on first call; do it now so the cost is paid here, once
  compiled.subject({});
  compiled.html({});
  compiled.text?.({});
  return compiled;
}

/**
 * MJML output is indented HTML; the indentation is a quarter of its bytes and every render
 * copies it. Leading whitespace on a line never changes how HTML renders (a line break stays),
 * except inside <pre> or <textarea>, so templates with those keep it.
 */
export function stripIndentation(html: string): string {
  return /<(pre|textarea)\b/i.test(html) ? html : html.replace(/\n[ \t]+/g, '\n');
}
