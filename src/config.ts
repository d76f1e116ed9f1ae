import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/** `5,300,1800` → delays in milliseconds; decimals allowed, every entry ≥ 0. */
const retrySchedule = z.string().transform((raw, ctx) => {
  const parts = raw.split(',').map((p) => p.trim());
  const seconds = parts.map(Number);
  if (raw.trim() === '' || parts.some((p) => p === '') || seconds.some((s) => !Number.isFinite(s) || s < 0)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be comma-separated non-negative seconds like "5,300,1800", got "${raw}"`,
    });
    return z.NEVER;
  }
  return seconds.map((s) => Math.round(s * 1000));
});

const secretsKey = z.string().transform((raw, ctx) => {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    ctx.addIssue({ code: 'custom', message: `must be 32 bytes, base64-encoded (got ${key.length} bytes)` });
    return z.NEVER;
  }
  return key;
});

const redisUrl = z
  .string()
  .refine((u) => /^rediss?:\/\//.test(u), { message: 'must start with redis:// or rediss://' });

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  METRICS_PORT: int(0, 65535).optional(),
  HOST: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  ADMIN_API_KEY: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  INGEST_API_KEY: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  REDIS_URL: redisUrl.optional(),
  REDIS_PREFIX: z.string().min(1).default('herald'),
  SECRETS_KEY: secretsKey.optional(),
  MANDRILL_API_KEY: z.string().min(1).optional(),
  MANDRILL_API_URL: z.url({ message: 'must be a URL' }).default('https://mandrillapp.com/api/1.3'),
  DEFAULT_FROM_EMAIL: z.email({ message: 'must be an email address' }).default('no-reply@example.com'),
  DEFAULT_FROM_NAME: z.string().default('Herald'),
  RETRY_SCHEDULE: retrySchedule.default([5, 300, 1800, 7200, 18000, 36000, 36000].map((s) => s * 1000)),
  SUSPEND_AFTER_FAILURES: int(1).default(10),
  ALLOW_PRIVATE_NETWORK_URLS: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: int(0).default(10000),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  WORKER_CONCURRENCY: int(1, 1000).default(50),
  WORKER_LOCK_MS: int(1000).default(30000),
  RETENTION_DAYS: int(1, 3650).default(30),
});

/** Herald's whole configuration, parsed once at startup from the environment. */
export interface Config {
  port: number;
  host: string;
  /**
   * Where a `ROLE=worker` process serves `/metrics`, `/healthz` and `/readyz` (unset: no port).
   * API processes serve them on `port` and ignore this.
   */
  metrics?: { port: number; host: string };
  production: boolean;
  adminApiKey?: string;
  ingestApiKey?: string;
  redisUrl?: string;
  redisPrefix: string;
  secretsKey: Buffer;
  mandrillApiKey?: string;
  mandrillApiUrl: string;
  defaultFrom: { email: string; name: string };
  /** Delay before retry n (index n-1), in ms; max attempts = length + 1. */
  retryScheduleMs: number[];
  suspendAfterFailures: number;
  allowPrivateNetworkUrls: boolean;
  logLevel: string;
  shutdownTimeoutMs: number;
  role: 'all' | 'api' | 'worker';
  workerConcurrency: number;
  /** How long a job stays claimed by a worker that stopped answering (crashed) before another worker takes it. */
  workerLockMs: number;
  retentionDays: number;
}

export interface ConfigResult {
  config?: Config;
  /** One human line per problem. */
  errors: string[];
  warnings: string[];
}

/** Parses the environment; never throws. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), warnings: [] };
  }
  const e = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  const production = e.NODE_ENV === 'production';
  if (production) {
    for (const name of ['ADMIN_API_KEY', 'SECRETS_KEY', 'REDIS_URL'] as const) {
      if (e[name] === undefined) errors.push(`${name}: is required when NODE_ENV=production`);
    }
  }
  if (e.SECRETS_KEY === undefined && e.REDIS_URL !== undefined && !production) {
    // Stored secrets outlive the process in Redis, and other processes must open them.
    errors.push('SECRETS_KEY: is required with REDIS_URL (every process must open what the others sealed); make one with: openssl rand -base64 32');
  } else if (e.SECRETS_KEY === undefined && !production) {
    warnings.push('SECRETS_KEY is not set: using a random key, so stored secrets will not survive a restart');
  }
  if (production && e.MANDRILL_API_KEY === undefined) {
    warnings.push('MANDRILL_API_KEY is not set: default-mandrill messages will fail (NODE_ENV=production has no dev outbox)');
  }
  const authenticated = e.ADMIN_API_KEY !== undefined || e.INGEST_API_KEY !== undefined;
  if (!authenticated) {
    warnings.push('No ADMIN_API_KEY or INGEST_API_KEY: the API is unauthenticated, so Herald listens on loopback only');
    if (e.HOST !== undefined && !isLoopback(e.HOST)) {
      errors.push(`HOST: ${e.HOST} is not a loopback address; set ADMIN_API_KEY to listen beyond this machine`);
    }
  }
  if (e.ROLE === 'worker' && e.METRICS_PORT === undefined) {
    warnings.push('ROLE=worker without METRICS_PORT: this worker serves no /metrics, /healthz or /readyz (its delivery metrics are visible nowhere)');
  }
  if (e.ROLE !== 'all' && e.REDIS_URL === undefined) {
    errors.push(`ROLE: ${e.ROLE} needs REDIS_URL (the embedded queue cannot be shared between processes)`);
  }
  if (errors.length > 0) return { errors, warnings };
  return {
    errors,
    warnings,
    config: {
      port: e.PORT,
      host: e.HOST ?? (authenticated ? '0.0.0.0' : '127.0.0.1'),
      // Loopback unless HOST says otherwise: metrics are for a scraper the operator sets up.
      metrics: e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.HOST ?? '127.0.0.1' },
      production,
      adminApiKey: e.ADMIN_API_KEY,
      ingestApiKey: e.INGEST_API_KEY,
      redisUrl: e.REDIS_URL,
      redisPrefix: e.REDIS_PREFIX,
      secretsKey: e.SECRETS_KEY ?? randomBytes(32),
      mandrillApiKey: e.MANDRILL_API_KEY,
      mandrillApiUrl: e.MANDRILL_API_URL.replace(/\/+$/, ''),
      defaultFrom: { email: e.DEFAULT_FROM_EMAIL, name: e.DEFAULT_FROM_NAME },
      retryScheduleMs: e.RETRY_SCHEDULE,
      suspendAfterFailures: e.SUSPEND_AFTER_FAILURES,
      allowPrivateNetworkUrls: e.ALLOW_PRIVATE_NETWORK_URLS,
      logLevel: e.LOG_LEVEL,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      role: e.ROLE,
      workerConcurrency: e.WORKER_CONCURRENCY,
      workerLockMs: e.WORKER_LOCK_MS,
      retentionDays: e.RETENTION_DAYS,
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
