import { Writable } from 'node:stream';
import { builtinEventTypes } from '../../../src/event-types/catalog';
import { maskSensitive } from '../../../src/http/views';
import { createLogger, redactSecretFields } from '../../../src/shared/logger';

function capture(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

const { secretFields } = builtinEventTypes();

describe('sensitive fields', () => {
  it('when the built-in types declare their secrets, then the password-reset link and code are among them (SPEC §8)', () => {
    expect([...secretFields]).toEqual(expect.arrayContaining(['passwordResetUrl', 'verificationCode', 'passwordrenewalurl', 'passwordverificationcode']));
  });

  it.each([...secretFields])('when %s is logged at the top, one or two levels down, then no log line holds its value', (field) => {
    const { lines, sink } = capture();
    const logger = redactSecretFields(createLogger('info', sink), secretFields);
    logger.info({ [field]: 'top-secret-0', data: { [field]: 'top-secret-1' }, event: { data: { [field]: 'top-secret-2', keep: 'visible' } } }, 'logged');
    const line = lines.join('');
    expect(line).not.toMatch(/top-secret/);
    expect(line).toContain('visible');
  });

  it('when secret fields are redacted, then the other secrets (keys, authorization) still are', () => {
    const { lines, sink } = capture();
    const logger = redactSecretFields(createLogger('info', sink), secretFields);
    logger.info({ req: { headers: { authorization: 'Bearer top-secret-h' } }, config: { apiKey: 'top-secret-k' } }, 'logged');
    expect(lines.join('')).not.toMatch(/top-secret/);
  });

  it.each([...secretFields])('when %s is in an API read, then it is masked', (field) => {
    expect(maskSensitive({ variables: { [field]: 'top-secret', keep: 1 } }, secretFields)).toEqual({ variables: { [field]: '••••', keep: 1 } });
  });
});
