import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mjmlThread, type MjmlCompile, type MjmlResult } from '../../src/templates/mjml-compiler';

/** The run's cache folder, made by global-setup (absent when a test runs without it). */
const DIR = process.env.HERALD_TEST_MJML_CACHE;

const memory = new Map<string, Promise<MjmlResult>>();

async function compileOrRead(source: string): Promise<MjmlResult> {
  const file = DIR ? path.join(DIR, `${createHash('sha256').update(source).digest('hex')}.json`) : null;
  if (file) {
    const kept = await readFile(file, 'utf8').catch(() => null);
    if (kept !== null) return JSON.parse(kept) as MjmlResult;
  }
  const result = await mjmlThread().compile(source);
  if (file) {
    // written whole then renamed: another jest worker may read it meanwhile
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(result));
    await rename(partial, file);
  }
  return result;
}

/**
 * MJML output by source for test Heralds. Every Herald compiles the same 23 built-in
 * templates at startup: on a loaded machine that alone outlasted a hook's timeout, once per
 * Herald. Kept in memory per test file and on disk per run, so a run compiles each distinct
 * template once. MJML is deterministic, so a kept answer is the answer. Tests that count
 * compiles pass their own compiler; a failed compile (the thread ended) is not kept.
 */
export const cachedMjml: MjmlCompile = (source) => {
  let result = memory.get(source);
  if (!result) {
    result = compileOrRead(source);
    memory.set(source, result);
    result.catch(() => memory.delete(source));
  }
  return result;
};
