import { MemoryStore } from '../../src/store/memory.store';
import { describeStoreContract } from './store.contract';

describeStoreContract('MemoryStore', async () => ({ store: new MemoryStore(), cleanup: async () => {} }));
