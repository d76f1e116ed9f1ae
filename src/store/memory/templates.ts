import type { PutResult } from '../../shared/page';
import type { TemplateInput, TemplateRecord } from '../../templates/template.record';
import type { TemplateStore } from '../../templates/template.store';
import { copy } from './copy';

/** Every version of every template, in a plain map. */
export class MemoryTemplates implements TemplateStore {
  private readonly templates = new Map<string, TemplateRecord[]>();
  /** Deleted templates keep their versions for pinned messages (see delete). */
  private readonly deleted = new Set<string>();

  constructor(private readonly now: () => Date) {}

  async put(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>> {
    const versions = this.templates.get(id) ?? [];
    const fresh = versions.length === 0 || this.deleted.delete(id);
    const at = this.now().toISOString();
    const createdAt = fresh ? at : (versions[0]?.createdAt ?? at);
    const value: TemplateRecord = { ...copy(input), id, version: versions.length + 1, createdAt, updatedAt: at };
    this.templates.set(id, [...versions, value]);
    return { created: fresh, value: copy(value) };
  }
  async get(id: string, version?: number): Promise<TemplateRecord | null> {
    const versions = this.templates.get(id) ?? [];
    if (version === undefined && this.deleted.has(id)) return null;
    const found = version === undefined ? versions.at(-1) : versions.find((t) => t.version === version);
    return copy(found ?? null);
  }
  async list(): Promise<TemplateRecord[]> {
    const live = [...this.templates.keys()].filter((id) => !this.deleted.has(id));
    return live.sort().flatMap((id) => copy(this.templates.get(id)?.slice(-1) ?? []));
  }
  /** Hides the template; its versions stay readable for messages pinned to them. */
  async delete(id: string): Promise<boolean> {
    if (!this.templates.has(id) || this.deleted.has(id)) return false;
    this.deleted.add(id);
    return true;
  }
}
