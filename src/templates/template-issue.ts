/** Which part of a template an issue is in. */
export type TemplateSource = 'mjml' | 'subject' | 'text';

/** One problem found in a template, located so its author can fix it. */
export interface TemplateIssue {
  source: TemplateSource;
  /** 1-based line in that source. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

/** Thrown when a template cannot be compiled; `issues` says where and why. */
export class TemplateCompileError extends Error {
  constructor(
    readonly issues: TemplateIssue[],
    what = 'template',
  ) {
    super(`The ${what} is invalid: ${issues.map(formatIssue).join('; ')}`);
    this.name = 'TemplateCompileError';
  }
}

export function formatIssue(issue: TemplateIssue): string {
  const column = issue.column ? `:${issue.column}` : '';
  return `${issue.source} line ${issue.line}${column}: ${issue.message}`;
}
