import { secretsSuite } from './secrets.suite';

// Issue 11: secrets never readable, on the production drivers (Redis store, BullMQ queue).
secretsSuite('redis');
