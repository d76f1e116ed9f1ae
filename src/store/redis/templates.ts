import type { Redis } from 'ioredis';
import type { TemplateInput, TemplateRecord } from '../../templates/template.record';
import type { TemplateStore } from '../../templates/template.store';
import type { RedisKeys } from './keys';
import * as scripts from './scripts';
import type { PutResult } from '../../shared/page';

/**
 * Templates in Redis: every version of a template plus the set of live ids, changed
 * atomically by Lua scripts (see scripts.ts). The store maps connection errors.
 */
export class RedisTemplates implements TemplateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async put(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>> {
    const updatedAt = new Date().toISOString();
    const body = JSON.stringify({ ...input, updatedAt });
    const keys = [this.keys.template(id), this.keys.templateIds()];
    const [version, createdAt, fresh] = (await scripts.putTemplate.run(this.redis, keys, [id, body, updatedAt])) as [number, string, number];
    return { created: fresh === 1, value: { ...input, id, version, createdAt, updatedAt } };
  }
  async get(id: string, version?: number): Promise<TemplateRecord | null> {
    const found = (await scripts.getTemplate.run(this.redis, [this.keys.template(id)], [version ?? ''])) as [number, string, string] | null;
    if (!found) return null;
    const [v, createdAt, body] = found;
    return { ...(JSON.parse(body) as TemplateInput & { updatedAt: string }), id, version: v, createdAt };
  }
  async list(): Promise<TemplateRecord[]> {
    const ids = await this.redis.smembers(this.keys.templateIds());
    const all = await Promise.all(ids.sort().map((id) => this.get(id)));
    return all.filter((t): t is TemplateRecord => t !== null);
  }
  async delete(id: string): Promise<boolean> {
    const keys = [this.keys.template(id), this.keys.templateIds()];
    return (await scripts.deleteTemplate.run(this.redis, keys, [id])) === 1;
  }
}
