import { vocabularySuite } from './vocabulary.suite';

// Issue 13: every OrderCloud message type end to end, on the production drivers (Redis store, BullMQ queue).
vocabularySuite('redis');
