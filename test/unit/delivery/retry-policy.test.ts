import { RetryPolicy } from '../../../src/delivery/retry-policy';

describe('retry policy', () => {
  const schedule = [5000, 300000, 1800000];

  test('when the schedule has 3 delays, then a message gets 4 attempts', () => {
    expect(new RetryPolicy(schedule).maxAttempts).toBe(4);
  });

  test('when jitter is at its extremes, then the delay stays within ±20% of the schedule', () => {
    expect(new RetryPolicy(schedule, () => 0).delayBefore(1)).toBe(4000);
    expect(new RetryPolicy(schedule, () => 0.999999).delayBefore(1)).toBe(6000);
    expect(new RetryPolicy(schedule, () => 0.5).delayBefore(2)).toBe(300000);
  });

  test('when many delays are drawn, then they spread across the jitter window', () => {
    const policy = new RetryPolicy(schedule);
    const delays = Array.from({ length: 500 }, () => policy.delayBefore(2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(240000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(360000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  test('when the receiver sends a longer Retry-After, then it is honoured up to twice the scheduled delay', () => {
    const policy = new RetryPolicy(schedule, () => 0.5);
    expect(policy.delayBefore(1, 7000)).toBe(7000);
    expect(policy.delayBefore(1, 60000)).toBe(10000);
    expect(policy.delayBefore(2, 450000)).toBe(450000);
  });

  test.each([0, 1, 1000, 3999])('when the receiver sends a shorter Retry-After (%i ms), then the scheduled delay with its jitter stands', (retryAfterMs) => {
    expect(new RetryPolicy(schedule, () => 0.5).delayBefore(1, retryAfterMs)).toBe(5000);
    expect(new RetryPolicy(schedule, () => 0).delayBefore(1, retryAfterMs)).toBe(4000);
    expect(new RetryPolicy(schedule, () => 0.999999).delayBefore(1, retryAfterMs)).toBe(6000);
  });

  test('when Retry-After falls inside the jitter window, then the longer of the two is used', () => {
    expect(new RetryPolicy(schedule, () => 0).delayBefore(1, 4500)).toBe(4500);
    expect(new RetryPolicy(schedule, () => 0.999999).delayBefore(1, 5500)).toBe(6000);
  });

  test('when every attempt gets Retry-After: 0, then the retries still follow the schedule', () => {
    const policy = new RetryPolicy(schedule, () => 0);
    expect([1, 2, 3].map((n) => policy.delayBefore(n, 0))).toEqual([4000, 240000, 1440000]);
  });

  test('when the retry number runs past the schedule, then the last delay repeats', () => {
    expect(new RetryPolicy(schedule, () => 0.5).delayBefore(9)).toBe(1800000);
  });
});
