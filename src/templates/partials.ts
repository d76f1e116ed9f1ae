import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { partialStatements } from './handlebars-checks';

/** Named MJML fragments (`templates/partials/<name>.mjml`), registered explicitly at startup. */
export type PartialSet = ReadonlyMap<string, { source: string; file: string }>;

/** Where a line of the expanded MJML came from. */
export interface LineOrigin {
  /** Line in the author's template (for a partial: the line of its `{{> name}}`). */
  line: number;
  /** Set when the line comes from a partial: its file and the line inside it. */
  partial?: { name: string; file: string; line: number };
}

export interface ExpandedMjml {
  source: string;
  /** `origins[n - 1]` says where line n of `source` came from. */
  origins: LineOrigin[];
}

/** Reads every `*.mjml` file of a partials folder. */
export async function loadPartials(dir: string): Promise<PartialSet> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.mjml')).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      return [path.basename(name, '.mjml'), { source: await readFile(file, 'utf8'), file }] as const;
    }),
  );
  return new Map(entries);
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') offsets.push(i + 1);
  return offsets;
}

/** Appends text whose lines come from `originOf(k)` (k = 0 for the chunk's first line). */
function append(out: ExpandedMjml, text: string, originOf: (k: number) => LineOrigin): void {
  const lines = text.split('\n');
  const current = out.source.slice(out.source.lastIndexOf('\n') + 1);
  // a line keeps the origin of its first non-blank content
  if (out.origins.length === 0 || current.trim() === '') out.origins[Math.max(out.origins.length - 1, 0)] = originOf(0);
  for (let k = 1; k < lines.length; k += 1) out.origins.push(originOf(k));
  out.source += text;
}

/**
 * Inlines `{{> name}}` with the partial's MJML before MJML compiles (MJML would drop the
 * token otherwise), keeping a map from expanded lines back to the author's lines.
 * Unknown partials are left as they are (validation reports them).
 */
export function expandPartials(ast: hbs.AST.Program, mjml: string, partials: PartialSet): ExpandedMjml {
  const offsets = lineOffsets(mjml);
  const offsetOf = (pos: hbs.AST.Position): number => (offsets[pos.line - 1] ?? 0) + pos.column;
  const out: ExpandedMjml = { source: '', origins: [] };
  let cursor = 0;
  for (const statement of partialStatements(ast)) {
    const name = statement.name.type === 'PathExpression' ? (statement.name as hbs.AST.PathExpression).original : '';
    const partial = partials.get(name);
    if (!partial) continue;
    const start = offsetOf(statement.loc.start);
    const firstLine = statement.loc.start.line - (mjml.slice(cursor, start).split('\n').length - 1);
    append(out, mjml.slice(cursor, start), (k) => ({ line: firstLine + k }));
    const includedAt = statement.loc.start.line;
    append(out, partial.source.replace(/\n$/, ''), (k) => ({ line: includedAt, partial: { name, file: partial.file, line: k + 1 } }));
    cursor = offsetOf(statement.loc.end);
  }
  const lastLine = mjml.slice(0, cursor).split('\n').length;
  append(out, mjml.slice(cursor), (k) => ({ line: lastLine + k }));
  return out;
}
