import pino, { type Logger } from 'pino';
import { sensitiveRedactPaths } from './sensitive';

/** Paths pino replaces with `[redacted]` in a log line (secret fields: see ./sensitive). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  '*.apiKey',
  '*.key',
  '*.sharedKey',
  '*.password',
  ...sensitiveRedactPaths(),
  'config.data',
  'err.config',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'herald' },
    },
    destination,
  );
}

export type { Logger };
