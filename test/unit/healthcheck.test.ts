import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { checkHealth } from '../../src/healthcheck';

/** A stand-in for a Herald port: /healthz answers `status`, and every path asked is recorded. */
async function fakeHerald(status = 200): Promise<{ port: number; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.statusCode = req.url === '/healthz' ? status : 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, paths, server };
}

const worker = { ROLE: 'worker', REDIS_URL: 'redis://127.0.0.1:6379', SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') };

describe('container healthcheck', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  const start = async (status?: number) => {
    const fake = await fakeHerald(status);
    servers.push(fake.server);
    return fake;
  };

  test('when an API process answers /healthz on PORT, then it is healthy', async () => {
    const api = await start();
    expect(await checkHealth({ PORT: String(api.port) })).toMatchObject({ healthy: true });
    expect(api.paths).toEqual(['/healthz']);
  });

  test('when the API binds every interface (an API key is set), then the check asks loopback', async () => {
    const api = await start();
    expect(await checkHealth({ PORT: String(api.port), ADMIN_API_KEY: 'k'.repeat(20) })).toMatchObject({ healthy: true });
  });

  test('when a worker answers on METRICS_PORT, then it is healthy, whatever PORT says', async () => {
    const metrics = await start();
    const api = await start();
    expect(await checkHealth({ ...worker, METRICS_PORT: String(metrics.port), PORT: String(api.port) })).toMatchObject({ healthy: true });
    expect(metrics.paths).toEqual(['/healthz']);
    expect(api.paths).toEqual([]);
  });

  test('when /healthz answers 503 or nothing listens, then it is unhealthy and says which URL', async () => {
    const sick = await start(503);
    expect(await checkHealth({ PORT: String(sick.port) })).toEqual({ healthy: false, message: `http://127.0.0.1:${sick.port}/healthz answered 503` });
    const port = sick.port;
    await new Promise((r) => sick.server.close(r));
    expect(await checkHealth({ PORT: String(port) })).toMatchObject({ healthy: false, message: expect.stringContaining('did not answer') });
  });

  test('when a worker has no METRICS_PORT or the configuration is invalid, then it is unhealthy with the reason', async () => {
    expect(await checkHealth(worker)).toEqual({ healthy: false, message: expect.stringContaining('set METRICS_PORT') });
    expect(await checkHealth({ PORT: 'eighty' })).toEqual({ healthy: false, message: expect.stringContaining('PORT: must be a number') });
  });

  test('when run as the container runs it, then the exit code is the verdict and one line says why', async () => {
    const api = await start();
    // asynchronously: the fake answers from this very process
    const run = (env: Record<string, string>) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const options = { cwd: join(__dirname, '..', '..'), env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' as const };
        execFile(process.execPath, ['--import', 'tsx', 'src/healthcheck.ts'], options, (err, stdout, stderr) => {
          resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
        });
      });
    expect(await run({ PORT: String(api.port) })).toEqual({ status: 0, stdout: `http://127.0.0.1:${api.port}/healthz answered 200\n`, stderr: '' });
    expect(await run(worker)).toEqual({ status: 1, stdout: '', stderr: 'ROLE=worker without METRICS_PORT serves no /healthz; set METRICS_PORT\n' });
  }, 20_000);
});
