import type { TemplateInput } from './template.record';
import type { TemplateToolkit } from './compile';
import { droppedTokenIssues } from './dropped-tokens';
import { explainIssue } from './explain-issue';
import { checkHandlebars, parseHandlebars } from './handlebars-checks';
import type { MjmlError } from './mjml-compiler';
import { tagIssues } from './mjml-tags';
import { expandPartials, type ExpandedMjml } from './partials';
import type { TemplateIssue, TemplateSource } from './template-issue';

export type { TemplateIssue } from './template-issue';

const TYPED_VALUE_HINT =
  ' MJML checks this attribute\'s type before Handlebars fills it in, so it cannot contain {{…}}: ' +
  'use a fixed value, or write that part as HTML (e.g. an inline style) inside <mj-raw> or <mj-text>.';

function mjmlIssue(error: MjmlError, expanded: ExpandedMjml): TemplateIssue {
  const origin = expanded.origins[error.line - 1] ?? { line: error.line };
  const where = origin.partial ? `In partial "${origin.partial.name}" (line ${origin.partial.line}): ` : '';
  const hint = /invalid value: .*\{\{/.test(error.message) ? TYPED_VALUE_HINT : '';
  const tag = error.tagName ? `<${error.tagName}> ` : '';
  return { source: 'mjml', line: origin.line, message: `${where}${tag}${error.message.replace(/[.\s]*$/, '.')}${hint}` };
}

const FORBIDDEN_MARKUP: [RegExp, string][] = [
  [/<mj-include/i, '<mj-include> is not supported (templates cannot read files); use the {{> header}} and {{> footer}} partials.'],
  [/<script/i, 'remove <script>: email clients never run scripts, and previews block them.'],
];

function includeIssues(mjml: string): TemplateIssue[] {
  return mjml.split('\n').flatMap((text, i) =>
    FORBIDDEN_MARKUP.filter(([pattern]) => pattern.test(text)).map(([, message]) => ({ source: 'mjml' as const, line: i + 1, message })),
  );
}

/** Handlebars syntax, helpers and partials of one plain-text part (a subject, a text body). */
export function checkPart(text: string, source: TemplateSource, kit: TemplateToolkit): TemplateIssue[] {
  const parsed = parseHandlebars(kit.hb, text, source);
  const issues = parsed.ast ? checkHandlebars(parsed.ast, { source, helpers: kit.helpers, partials: new Set() }) : parsed.issues;
  return issues.map((issue) => explainIssue(text, issue));
}

async function analyseMjml(mjml: string, kit: TemplateToolkit): Promise<{ issues: TemplateIssue[]; html: string }> {
  const parsed = parseHandlebars(kit.hb, mjml, 'mjml');
  if (!parsed.ast) return { issues: parsed.issues, html: '' };
  const issues = [...checkHandlebars(parsed.ast, { source: 'mjml', helpers: kit.helpers, partials: new Set(kit.partials.keys()) }), ...includeIssues(mjml)];
  // MJML accepts unclosed and mismatched tags silently (nesting the rest wrongly), and what it
  // says about a template so nested is noise: report the structure alone until it is fixed
  const structure = tagIssues(mjml);
  if (structure.length > 0) return { issues: [...issues, ...structure], html: '' };
  const expanded = expandPartials(parsed.ast, mjml, kit.partials);
  const result = await kit.mjml(expanded.source);
  issues.push(...result.errors.map((e) => mjmlIssue(e, expanded)));
  if (result.errors.length === 0) issues.push(...droppedTokenIssues(kit.hb, expanded, result.html));
  return { issues, html: result.html };
}

/**
 * Checks a template completely (Handlebars syntax, helpers, partials, MJML at strict level,
 * tokens MJML would drop) and returns the compiled HTML when there is no issue.
 */
export async function analyseTemplate(input: TemplateInput, kit: TemplateToolkit): Promise<{ issues: TemplateIssue[]; html: string }> {
  const mjml = await analyseMjml(input.mjml, kit);
  const issues = mjml.issues.map((issue) => explainIssue(input.mjml, issue));
  const html = mjml.html;
  issues.push(...checkPart(input.subject, 'subject', kit));
  if (input.text !== undefined) issues.push(...checkPart(input.text, 'text', kit));
  return { issues, html };
}
