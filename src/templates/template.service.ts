import { z } from 'zod';
import type { EventType, EventTypeCatalog } from '../event-types/event-type-catalog';
import { AppError, notFound } from '../shared/errors';
import type { SenderKinds } from '../senders/kinds/registry';
import { parseOrThrow } from '../shared/validation';
import type { Store } from '../stores.port';
import { builtinTypeOf } from './builtin-templates';
import type { TemplateRegistry } from './template-registry';
import type { RenderedEmail, TemplateRef } from './template.port';
import { templateIdSchema, type TemplateInput, type TemplateRecord } from './template.record';
import { formatIssue, type TemplateIssue } from './template-issue';

/** `POST /v1/templates/{id}/render`: `type` is one of the catalog's. */
export const renderRequestSchema = (eventTypes: EventTypeCatalog) =>
  z.object({
    type: eventTypes.typeSchema.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  });

export type RenderRequest = z.infer<ReturnType<typeof renderRequestSchema>>;

/** A template as the API lists it: stored ones carry a version, built-ins say so. */
export type TemplateView = (TemplateRecord & { builtin: false }) | (TemplateInput & { id: string; builtin: true; type: EventType });

/** Stored templates: validate and compile at PUT, guard deletes, render previews. */
export class TemplateService {
  constructor(
    private readonly store: Store,
    private readonly registry: TemplateRegistry,
    private readonly eventTypes: EventTypeCatalog,
    private readonly senderKinds: SenderKinds,
  ) {}

  async put(id: string, input: TemplateInput): Promise<{ created: boolean; value: TemplateRecord }> {
    parseOrThrow(templateIdSchema, id, 'template id');
    if (id.startsWith('builtin.')) throw new AppError('validation_failed', "ids starting with 'builtin.' are reserved for the built-in templates");
    const prepared = await this.registry.prepare(input);
    if (!('keep' in prepared)) {
      const { issues } = prepared;
      throw new AppError('template_invalid', `The template has ${issues.length} problem(s): ${issues.map(formatIssue).join('; ')}`, issues);
    }
    const result = await this.store.templates.put(id, input);
    prepared.keep(result.value);
    return result;
  }

  async list(): Promise<TemplateView[]> {
    const stored = (await this.store.templates.list()).map((t) => ({ ...t, builtin: false as const }));
    const builtins = this.registry.builtins().map((t) => ({ ...t, builtin: true as const }));
    return [...builtins, ...stored.sort((a, b) => a.id.localeCompare(b.id))];
  }

  async get(id: string): Promise<TemplateView> {
    const builtin = this.registry.builtins().find((t) => t.id === id);
    if (builtin) return { ...builtin, builtin: true };
    const stored = await this.store.templates.get(id);
    if (!stored) throw notFound('template', id);
    return { ...stored, builtin: false };
  }

  /** 409 while a sender configuration still names the template. */
  async delete(id: string): Promise<void> {
    const users = (await this.store.senders.listConfigs()).filter((s) => this.senderKinds.of(s.config).storedTemplate(s.config) === id);
    if (users.length > 0) {
      const names = users.map((s) => (s.organizationId ? `${s.organizationId}/${s.eventType}` : s.eventType));
      throw new AppError('conflict', `template '${id}' is used by sender(s) ${names.join(', ')}; point them elsewhere first`, { senders: names });
    }
    if (!(await this.store.templates.delete(id))) throw notFound('template', id);
  }

  /** Renders with the given event data, or realistic sample data for the type (in the preview thread: bounded, off the event loop). */
  async render(id: string, request: RenderRequest): Promise<RenderedEmail> {
    const builtinType = builtinTypeOf(id, this.eventTypes);
    const type = request.type ?? builtinType;
    if (!type) throw new AppError('validation_failed', 'Say which event type to render for', [{ path: 'type', message: 'required for stored templates' }]);
    if (builtinType && builtinType !== type) {
      throw new AppError('validation_failed', `${id} is the template for ${builtinType}, not ${type}`, [{ path: 'type', message: `must be ${builtinType}` }]);
    }
    const ref = builtinType ? ({ kind: 'builtin', type } as const) : await this.latest(id);
    return this.registry.renderPreview(ref, this.variablesFor(type, request.data));
  }

  /**
   * An editor's live preview: the draft compiled (not stored) and rendered with the type's
   * sample data or `data`. Its problems come back with line numbers, as a PUT would list them.
   */
  async preview(input: TemplateInput, type: EventType, data?: Record<string, unknown>): Promise<{ issues: TemplateIssue[]; email: RenderedEmail | null }> {
    return this.registry.renderDraft(input, this.variablesFor(type, data));
  }

  /** The merge variables of `data` (validated as the type's event data), or of the type's sample, for the sample recipient. */
  private variablesFor(type: EventType, data?: Record<string, unknown>): Record<string, unknown> {
    const sample = this.eventTypes.sample(type);
    const parsed = data ? parseOrThrow(this.eventTypes.schema, { type, data }, 'event data').data : sample.data;
    return this.eventTypes.resolveVariables(type, parsed, { user: sample.user, organization: sample.organization, now: new Date() });
  }

  private async latest(id: string): Promise<TemplateRef> {
    const stored = await this.store.templates.get(id);
    if (!stored) throw notFound('template', id);
    return { kind: 'stored', id, version: stored.version };
  }
}
