import pino, { type Logger } from 'pino';

/** Paths pino replaces with `[redacted]` wherever they appear in a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  '*.apiKey',
  '*.key',
  '*.sharedKey',
  '*.password',
  '*.passwordResetUrl',
  '*.verificationCode',
  '*.passwordrenewalurl',
  '*.passwordverificationcode',
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
