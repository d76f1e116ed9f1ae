import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventType, EventTypeDefinition } from '../event-types/define-event-type';
import type { TemplateInput } from './template.record';
import { formatIssue, TemplateCompileError } from './template-issue';

const PREFIX = 'builtin.';

/** A built-in template and its sources, as listed by `GET /v1/templates`. */
export interface BuiltinTemplate extends Required<TemplateInput> {
  id: string;
  type: EventType;
}

/** `builtin.order.submitted` for `order.submitted`. */
export function builtinTemplateId(type: EventType): string {
  return `${PREFIX}${type}`;
}

/** The event type of a built-in template id, or undefined when the id is not a built-in one. */
export function builtinTypeOf(id: string, eventTypes: { has(type: string): boolean }): EventType | undefined {
  const type = id.startsWith(PREFIX) ? id.slice(PREFIX.length) : '';
  return eventTypes.has(type) ? type : undefined;
}

/** Where an event type's built-in template is, and for which type. */
export type BuiltinTemplateSource = Pick<EventTypeDefinition, 'type' | 'templatesDir'>;

/** Its folder: the type's pointer, under `templatesDir` unless absolute. */
export function builtinTemplateDir(templatesDir: string, source: BuiltinTemplateSource): string {
  return path.resolve(templatesDir, source.templatesDir);
}

const FILES = { subject: 'subject.hbs', mjml: 'body.mjml', text: 'text.hbs' } as const;

/** Reads `{subject.hbs, body.mjml, text.hbs}` of every event type, from its own folder. */
export async function readBuiltinTemplates(templatesDir: string, sources: readonly BuiltinTemplateSource[]): Promise<BuiltinTemplate[]> {
  return Promise.all(
    sources.map(async (source) => {
      const dir = builtinTemplateDir(templatesDir, source);
      const read = (file: string): Promise<string> => readFile(path.join(dir, file), 'utf8');
      const [subject, mjml, text] = await Promise.all([read(FILES.subject), read(FILES.mjml), read(FILES.text)]);
      return { id: builtinTemplateId(source.type), type: source.type, subject: subject.trim(), mjml, text };
    }),
  );
}

/**
 * Startup's error for the built-in templates that do not compile: one `file:line: message`
 * line per issue, across every broken template, so one restart shows everything to fix.
 */
export function builtinError(failures: { template: BuiltinTemplate; dir: string; error: TemplateCompileError }[], partialLines: string[] = []): Error {
  const lines = failures.flatMap(({ dir, error }) =>
    error.issues.map((issue) => {
      const file = path.join(dir, FILES[issue.source]);
      return `${file}:${issue.line}${issue.column ? `:${issue.column}` : ''}: ${issue.message}`;
    }),
  );
  const broken = [...failures.map(({ template }) => template.id), ...(partialLines.length > 0 ? ['partials'] : [])];
  const what = broken.length === 1 ? `a built-in template is invalid (${broken.join('')})` : `${broken.length} built-in templates are invalid (${broken.join(', ')})`;
  return new Error(`${what}:\n${[...lines, ...partialLines].map((l) => `  - ${l}`).join('\n')}`, {
    cause: failures.flatMap(({ error }) => error.issues.map(formatIssue)),
  });
}
