import { excerpt } from '../../../src/senders/http-result';
import { builtinEventTypes } from '../../../src/event-types/catalog';
import { maskSensitive } from '../../../src/http/views';

describe('API views', () => {
  test('when data holds reset secrets at any depth, then they are masked and the rest is kept', () => {
    const masked = maskSensitive({ userId: 'u', passwordResetUrl: 'https://x/t=1', nested: [{ verificationCode: '1234', keep: 1 }] }, builtinEventTypes().secretFields);
    expect(masked).toEqual({ userId: 'u', passwordResetUrl: '••••', nested: [{ verificationCode: '••••', keep: 1 }] });
  });

  test('when a response is longer than 1 KiB, then the excerpt is at most 1 KiB without a broken character', () => {
    const text = 'é'.repeat(1000);
    const cut = excerpt(text);
    expect(Buffer.byteLength(cut ?? '')).toBeLessThanOrEqual(1024);
    expect(cut).toBe('é'.repeat(512));
    expect(excerpt('short')).toBe('short');
  });
});
