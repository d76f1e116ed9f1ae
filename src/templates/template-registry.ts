import path from 'node:path';
import Handlebars from 'handlebars';
import type { EventType } from '../event-types/define-event-type';
import { AppError, notFound } from '../shared/errors';
import { builtinError, builtinTemplateDir, builtinTemplateId, readBuiltinTemplates, type BuiltinTemplate, type BuiltinTemplateSource } from './builtin-templates';
import { compileTemplate, renderCompiled, type CompiledTemplate, type TemplateToolkit } from './compile';
import { analyseTemplate, checkPart } from './validate-template';
import { BUILTIN_HELPER_NAMES, HELPER_NAMES, registerHelpers } from './helpers';
import { mjmlThread, type MjmlCompile } from './mjml-compiler';
import { tagIssues } from './mjml-tags';
import { loadPartials } from './partials';
import { PreviewThread } from './preview-thread';
import type { RenderedEmail, TemplateRef, TemplateRenderer } from './template.port';
import type { TemplateInput, TemplateRecord } from './template.record';
import type { TemplateStore } from './template.store';
import { TemplateCompileError, type TemplateIssue } from './template-issue';

/** Where stored templates come from (the store's templates area). */
export type TemplateSourceLookup = Pick<TemplateStore, 'get'>;

export interface TemplateRegistryOptions {
  /** Folder with `partials/` and the built-in templates (the repo's `templates/`). */
  templatesDir: string;
  /** The event types whose built-in templates are compiled (the catalog's definitions). */
  eventTypes: readonly BuiltinTemplateSource[];
  source: TemplateSourceLookup;
  /** Replaces the real MJML compiler (tests count calls with it). */
  mjmlCompile?: MjmlCompile;
  /** Where previews render (tests give one with a short timeout). */
  preview?: PreviewThread;
}

// prototype access stays off whatever Handlebars' defaults become
const RUNTIME: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
/** Stored template versions kept compiled; the oldest is dropped beyond this. */
const MAX_CACHED = 500;

/**
 * Compiles every template once (MJML → HTML → Handlebars) and renders per message.
 * Built-ins compile at startup (a bad one fails startup); stored templates compile on first
 * use or at PUT time, cached by `id@version`.
 */
export class TemplateRegistry implements TemplateRenderer {
  private readonly stored = new Map<string, Promise<CompiledTemplate>>();
  private readonly subjects = new Map<string, Handlebars.TemplateDelegate<Record<string, unknown>>>();

  private constructor(
    private readonly kit: TemplateToolkit,
    private readonly source: TemplateSourceLookup,
    private readonly builtinSources: BuiltinTemplate[],
    private readonly builtinCompiled: ReadonlyMap<EventType, CompiledTemplate>,
    private readonly preview: PreviewThread,
  ) {}

  /** Loads MJML and the partials, then compiles every built-in template; throws naming file and line. */
  static async create(opts: TemplateRegistryOptions): Promise<TemplateRegistry> {
    const hb = Handlebars.create();
    registerHelpers(hb);
    const [mjml, partials, builtins] = await Promise.all([
      opts.mjmlCompile ?? mjmlThread().compile,
      loadPartials(path.join(opts.templatesDir, 'partials')),
      readBuiltinTemplates(opts.templatesDir, opts.eventTypes),
    ]);
    const kit: TemplateToolkit = { hb, mjml, partials, helpers: new Set([...HELPER_NAMES, ...BUILTIN_HELPER_NAMES]) };
    const compiled = new Map<EventType, CompiledTemplate>();
    // every broken built-in is reported at once, not one per restart
    // builtins come in the order of opts.eventTypes
    const failures: { template: BuiltinTemplate; dir: string; error: TemplateCompileError }[] = [];
    for (const [i, template] of builtins.entries()) {
      try {
        compiled.set(template.type, await compileTemplate(template, kit, template.id));
      } catch (error) {
        if (!(error instanceof TemplateCompileError)) throw error;
        failures.push({ template, dir: builtinTemplateDir(opts.templatesDir, opts.eventTypes[i]), error });
      }
    }
    // MJML copies a partial's text into each template: its tags must balance on their own
    const partialLines = [...partials.values()].flatMap((p) => tagIssues(p.source).map((issue) => `${p.file}:${issue.line}: ${issue.message}`));
    if (failures.length > 0 || partialLines.length > 0) throw builtinError(failures, partialLines);
    // MJML is not needed again until a stored template version is first used: free it now
    if (!opts.mjmlCompile) mjmlThread().release();
    return new TemplateRegistry(kit, opts.source, builtins, compiled, opts.preview ?? new PreviewThread());
  }

  async render(ref: TemplateRef, variables: Record<string, unknown>): Promise<RenderedEmail> {
    const template = 'id' in ref ? await this.storedTemplate(ref.id, ref.version) : this.builtin(ref.type);
    return renderCompiled(template, variables);
  }

  /**
   * A preview (the template API's render and preview): rendered off the event loop in the
   * preview thread, bounded in time and size, so a huge template cannot stall the API.
   */
  async renderPreview(ref: TemplateRef, variables: Record<string, unknown>): Promise<RenderedEmail> {
    const template = 'id' in ref ? await this.storedTemplate(ref.id, ref.version) : this.builtin(ref.type);
    const key = 'id' in ref ? `${ref.id}@${ref.version}` : `builtin:${ref.type}`;
    return this.preview.render({ key, sources: template.sources, variables });
  }

  /**
   * A template that is not stored (an editor's draft), compiled and rendered once: its
   * problems with line numbers, or the email. Nothing is cached: each draft differs.
   */
  async renderDraft(input: TemplateInput, variables: Record<string, unknown>): Promise<{ issues: TemplateIssue[]; email: RenderedEmail | null }> {
    try {
      return { issues: [], email: renderCompiled(await compileTemplate(input, this.kit, 'template'), variables) };
    } catch (error) {
      if (error instanceof TemplateCompileError) return { issues: error.issues, email: null };
      throw error;
    }
  }

  /** Problems in a sender's subject override (same rules as a template subject). */
  validateSubject(subject: string): TemplateIssue[] {
    return checkPart(subject, 'subject', this.kit);
  }

  /** Renders a sender's subject override; each distinct text compiles once. */
  renderSubject(subject: string, variables: Record<string, unknown>): string {
    let compiled = this.subjects.get(subject);
    if (!compiled) {
      const issues = this.validateSubject(subject);
      if (issues.length > 0) throw new TemplateCompileError(issues, 'subject');
      const knownHelpers = Object.fromEntries([...this.kit.helpers].map((name) => [name, true]));
      compiled = this.kit.hb.compile<Record<string, unknown>>(subject, { knownHelpers, knownHelpersOnly: true, noEscape: true });
      if (this.subjects.size >= MAX_CACHED) this.subjects.delete(this.subjects.keys().next().value ?? subject);
      this.subjects.set(subject, compiled);
    }
    return compiled(variables, RUNTIME).replace(/\s+/g, ' ').trim();
  }

  /** Every problem in a template, with line numbers; empty when it can be stored. */
  async validate(input: TemplateInput): Promise<TemplateIssue[]> {
    return (await analyseTemplate(input, this.kit)).issues;
  }

  /**
   * For a PUT: compiles the input once; its problems, or a `keep` that caches that very
   * compilation under the version the store then assigns (no second MJML compile).
   */
  async prepare(input: TemplateInput): Promise<{ issues: TemplateIssue[] } | { issues: []; keep: (record: TemplateRecord) => void }> {
    let compiled: CompiledTemplate;
    try {
      compiled = await compileTemplate(input, this.kit, 'template');
    } catch (error) {
      if (error instanceof TemplateCompileError) return { issues: error.issues };
      throw error;
    }
    return { issues: [], keep: (record) => this.remember(`${record.id}@${record.version}`, Promise.resolve(compiled)) };
  }

  /** The built-in templates with their sources. */
  builtins(): BuiltinTemplate[] {
    return this.builtinSources.map((t) => ({ ...t }));
  }

  private builtin(type: EventType): CompiledTemplate {
    const template = this.builtinCompiled.get(type);
    if (!template) throw notFound('Template', builtinTemplateId(type));
    return template;
  }

  private storedTemplate(id: string, version: number): Promise<CompiledTemplate> {
    return this.cached(id, version, async () => {
      const record = await this.source.get(id, version);
      if (!record) throw notFound('Template', `${id}@${version}`);
      return record;
    });
  }

  /** One compile per id@version, even for concurrent callers; failures are not cached. */
  private cached(id: string, version: number, load: () => Promise<TemplateRecord>): Promise<CompiledTemplate> {
    const key = `${id}@${version}`;
    let entry = this.stored.get(key);
    if (!entry) {
      const pending = load().then((record) => this.compileRecord(record));
      entry = pending;
      this.remember(key, pending);
      pending.catch(() => {
        if (this.stored.get(key) === pending) this.stored.delete(key);
      });
    }
    return entry;
  }

  /** Caches a compilation, dropping the oldest beyond MAX_CACHED. */
  private remember(key: string, compiled: Promise<CompiledTemplate>): void {
    this.stored.set(key, compiled);
    if (this.stored.size > MAX_CACHED) this.stored.delete(this.stored.keys().next().value ?? key);
  }

  private async compileRecord(record: TemplateRecord): Promise<CompiledTemplate> {
    try {
      return await compileTemplate(record, this.kit, `template ${record.id}@${record.version}`);
    } catch (error) {
      if (error instanceof TemplateCompileError) throw new AppError('template_invalid', error.message, error.issues);
      throw error;
    }
  }
}
