import { secretsSuite } from './secrets.suite';

// Issue 11: secrets never readable, on the embedded drivers (in-memory store and queue).
secretsSuite('memory');
