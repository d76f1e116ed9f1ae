import pino, { type Logger } from 'pino';

const CENSOR = '[redacted]';

/** Paths pino replaces with `[redacted]` in every log line (event-type secrets: `redactSecretFields`). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  '*.apiKey',
  '*.key',
  '*.sharedKey',
  '*.password',
  'config.data',
  'err.config',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      base: { service: 'herald' },
    },
    destination,
  );
}

/**
 * The same logger, also redacting the secret fields the event types declare (SPEC §8: the
 * password-reset link and code…), the ones API reads mask too. Each field is redacted at the
 * top of a log object and one or two levels down (`{ data }`, `{ event: { data } }`): pino
 * paths cannot say "any depth", and deeper wildcards cost on every log line.
 */
export function redactSecretFields(logger: Logger, fields: Iterable<string>): Logger {
  const secretPaths = [...fields].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return logger.child({}, { redact: { paths: [...REDACT_PATHS, ...secretPaths], censor: CENSOR } });
}

export type { Logger };
