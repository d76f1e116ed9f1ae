import type { TemplateIssue } from './template-issue';

/**
 * MJML components whose content MJML copies as it is (HTML, CSS or text): the parser skips
 * every tag inside them until their own closing tag.
 */
const ENDING_TAGS = new Set([
  'mj-accordion-text', 'mj-accordion-title', 'mj-breakpoint', 'mj-button', 'mj-carousel-image', 'mj-navbar-link',
  'mj-preview', 'mj-raw', 'mj-social-element', 'mj-style', 'mj-table', 'mj-text', 'mj-title',
]);
/** Ending tags whose content is not checked as HTML: raw on purpose (an <mj-raw> may open what another closes), CSS or text. */
const UNCHECKED_CONTENT = new Set(['mj-raw', 'mj-style', 'mj-title', 'mj-preview', 'mj-breakpoint']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** HTML elements whose end tag may be left out: never reported as unclosed. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'colgroup', 'caption', 'rt', 'rp']);

interface Open {
  name: string;
  line: number;
}

/** Same length and line breaks, without Handlebars expressions and comments (they may hold `<` or `>`). */
function blankOut(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return source.replace(/\{\{[\s\S]*?\}\}\}?/g, blank).replace(/<!--[\s\S]*?(?:-->|$)/g, blank).replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, blank);
}

const isMjml = (name: string): boolean => name === 'mjml' || name.startsWith('mj-');

/**
 * Unclosed, stray and mismatched tags in an MJML template, each with its line: MJML's own
 * parser accepts them silently and nests the rest of the email wrongly. Every MJML tag must
 * be closed (or self-closed), and so must HTML elements inside components such as <mj-text>
 * (void elements and those whose end tag HTML lets you omit excepted).
 */
export function tagIssues(source: string): TemplateIssue[] {
  const text = blankOut(source);
  const lineAt = lineIndex(text);
  const issues: TemplateIssue[] = [];
  const stack: Open[] = [];
  const report = (line: number, message: string) => issues.push({ source: 'mjml', line, message });
  /** The innermost ending tag open, if any: its content is HTML (or raw). */
  const endingTag = () => [...stack].reverse().find((o) => ENDING_TAGS.has(o.name));

  for (const match of text.matchAll(/<(\/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const [, slash, rawName = '', rest = ''] = match;
    const name = rawName.toLowerCase();
    const line = lineAt(match.index ?? 0);
    const inside = endingTag();
    // HTML outside components is MJML's to judge; inside raw components it is the author's
    if (!isMjml(name) && (!inside || UNCHECKED_CONTENT.has(inside.name))) continue;
    if (inside && UNCHECKED_CONTENT.has(inside.name) && name !== inside.name) continue;
    if (slash) {
      if (!VOID_ELEMENTS.has(name)) close(stack, name, line, report);
    } else if (!rest.trimEnd().endsWith('/') && !(VOID_ELEMENTS.has(name) && !isMjml(name))) {
      stack.push({ name, line });
    }
  }
  for (const open of stack) {
    if (!OPTIONAL_END.has(open.name)) report(open.line, `<${open.name}> is never closed: add </${open.name}>.`);
  }
  return issues;
}

/** Closes `name`; reports the elements it leaves unclosed (at their line), or that nothing matches it. */
function close(stack: Open[], name: string, line: number, report: (line: number, message: string) => void): void {
  const at = stack.map((o) => o.name).lastIndexOf(name);
  if (at < 0) {
    report(line, `</${name}> closes nothing: no <${name}> is open here.`);
    return;
  }
  for (const open of stack.splice(at).slice(1)) {
    if (!OPTIONAL_END.has(open.name)) report(open.line, `<${open.name}> is not closed: </${name}> on line ${line} comes first. Add </${open.name}> before it.`);
  }
}

/** Offset → 1-based line. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
