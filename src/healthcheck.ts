import { loadConfig, type Config } from './config';

/**
 * The container healthcheck (`node dist/src/healthcheck.js`): `GET /healthz` of the Herald
 * process beside it, read from the same environment: an API (`ROLE=api` or `all`) on `PORT`,
 * a worker on `METRICS_PORT`. Exits 0 on a 200 within 2 s, else 1 with one line saying why.
 */
export async function checkHealth(env: NodeJS.ProcessEnv): Promise<{ healthy: boolean; message: string }> {
  const { config, errors } = loadConfig(env);
  if (!config) return { healthy: false, message: `configuration invalid: ${errors.join('; ')}` };
  const url = healthUrl(config);
  if (!url) return { healthy: false, message: 'ROLE=worker without METRICS_PORT serves no /healthz; set METRICS_PORT' };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { healthy: res.status === 200, message: `${url} answered ${res.status}` };
  } catch (err) {
    return { healthy: false, message: `${url} did not answer: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function healthUrl(config: Config): string | null {
  const target = config.role === 'worker' ? config.metrics : { port: config.port, host: config.host };
  if (!target) return null;
  // a wildcard bind answers on loopback too
  const host = target.host === '0.0.0.0' || target.host === '::' ? '127.0.0.1' : target.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${target.port}/healthz`;
}

if (require.main === module) {
  void checkHealth(process.env).then(({ healthy, message }) => {
    (healthy ? process.stdout : process.stderr).write(`${message}\n`);
    process.exit(healthy ? 0 : 1);
  });
}
