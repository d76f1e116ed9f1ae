import path from 'node:path';
import type { TemplateRecord } from '../../../src/templates/template.record';
import { TemplateRegistry, type TemplateSourceLookup } from '../../../src/templates/template-registry';
import type { MjmlCompile } from '../../../src/templates/mjml-compiler';

/** The repo's built-in templates folder. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

/** An in-memory template store that counts lookups. */
export class FakeTemplateSource implements TemplateSourceLookup {
  readonly records = new Map<string, TemplateRecord>();
  lookups = 0;

  put(id: string, version: number, input: Pick<TemplateRecord, 'subject' | 'mjml' | 'text'>): TemplateRecord {
    const record: TemplateRecord = { id, version, ...input, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' };
    this.records.set(`${id}@${version}`, record);
    return record;
  }

  async get(id: string, version?: number): Promise<TemplateRecord | null> {
    this.lookups += 1;
    return this.records.get(`${id}@${version ?? 1}`) ?? null;
  }
}

export function createRegistry(source = new FakeTemplateSource(), mjmlCompile?: MjmlCompile, templatesDir = TEMPLATES_DIR): Promise<TemplateRegistry> {
  return TemplateRegistry.create({ templatesDir, source, ...(mjmlCompile ? { mjmlCompile } : {}) });
}

/** A small valid MJML body around some content lines (content starts on line 5). */
export function mjmlDoc(...content: string[]): string {
  return ['<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-column>', ...content, '      </mj-column>', '    </mj-section>', '  </mj-body>', '</mjml>'].join('\n');
}
