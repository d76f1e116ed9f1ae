import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../support/redis-server';

const root = join(__dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/main.ts` as `npm start` would, with a clean environment plus `env`. */
function startHerald(env: Record<string, string>, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve) => {
    // node itself (not the tsx wrapper), so a signal reaches Herald and not a parent process
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
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
