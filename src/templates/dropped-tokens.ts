import type Handlebars from 'handlebars';
import type { ExpandedMjml } from './partials';
import type { TemplateIssue } from './template-issue';

type Hbs = typeof Handlebars;

/** MJML components whose content MJML copies into the HTML as is. */
const RAW_CONTENT = new Set([
  'mj-text', 'mj-raw', 'mj-table', 'mj-button', 'mj-title', 'mj-preview', 'mj-style', 'mj-navbar-link',
  'mj-accordion-title', 'mj-accordion-text', 'mj-social-element',
]);

interface Token {
  key: string;
  line: number;
  column: number;
  text: string;
}

/** Mustache and block tokens of a template, keyed by kind and path (`x`, `#each`). */
function tokens(ast: hbs.AST.Program, source: string): Token[] {
  const lines = source.split('\n');
  const found: Token[] = [];
  const stack: hbs.AST.Node[] = [ast];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const n = node as { body?: hbs.AST.Node[]; path?: hbs.AST.Node; program?: hbs.AST.Node; inverse?: hbs.AST.Node };
    if (node.type === 'MustacheStatement' || node.type === 'BlockStatement') {
      const path = n.path as hbs.AST.PathExpression;
      const { line, column } = node.loc.start;
      const text = (lines[line - 1] ?? '').slice(column).split('}}')[0] + '}}';
      found.push({ key: `${node.type === 'BlockStatement' ? '#' : ''}${path.original}`, line, column, text });
    }
    stack.push(...(n.body ?? []));
    if (n.program) stack.push(n.program);
    if (n.inverse) stack.push(n.inverse);
  }
  return found;
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) offset = source.indexOf('\n', offset) + 1;
  return offset + column;
}

/** True when the offset is text directly inside an MJML component that drops text (mj-section…). */
function isBareText(source: string, offset: number): boolean {
  const open: string[] = [];
  const tag = /<!--[\s\S]*?-->|<(\/?)(mj-[\w-]+|mjml)\b[^>]*>/g;
  for (let m = tag.exec(source); m && m.index < offset; m = tag.exec(source)) {
    if (m.index + m[0].length > offset) return false; // inside a tag: an attribute value
    const name = m[2];
    if (!name || m[0].endsWith('/>')) continue;
    if (m[1]) open.splice(open.lastIndexOf(name));
    else open.push(name);
  }
  const innermost = open[open.length - 1];
  return innermost !== undefined && !RAW_CONTENT.has(innermost);
}

function count(list: Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
  return counts;
}

function issueAt(token: Token, expanded: ExpandedMjml): TemplateIssue {
  const origin = expanded.origins[token.line - 1] ?? { line: token.line };
  const where = origin.partial ? ` (in partial "${origin.partial.name}", line ${origin.partial.line})` : '';
  return {
    source: 'mjml',
    line: origin.line,
    ...(origin.partial ? {} : { column: token.column + 1 }),
    message:
      `MJML silently drops ${token.text}${where}: it is bare text between MJML components. ` +
      'Move it inside <mj-raw>, <mj-text> or <mj-table> — e.g. <mj-raw>{{#each products}}</mj-raw> … <mj-raw>{{/each}}</mj-raw> ' +
      'around repeated sections, or {{#each}} rows inside one <mj-table>.',
  };
}

/**
 * Handlebars tokens in the MJML that did not survive into the compiled HTML. Counting by
 * token is the ground truth; the bare-text scan only picks which occurrences to blame.
 */
export function droppedTokenIssues(hb: Hbs, expanded: ExpandedMjml, html: string): TemplateIssue[] {
  let after: Token[];
  try {
    after = tokens(hb.parse(html), html);
  } catch {
    return [{
      source: 'mjml', line: 1,
      message: 'After MJML compiles, the Handlebars in the HTML no longer parses: a {{#block}} and its {{/block}} must both sit inside the same ' +
        '<mj-raw>, <mj-text> or <mj-table>, and an attribute value cannot contain a double quote (use single quotes in helper arguments).',
    }];
  }
  const before = tokens(hb.parse(expanded.source), expanded.source);
  const survived = count(after);
  const issues: TemplateIssue[] = [];
  for (const [key, n] of count(before)) {
    const lost = n - (survived.get(key) ?? 0);
    if (lost <= 0) continue;
    const candidates = before.filter((t) => t.key === key);
    const bare = candidates.filter((t) => isBareText(expanded.source, offsetOf(expanded.source, t.line, t.column)));
    issues.push(...(bare.length > 0 ? bare : candidates.slice(0, lost)).map((t) => issueAt(t, expanded)));
  }
  return issues.sort((a, b) => a.line - b.line);
}
