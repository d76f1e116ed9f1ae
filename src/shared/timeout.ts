/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms` (by default
 * `no answer within <ms> ms`). The late outcome of `promise` is swallowed so it can never
 * become an unhandled rejection, and the timer is cleared as soon as either side settles.
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error = () => new Error(`no answer within ${ms} ms`),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
