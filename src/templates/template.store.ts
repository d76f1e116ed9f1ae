import type { PutResult } from '../shared/page';
import type { TemplateInput, TemplateRecord } from './template.record';

/** Stored custom templates, every version kept for the messages pinned to it. */
export interface TemplateStore {
  /** Stores a new version (previous versions are kept for messages pinned to them). */
  put(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>>;
  /** The latest version, or the given one (also of a deleted template). */
  get(id: string, version?: number): Promise<TemplateRecord | null>;
  /** The latest version of each template that is not deleted. */
  list(): Promise<TemplateRecord[]>;
  delete(id: string): Promise<boolean>;
}
