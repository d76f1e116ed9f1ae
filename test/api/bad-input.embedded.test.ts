import { badInputSuite } from './bad-input.suite';

// Issue 11: bad input never answers 500, on the embedded drivers (in-memory store and queue).
badInputSuite('memory');
