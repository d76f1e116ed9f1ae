import { builtinEventTypes } from '../../src/event-types/catalog';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApi } from '../../src/http/openapi';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const bin = (file: string): string => path.join(ROOT, 'node_modules', file);
/** Local tools only: no telemetry, no update check, nothing fetched. */
const OFFLINE_ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** The operations redocly.yaml explains: public, no input, so no 4xx to describe. */
const KEPT_WARNINGS = ['/healthz', '/readyz', '/metrics', '/openapi.json'].map(
  (p) => `operation-4xx-response #/paths/${p.replaceAll('/', '~1')}/get/responses`,
);

/** A client's code against the generated types: it reads a message's attempts and a page's cursor. */
const CLIENT = `
import type { paths } from './herald';

type MessageDetail = paths['/v1/messages/{id}']['get']['responses'][200]['content']['application/json'];
type MessagePage = paths['/v1/messages']['get']['responses'][200]['content']['application/json'];

export function lastAttempt(message: MessageDetail): { outcome: string; statusCode: number | null } | undefined {
  const attempts = message.attempts;
  return attempts[attempts.length - 1];
}

export function nextCursor(page: MessagePage): string | null {
  const ids: string[] = page.data.map((m) => m.id);
  return ids.length > 0 ? page.nextCursor : null;
}
`;

const TSCONFIG = {
  compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022'], module: 'preserve', types: [], skipLibCheck: true },
  files: ['client.ts'],
};

/** Generates `herald.ts` from the document with openapi-typescript, then type-checks the client; tsc's output on failure. */
async function typeCheckClient(dir: string, doc: object): Promise<{ ok: boolean; output: string }> {
  await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(doc));
  await writeFile(path.join(dir, 'client.ts'), CLIENT);
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  await run(process.execPath, [bin('openapi-typescript/bin/cli.js'), 'openapi.json', '-o', 'herald.ts'], { cwd: dir, env: OFFLINE_ENV });
  try {
    await run(process.execPath, [bin('typescript/bin/tsc'), '-p', dir], { cwd: dir });
    return { ok: true, output: '' };
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

describe('the OpenAPI document with client tooling', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'herald-openapi-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  test('when Redocly lints it with the recommended rules, then there is no error and no warning but the explained ones', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(buildOpenApi(builtinEventTypes()), null, 2));
    const lint = await run(process.execPath, [bin('@redocly/cli/bin/cli.js'), 'lint', '--config', path.join(ROOT, 'redocly.yaml'), '--format', 'json', file], {
      cwd: ROOT,
      env: OFFLINE_ENV,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(lint.stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
    const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(problems.sort()).toEqual([...KEPT_WARNINGS].sort());
  }, 60000);

  test('when a TypeScript client is generated from it, then code reading attempts and nextCursor type-checks', async () => {
    const result = await typeCheckClient(await tempDir(), buildOpenApi(builtinEventTypes()));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 60000);

  test('when the document lacked attempts and nextCursor, then the same client would not type-check', async () => {
    const doc = buildOpenApi(builtinEventTypes()) as { components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> } };
    for (const [schema, field] of [['MessageDetail', 'attempts'], ['MessagePage', 'nextCursor']] as const) {
      const s = doc.components.schemas[schema];
      delete s.properties[field];
      s.required = s.required.filter((f) => f !== field);
    }
    const result = await typeCheckClient(await tempDir(), doc);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Property 'attempts' does not exist");
    expect(result.output).toContain("Property 'nextCursor' does not exist");
  }, 60000);
});
