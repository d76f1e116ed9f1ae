import { createMemoryStore } from '../../src/store/memory/memory.store';
import { describeStoreContract } from './store.contract';

describeStoreContract('MemoryStore', async () => ({ store: createMemoryStore(), cleanup: async () => {} }));
