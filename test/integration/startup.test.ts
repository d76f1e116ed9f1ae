import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/redis-server';

const root = join(__dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/main.ts` as `npm start` would, with a clean environment plus `env`. */
function startHerald(env: Record<string, string>, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void, cwd = root): Promise<Run> {
  return new Promise((resolve) => {
    // node itself (not the tsx wrapper), so a signal reaches Herald and not a parent process
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    // 'close', not 'exit': stdout may still hold the last lines when the process exits
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('startup', () => {
  test('when RETRY_SCHEDULE is malformed, then Herald exits 1 naming the variable and the expected form', async () => {
    const run = await startHerald({ RETRY_SCHEDULE: '5,soon,30' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('RETRY_SCHEDULE: must be comma-separated non-negative seconds');
    expect(run.stderr).toContain('"5,soon,30"');
  });

  test('when NODE_ENV=production lacks its mandatory variables, then Herald exits 1 with one line per variable', async () => {
    const run = await startHerald({ NODE_ENV: 'production' });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.trim().startsWith('- '));
    expect(lines).toEqual([
      '  - ADMIN_API_KEY: is required when NODE_ENV=production',
      '  - SECRETS_KEY: is required when NODE_ENV=production',
      '  - REDIS_URL: is required when NODE_ENV=production',
    ]);
  });

  test('when several built-in templates are broken, then startup lists every problem of each, one line each, and exits 1', async () => {
    // a copy of the sources and templates (Herald reads templates/ beside src/), broken in three places
    const dir = await mkdtemp(join(tmpdir(), 'herald-startup-'));
    try {
      await Promise.all(['src', 'templates', 'package.json'].map((p) => cp(join(root, p), join(dir, p), { recursive: true })));
      await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
      const shipped = join(dir, 'templates', 'order.shipped', 'body.mjml');
      const body = (await readFile(shipped, 'utf8')).split('\n');
      const at = body.findIndex((l) => l.includes('<mj-text'));
      body[at] = (body[at] ?? '').replace('</mj-text>', '');
      await writeFile(shipped, body.join('\n'));
      await writeFile(join(dir, 'templates', 'user.password_reset', 'text.hbs'), 'Hello\n{{shout firstname}}\n');
      await writeFile(join(dir, 'templates', 'order.submitted', 'subject.hbs'), 'Order {{#if orderid}}\n');

      const run = await startHerald({}, undefined, dir);
      expect(run.code).toBe(1);
      const problems = run.stderr.split('\n').filter((l) => l.startsWith('  - '));
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`^  - ${join(dir, 'templates', 'order.submitted', 'subject.hbs')}:1(:\\d+)?: `)),
        expect.stringMatching(new RegExp(`^  - ${shipped}:${at + 1}: <mj-text> is not closed`)),
        expect.stringMatching(new RegExp(`^  - ${join(dir, 'templates', 'user.password_reset', 'text.hbs')}:2:1: Unknown helper "shout"`)),
      ]);
      expect(run.stderr).toContain('3 built-in templates are invalid');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test('when running and sent SIGTERM, then Herald stops and exits 0', async () => {
    const port = await freePort();
    const run = await startHerald({ PORT: String(port) }, (out, child) => {
      if (out.includes('Herald is listening') && !child.killed) child.kill('SIGTERM');
    });
    expect(run.stdout).toContain(`"url":"http://127.0.0.1:${port}"`);
    expect(run.stdout).toContain('the API is unauthenticated, so Herald listens on loopback only');
    expect(run.stdout).toContain('"msg":"stopped"');
    expect(run.code).toBe(0);
  }, 30_000);
});
