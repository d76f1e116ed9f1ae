import { badInputSuite } from './bad-input.suite';

// Issue 11: bad input never answers 500, on the production drivers (Redis store, BullMQ queue).
badInputSuite('redis');
