import type { TemplateIssue } from './template-issue';

// comments and raw blocks cannot open blocks; `{{#x`, `{{^x` open one and `{{/x` closes it
const BLOCK_TAG = /\{\{~?!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*([^\s}~()]+)[^}]*\}\}/g;

/** The innermost `{{#block}}` that is never closed, located, or undefined when all are. */
function unclosedBlock(text: string): { tag: string; name: string; line: number; column: number } | undefined {
  const open: { tag: string; name: string; offset: number }[] = [];
  for (const m of text.matchAll(BLOCK_TAG)) {
    const [tag, sigil, name] = m;
    if (!sigil || !name) continue;
    if (sigil !== '/') open.push({ tag, name, offset: m.index });
    else if (open.some((b) => b.name === name)) open.splice(open.map((b) => b.name).lastIndexOf(name));
  }
  const last = open[open.length - 1];
  if (!last) return undefined;
  const before = text.slice(0, last.offset).split('\n');
  return { tag: last.tag, name: last.name, line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

/**
 * Makes an issue actionable: Handlebars reports an unclosed block at the end of the text,
 * so point at the block instead; MJML's terse messages get the fix appended.
 */
export function explainIssue(text: string, issue: TemplateIssue): TemplateIssue {
  if (/got 'EOF'/.test(issue.message)) {
    const block = unclosedBlock(text);
    if (!block) return issue;
    const where = issue.source === 'mjml' ? ', inside the same MJML component' : '';
    return {
      source: issue.source, line: block.line, column: block.column,
      message: `${block.tag} is never closed: add {{/${block.name}}} where the part it wraps ends${where}.`,
    };
  }
  const attribute = /^<(mj-[\w-]+)> Attribute (\S+) is illegal/.exec(issue.message);
  if (attribute) {
    return { ...issue, message: `${issue.message} Remove ${attribute[2]}, or use an attribute that <${attribute[1]}> accepts (https://documentation.mjml.io/#${attribute[1]}).` };
  }
  if (/doesn't exist or is not registered/.test(issue.message)) {
    return { ...issue, message: `${issue.message} Use a standard MJML component (<mj-section>, <mj-column>, <mj-text>, <mj-button>, <mj-image>, <mj-table>, …), or put plain HTML inside <mj-text> or <mj-raw>.` };
  }
  return issue;
}
