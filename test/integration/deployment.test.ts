import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** `docker compose` (v2 plugin) or `docker-compose` (v1), whichever this machine has. */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
}

/** One service's block of `docker compose config` output (its lines up to the next service). */
function service(config: string, name: string): string {
  const lines = config.split('\n');
  const start = lines.findIndex((l) => l === `  ${name}:`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^ {0,2}\S/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('deployment files', () => {
  test('when docker compose validates docker-compose.yml, then it is valid with redis, api and two workers', () => {
    const compose = composeCommand();
    if (!compose && process.env.CI !== 'true') {
      process.stderr.write('docker compose not installed: checking docker-compose.yml by reading it only\n');
    } else {
      expect(compose).not.toBeNull();
      const [cmd, ...args] = compose as string[];
      const result = spawnSync(cmd, [...args, '-f', 'docker-compose.yml', 'config'], {
        cwd: root,
        env: { ...process.env, ADMIN_API_KEY: 'a'.repeat(32), SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') },
        encoding: 'utf8',
      });
      expect(result.stderr).not.toMatch(/error|invalid/i);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/replicas: 2/);
      // every Herald service is health-checked by the script that picks its port by ROLE
      for (const name of ['api', 'worker']) {
        expect(service(result.stdout, name)).toMatch(/healthcheck:\s+(?:\S+: \S+\s+)*test:\s+- CMD\s+- node\s+- dist\/src\/healthcheck\.js/);
      }
      expect(service(result.stdout, 'worker')).toMatch(/METRICS_PORT: ['"]?9464['"]?$/m);
      expect(service(result.stdout, 'api')).not.toMatch(/METRICS_PORT/);
      // nothing scrapes by default, and the worker's metrics port is not published
      expect(result.stdout).not.toMatch(/prometheus/i);
      expect(service(result.stdout, 'worker')).not.toMatch(/ports:/);
    }
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(text).toMatch(/--appendonly", "yes"/);
    expect(text).toMatch(/--maxmemory-policy", "noeviction"/);
    // a memory bound Redis enforces (sized in README "Capacity"): full means 503, not an OOM kill
    expect(text).toMatch(/"--maxmemory", "\d+[mg]b"/);
    expect(text).toMatch(/ROLE: worker/);
    expect(text).toMatch(/METRICS_PORT: 9464/);
    expect(text).toContain('healthcheck.js');
  });

  test('when the Dockerfile is read, then it is multi-stage on Node 24 LTS, installs production deps only and runs as non-root', () => {
    const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM .*$/gm)).toEqual(['FROM node:24-trixie-slim AS build', 'FROM node:24-trixie-slim']);
    const final = text.slice(text.lastIndexOf('\nFROM '));
    expect(final).toContain('npm ci --omit=dev --omit=optional');
    expect(final).not.toMatch(/npm run build|tsc/);
    expect(text).toMatch(/^USER node$/m);
  });

  test('when the Dockerfile is read, then its healthcheck runs the compiled healthcheck script and workers have a METRICS_PORT', () => {
    const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^HEALTHCHECK .*CMD \["node", "dist\/src\/healthcheck\.js"\]$/m);
    expect(existsSync(join(root, 'src', 'healthcheck.ts'))).toBe(true);
    expect(text).toMatch(/^ENV METRICS_PORT=9464$/m);
  });

  test('when the final stage installs from the lockfile, then no build or test tool is in the image', () => {
    // What `npm ci --omit=dev --omit=optional` installs: entries flagged neither dev, optional nor devOptional.
    type Entry = { dev?: boolean; optional?: boolean; devOptional?: boolean };
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry> };
    const installed = Object.entries(lock.packages).filter(([path, e]) => path !== '' && !e.dev && !e.optional && !e.devOptional).map(([path]) => path);
    expect(installed.length).toBeGreaterThan(100);
    for (const tool of ['typescript', 'tsx', 'jest', 'ts-jest', 'eslint', 'supertest', 'playwright-core', 'autocannon']) {
      expect(installed).not.toContain(`node_modules/${tool}`);
    }
    // why --omit=dev alone is not enough: typescript is also an optional peer of production packages
    expect(lock.packages['node_modules/typescript']).toMatchObject({ devOptional: true });
  });
});
