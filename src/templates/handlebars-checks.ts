import type Handlebars from 'handlebars';
import type { TemplateIssue, TemplateSource } from './template-issue';

type Hbs = typeof Handlebars;
type Node = hbs.AST.Node;

/** Names that lead to prototypes; templates may not name them at all. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

export interface CheckOptions {
  source: TemplateSource;
  helpers: ReadonlySet<string>;
  /** Partials usable here; empty where partials make no sense (subject, text). */
  partials: ReadonlySet<string>;
}

/** Parses Handlebars, turning a syntax error into an issue with its line (and column when known). */
export function parseHandlebars(hb: Hbs, text: string, source: TemplateSource): { ast?: hbs.AST.Program; issues: TemplateIssue[] } {
  try {
    return { ast: hb.parse(text), issues: [] };
  } catch (error) {
    const err = error as { message?: unknown; lineNumber?: unknown; column?: unknown };
    const raw = typeof err.message === 'string' ? err.message : String(error);
    const line = typeof err.lineNumber === 'number' ? err.lineNumber : Number(/line (\d+)/.exec(raw)?.[1] ?? 1);
    const column = typeof err.column === 'number' ? err.column + 1 : undefined;
    const lines = raw.split('\n');
    const caret = lines.findIndex((l) => /^-*\^$/.test(l));
    // jison errors read "Parse error on line N:", the source excerpt, a caret line, then what it expected
    const near = caret > 0 ? ` near "${(lines[caret - 1] ?? '').trim()}"` : '';
    const detail = (caret >= 0 ? lines.slice(caret + 1).join(' ') : raw).trim();
    const message =
      `Handlebars cannot parse this${near}: ${detail}. Check that every {{ has a matching }}, ` +
      'and every {{#block}} is closed by a matching {{/block}}.';
    return { issues: [{ source, line, ...(column ? { column } : {}), message }] };
  }
}

function at(node: Node, opts: CheckOptions, message: string): TemplateIssue {
  return { source: opts.source, line: node.loc.start.line, column: node.loc.start.column + 1, message };
}

function helperIssue(node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, opts: CheckOptions): TemplateIssue[] {
  const isCall = node.type === 'SubExpression' || node.params.length > 0 || node.hash?.pairs.length > 0;
  if (!isCall || node.path.type !== 'PathExpression') return [];
  const path = node.path as hbs.AST.PathExpression;
  const simple = path.parts.length === 1 && !path.data && path.depth === 0 && !path.original.startsWith('this');
  if (simple && opts.helpers.has(path.original)) return [];
  const available = [...opts.helpers].sort().join(', ');
  return [at(node, opts, `Unknown helper "${path.original}". Use one of: ${available}.`)];
}

function partialIssue(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, opts: CheckOptions): TemplateIssue[] {
  if (node.type === 'PartialBlockStatement') return [at(node, opts, 'Partial blocks ({{#> …}}) are not supported; use {{> header}} or {{> footer}}.')];
  const name = node.name.type === 'PathExpression' ? (node.name as hbs.AST.PathExpression).original : undefined;
  if (opts.partials.size === 0) {
    return [at(node, opts, `Partials cannot be used in the ${opts.source}; they are MJML fragments and only work in the mjml.`)];
  }
  if (name === undefined || !opts.partials.has(name)) {
    const shown = name === undefined ? 'a dynamic partial' : `"${name}"`;
    return [at(node, opts, `Unknown partial ${shown}. Use one of: ${[...opts.partials].sort().join(', ')} (partials are never loaded from files).`)];
  }
  if (node.params.length > 0 || node.hash?.pairs.length > 0) {
    return [at(node, opts, `Partial "${name}" takes no arguments; write {{> ${name}}}.`)];
  }
  return [];
}

/** The union of the child-bearing fields of Handlebars AST nodes. */
interface ParentNode extends Node {
  body?: Node[];
  params?: Node[];
  hash?: { pairs: { value: Node }[] };
  path?: Node;
  program?: Node;
  inverse?: Node;
}

function children(node: Node): Node[] {
  const n = node as ParentNode;
  const kids: Node[] = [...(n.body ?? []), ...(n.params ?? []), ...(n.hash?.pairs.map((p) => p.value) ?? [])];
  if (n.path) kids.push(n.path);
  if (n.program) kids.push(n.program);
  if (n.inverse) kids.push(n.inverse);
  return kids;
}

function nodeIssues(node: Node, opts: CheckOptions): TemplateIssue[] {
  switch (node.type) {
    case 'MustacheStatement':
    case 'BlockStatement':
    case 'SubExpression':
      return helperIssue(node as hbs.AST.MustacheStatement, opts);
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return partialIssue(node as hbs.AST.PartialStatement, opts);
    case 'Decorator':
    case 'DecoratorBlock':
      return [at(node, opts, 'Decorators ({{* …}}) are not supported.')];
    case 'PathExpression': {
      const bad = (node as hbs.AST.PathExpression).parts.find((part) => FORBIDDEN_NAMES.has(part));
      return bad ? [at(node, opts, `"${bad}" cannot be used in a template: prototype properties are not readable. Use a merge variable name instead.`)] : [];
    }
    case 'StringLiteral': {
      const value = (node as hbs.AST.StringLiteral).value;
      return FORBIDDEN_NAMES.has(value) ? [at(node, opts, `"${value}" cannot be looked up: prototype properties are not readable.`)] : [];
    }
    default:
      return [];
  }
}

/** Every helper, partial and forbidden-name problem in a parsed template. */
export function checkHandlebars(ast: hbs.AST.Program, opts: CheckOptions): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const stack: Node[] = [ast];
  for (let node = stack.pop(); node; node = stack.pop()) {
    issues.push(...nodeIssues(node, opts));
    // partial names are not variables; their children are checked by partialIssue
    if (node.type !== 'PartialStatement') stack.push(...children(node));
  }
  return issues.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** The partial statements of a template, in source order (for inlining MJML partials). */
export function partialStatements(ast: hbs.AST.Program): hbs.AST.PartialStatement[] {
  const found: hbs.AST.PartialStatement[] = [];
  const stack: Node[] = [ast];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'PartialStatement') found.push(node as hbs.AST.PartialStatement);
    else stack.push(...children(node));
  }
  return found.sort((a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column);
}
