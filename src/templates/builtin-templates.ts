import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EVENT_TYPES, isEventType, type EventType } from '../events/event.schema';
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
export function builtinTypeOf(id: string): EventType | undefined {
  const type = id.startsWith(PREFIX) ? id.slice(PREFIX.length) : '';
  return isEventType(type) ? type : undefined;
}

const FILES = { subject: 'subject.hbs', mjml: 'body.mjml', text: 'text.hbs' } as const;

/** Reads `templates/<type>/{subject.hbs, body.mjml, text.hbs}` for every event type. */
export async function readBuiltinTemplates(templatesDir: string): Promise<BuiltinTemplate[]> {
  return Promise.all(
    EVENT_TYPES.map(async (type) => {
      const dir = path.join(templatesDir, type);
      const read = (file: string): Promise<string> => readFile(path.join(dir, file), 'utf8');
      const [subject, mjml, text] = await Promise.all([read(FILES.subject), read(FILES.mjml), read(FILES.text)]);
      return { id: builtinTemplateId(type), type, subject: subject.trim(), mjml, text };
    }),
  );
}

/**
 * Startup's error for the built-in templates that do not compile: one `file:line: message`
 * line per issue, across every broken template, so one restart shows everything to fix.
 */
export function builtinError(
  templatesDir: string,
  failures: { template: BuiltinTemplate; error: TemplateCompileError }[],
  partialLines: string[] = [],
): Error {
  const lines = failures.flatMap(({ template, error }) =>
    error.issues.map((issue) => {
      const file = path.join(templatesDir, template.type, FILES[issue.source]);
      return `${file}:${issue.line}${issue.column ? `:${issue.column}` : ''}: ${issue.message}`;
    }),
  );
  const broken = [...failures.map(({ template }) => template.id), ...(partialLines.length > 0 ? ['partials'] : [])];
  const what = broken.length === 1 ? `a built-in template is invalid (${broken.join('')})` : `${broken.length} built-in templates are invalid (${broken.join(', ')})`;
  return new Error(`${what}:\n${[...lines, ...partialLines].map((l) => `  - ${l}`).join('\n')}`, {
    cause: failures.flatMap(({ error }) => error.issues.map(formatIssue)),
  });
}
