import { z } from 'zod';
import { eventInputSchema, eventTypeSchema, type EventType } from '../events/event.schema';
import { sampleEvent } from '../events/samples';
import { AppError, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/validation';
import type { Store } from '../store/store.port';
import { resolveVariables } from '../variables/resolve-variables';
import { builtinTypeOf } from './builtin-templates';
import type { TemplateRegistry } from './template-registry';
import type { RenderedEmail, TemplateRef } from './template.port';
import type { TemplateInput, TemplateRecord } from './template.record';
import { formatIssue } from './template-issue';

export const templateIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 characters of letters, digits, _ . -');

export const renderRequestSchema = z.object({
  type: eventTypeSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** A template as the API lists it: stored ones carry a version, built-ins say so. */
export type TemplateView = (TemplateRecord & { builtin: false }) | (TemplateInput & { id: string; builtin: true; type: EventType });

/** Stored templates: validate and compile at PUT, guard deletes, render previews. */
export class TemplateService {
  constructor(
    private readonly store: Store,
    private readonly registry: TemplateRegistry,
  ) {}

  async put(id: string, input: TemplateInput): Promise<{ created: boolean; value: TemplateRecord }> {
    parseOrThrow(templateIdSchema, id, 'template id');
    if (id.startsWith('builtin.')) throw new AppError('validation_failed', "ids starting with 'builtin.' are reserved for the built-in templates");
    const prepared = await this.registry.prepare(input);
    if (!('keep' in prepared)) {
      const { issues } = prepared;
      throw new AppError('template_invalid', `The template has ${issues.length} problem(s): ${issues.map(formatIssue).join('; ')}`, issues);
    }
    const result = await this.store.putTemplate(id, input);
    prepared.keep(result.value);
    return result;
  }

  async list(): Promise<TemplateView[]> {
    const stored = (await this.store.listTemplates()).map((t) => ({ ...t, builtin: false as const }));
    const builtins = this.registry.builtins().map((t) => ({ ...t, builtin: true as const }));
    return [...builtins, ...stored.sort((a, b) => a.id.localeCompare(b.id))];
  }

  async get(id: string): Promise<TemplateView> {
    const builtin = this.registry.builtins().find((t) => t.id === id);
    if (builtin) return { ...builtin, builtin: true };
    const stored = await this.store.getTemplate(id);
    if (!stored) throw notFound('template', id);
    return { ...stored, builtin: false };
  }

  /** 409 while a sender configuration still names the template. */
  async delete(id: string): Promise<void> {
    const users = (await this.store.listSenderConfigs()).filter(
      (s) => (s.config.kind === 'default-mandrill' || s.config.kind === 'custom-mandrill') && s.config.templateId === id,
    );
    if (users.length > 0) {
      const names = users.map((s) => (s.organizationId ? `${s.organizationId}/${s.eventType}` : s.eventType));
      throw new AppError('conflict', `template '${id}' is used by sender(s) ${names.join(', ')}; point them elsewhere first`, { senders: names });
    }
    if (!(await this.store.deleteTemplate(id))) throw notFound('template', id);
  }

  /** Renders with the given event data, or realistic sample data for the type (in the preview thread: bounded, off the event loop). */
  async render(id: string, request: z.infer<typeof renderRequestSchema>): Promise<RenderedEmail> {
    const builtinType = builtinTypeOf(id);
    const type = request.type ?? builtinType;
    if (!type) throw new AppError('validation_failed', 'Say which event type to render for', [{ path: 'type', message: 'required for stored templates' }]);
    if (builtinType && builtinType !== type) {
      throw new AppError('validation_failed', `${id} is the template for ${builtinType}, not ${type}`, [{ path: 'type', message: `must be ${builtinType}` }]);
    }
    const ref = builtinType ? ({ kind: 'builtin', type } as const) : await this.latest(id);
    const sample = sampleEvent(type);
    const data = request.data ? parseOrThrow(eventInputSchema, { type, data: request.data }, 'event data').data : sample.data;
    const variables = resolveVariables(type, data, { user: sample.user, organization: sample.organization, now: new Date() });
    return this.registry.renderPreview(ref, variables);
  }

  private async latest(id: string): Promise<TemplateRef> {
    const stored = await this.store.getTemplate(id);
    if (!stored) throw notFound('template', id);
    return { kind: 'stored', id, version: stored.version };
  }
}
