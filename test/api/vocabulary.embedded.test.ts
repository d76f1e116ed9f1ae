import { vocabularySuite } from './vocabulary.suite';

// Issue 13: every OrderCloud message type end to end, on the embedded drivers (in-memory store and queue).
vocabularySuite('memory');
