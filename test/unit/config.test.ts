import { loadConfig } from '../../src/config';

describe('configuration', () => {
  test('when nothing is set, then the SPEC defaults apply and Herald binds loopback with warnings', () => {
    const { config, warnings } = loadConfig({});
    expect(config).toMatchObject({
      port: 3000, host: '127.0.0.1', production: false, mandrillApiUrl: 'https://mandrillapp.com/api/1.3',
      defaultFrom: { email: 'no-reply@example.com', name: 'Herald' }, suspendAfterFailures: 10,
      allowPrivateNetworkUrls: false, role: 'all', workerConcurrency: 50, retentionDays: 30, shutdownTimeoutMs: 10000,
    });
    expect(config?.retryScheduleMs).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000].map((s) => s * 1000));
    expect(config?.secretsKey).toHaveLength(32);
    expect(warnings.join('\n')).toMatch(/SECRETS_KEY/);
    expect(warnings.join('\n')).toMatch(/loopback/);
  });

  test('when an API key is set, then the default bind address is 0.0.0.0', () => {
    expect(loadConfig({ ADMIN_API_KEY: 'k'.repeat(20) }).config?.host).toBe('0.0.0.0');
  });

  test('when no key is set but HOST is public, then startup is refused', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).errors).toEqual([expect.stringContaining('HOST: 0.0.0.0 is not a loopback address')]);
  });

  test('when METRICS_PORT is set, then a worker serves metrics on it, on loopback unless HOST says otherwise', () => {
    const worker = { ROLE: 'worker', REDIS_URL: 'redis://127.0.0.1:6379', SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'), ADMIN_API_KEY: 'k'.repeat(20) };
    expect(loadConfig({ ...worker, METRICS_PORT: '9464' }).config?.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ ...worker, METRICS_PORT: '9464', HOST: '0.0.0.0' }).config?.metrics).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(loadConfig(worker).config?.metrics).toBeUndefined();
    expect(loadConfig(worker).warnings.join('\n')).toContain('ROLE=worker without METRICS_PORT');
    expect(loadConfig({ ...worker, METRICS_PORT: '9464' }).warnings.join('\n')).not.toContain('METRICS_PORT');
  });

  test('when RETRY_SCHEDULE has decimals, then they are kept as milliseconds', () => {
    expect(loadConfig({ RETRY_SCHEDULE: '0.5, 1.25,2' }).config?.retryScheduleMs).toEqual([500, 1250, 2000]);
  });

  test.each([
    ['PORT', 'eighty', 'PORT: must be a number'],
    ['PORT', '70000', 'PORT: must be at most 65535'],
    ['RETRY_SCHEDULE', '5,-1', 'RETRY_SCHEDULE: must be comma-separated'],
    ['RETRY_SCHEDULE', '5,,30', 'RETRY_SCHEDULE: must be comma-separated'],
    ['SECRETS_KEY', 'c2hvcnQ=', 'SECRETS_KEY: must be 32 bytes'],
    ['REDIS_URL', 'http://localhost:6379', 'REDIS_URL: must start with redis://'],
    ['ALLOW_PRIVATE_NETWORK_URLS', 'maybe', 'ALLOW_PRIVATE_NETWORK_URLS: must be true or false'],
    ['DEFAULT_FROM_EMAIL', 'nobody', 'DEFAULT_FROM_EMAIL: must be an email address'],
    ['ADMIN_API_KEY', 'short', 'ADMIN_API_KEY: must be at least 16 characters'],
    ['ROLE', 'worker', 'ROLE: worker needs REDIS_URL'],
    ['REDIS_URL', 'redis://127.0.0.1:6379', 'SECRETS_KEY: is required with REDIS_URL'],
    ['WORKER_LOCK_MS', '500', 'WORKER_LOCK_MS: must be at least 1000'],
    ['METRICS_PORT', 'nine', 'METRICS_PORT: must be a number'],
    ['METRICS_PORT', '99999', 'METRICS_PORT: must be at most 65535'],
  ])('when %s=%s, then the error says "%s"', (name, value, message) => {
    const { config, errors } = loadConfig({ [name]: value });
    expect(config).toBeUndefined();
    expect(errors.join('\n')).toContain(message);
  });

  test('when several values are bad, then every problem gets its own line', () => {
    expect(loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' }).errors).toHaveLength(2);
  });
});
