import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** `docker compose` (v2 plugin) or `docker-compose` (v1), whichever this machine has. */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
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
    }
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(text).toMatch(/--appendonly", "yes"/);
    expect(text).toMatch(/--maxmemory-policy", "noeviction"/);
    expect(text).toMatch(/ROLE: worker/);
  });

  test('when the Dockerfile is read, then it is multi-stage, installs production deps only and runs as non-root', () => {
    const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toContain('npm ci --omit=dev');
    expect(text).toMatch(/^USER node$/m);
  });
});
