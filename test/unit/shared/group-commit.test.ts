import { GroupCommit } from '../../../src/shared/group-commit';
import { Limiter } from '../../../src/shared/limiter';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('group commit', () => {
  test('when the system is idle, then an item is flushed at once, alone', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number>(async (items) => void batches.push(items));
    await commit.add(1);
    expect(batches).toEqual([[1]]);
  });

  test('when items arrive during a flush, then the next flush takes them together', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number>(async (items) => {
      batches.push(items);
      await tick();
    });
    await Promise.all([1, 2, 3, 4].map((n) => commit.add(n)));
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  test('when a batch is larger than the maximum, then it is split', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number>(async (items) => {
      batches.push(items);
      await tick();
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => commit.add(n)));
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  test('when a flush fails, then every caller of that batch gets the error and later batches go on', async () => {
    let calls = 0;
    const commit = new GroupCommit<number>(async () => {
      calls++;
      await tick();
      if (calls === 2) throw new Error('redis down');
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => commit.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(commit.add(4)).resolves.toBeUndefined();
  });
});

describe('limiter', () => {
  test('when more tasks than slots run, then never more than the size run at once and all finish', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toHaveLength(20);
  });

  test('when a task throws, then its slot is released', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });
});
