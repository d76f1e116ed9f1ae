import { checkJsonBody, MAX_JSON_DEPTH } from '../../../src/http/json-guard';

const check = (text: string) => checkJsonBody(Buffer.from(text, 'utf8'));
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('checkJsonBody', () => {
  test('when a body is nested exactly 64 deep, then it passes; 65 deep is refused', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(check(nested(64))).toBeNull();
    expect(check(`{"a":${nested(63)}}`)).toBeNull();
    expect(check(nested(65))?.message).toMatch(/deeper than 64/);
    expect(check(`{"a":${nested(64)}}`)?.code).toBe('validation_failed');
  });

  test('when a body is nested a million deep, then it is refused without a stack overflow', () => {
    expect(check(nested(1_000_000))?.code).toBe('validation_failed');
  });

  test('when brackets, quotes and backslashes are inside strings, then they do not count', () => {
    const deepInString = JSON.stringify({ s: `${'['.repeat(500)} \\" \\\\ "{{{{` });
    expect(check(deepInString)).toBeNull();
    expect(check(`{"a":"\\\\"}`)).toBeNull();
    expect(check(`{"a":"\\"[[[["}`)).toBeNull();
  });

  test.each(['1e400', '-1e400', '1E+309', '[1, 2e308]', `1${'0'.repeat(309)}`, '{"n": -1.5e99999}'])('when a body has %s, then it is refused as not finite', (literal) => {
    expect(check(`{"x":${literal}}`)?.message).toMatch(/finite/);
  });

  test.each(['1.7976931348623157e308', '-1.7976931348623157e308', '5e-324', '1e-400', '0', '-0', '123456789012345678901234567890', `1${'0'.repeat(300)}`])(
    'when a body has the finite number %s, then it passes',
    (literal) => {
      expect(check(`{"x":${literal}}`)).toBeNull();
    },
  );

  test('when numbers appear inside strings, then they are left alone', () => {
    expect(check('{"x":"1e400"}')).toBeNull();
  });

  test('when the body is not JSON at all, then the guard leaves it to the parser', () => {
    expect(check('not json')).toBeNull();
    expect(check('{"a": [1, 2')).toBeNull();
  });
});

describe('checkJsonBody paths', () => {
  test('when a number is not finite, then the error names its path', () => {
    const refused = check('{"type":"x","data":{"order":{"total":1e999,"xp":{}},"items":[1,2]}}');
    expect(refused?.details).toEqual([{ path: 'data.order.total', message: 'must be a finite number' }]);
    expect(check('{"data":{"items":[1,{"a,b":"]", "q\\"":[3, 1e400]}]}}')?.details).toEqual([{ path: 'data.items.1.q".1', message: 'must be a finite number' }]);
    expect(check('1e400')?.details).toEqual([{ path: '(body)', message: 'must be a finite number' }]);
  });

  test('when a body is too deep, then the error names where', () => {
    expect(check(`{"data":{"xp":${nested(63)}}}`)?.details).toEqual([{ path: `data.xp${'.0'.repeat(62)}`, message: 'nested deeper than 64 levels' }]);
  });
});
