import { MemoryQueue } from '../../src/queue/memory.queue';
import { describeQueueContract } from './queue.contract';

describeQueueContract('MemoryQueue', async (options) => {
  const queue = new MemoryQueue(options);
  return { queue, cleanup: () => queue.close(1_000) };
});
