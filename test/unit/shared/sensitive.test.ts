import { Writable } from 'node:stream';
import { maskSensitive } from '../../../src/http/views';
import { createLogger } from '../../../src/shared/logger';
import { SENSITIVE_FIELDS } from '../../../src/shared/sensitive';

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

describe('sensitive fields', () => {
  it.each(SENSITIVE_FIELDS)('when %s is logged at the top, one or two levels down, then no log line holds its value', (field) => {
    const { lines, sink } = capture();
    const logger = createLogger('info', sink);
    logger.info({ [field]: 'top-secret-0', data: { [field]: 'top-secret-1' }, event: { data: { [field]: 'top-secret-2', keep: 'visible' } } }, 'logged');
    const line = lines.join('');
    expect(line).not.toMatch(/top-secret/);
    expect(line).toContain('visible');
  });

  it.each(SENSITIVE_FIELDS)('when %s is in an API read, then it is masked', (field) => {
    expect(maskSensitive({ variables: { [field]: 'top-secret', keep: 1 } })).toEqual({ variables: { [field]: '••••', keep: 1 } });
  });
});
