import type { EventType } from '../event-types/define-event-type';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Which template to render: a built-in one, or a stored one pinned to a version. */
export type TemplateRef = { kind: 'builtin'; type: EventType } | { kind: 'stored'; id: string; version: number };

/** Renders compiled templates (MJML compiled once per template version; Handlebars per message). */
export interface TemplateRenderer {
  render(ref: TemplateRef, variables: Record<string, unknown>): Promise<RenderedEmail>;
  /** A sender's subject override, itself Handlebars (`Order {{orderid}} received`). */
  renderSubject(subject: string, variables: Record<string, unknown>): string;
}
