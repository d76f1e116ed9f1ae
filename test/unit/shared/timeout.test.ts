import { withTimeout } from '../../../src/shared/timeout';

describe('withTimeout', () => {
  it('when the promise settles in time, then its value or error comes through', async () => {
    await expect(withTimeout(Promise.resolve('ok'), 1000)).resolves.toBe('ok');
    await expect(withTimeout(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
  });

  it('when the promise is too slow, then it rejects after ms with the default message', async () => {
    const started = Date.now();
    await expect(withTimeout(new Promise(() => undefined), 50)).rejects.toThrow('no answer within 50 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when a custom error is given, then a timeout rejects with it', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, () => new Error('redis timed out'))).rejects.toThrow('redis timed out');
  });

  it('when the slow promise fails after the timeout, then nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const late = new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 40));
      await expect(withTimeout(late, 10)).rejects.toThrow('no answer within 10 ms');
      await new Promise((r) => setTimeout(r, 80));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
