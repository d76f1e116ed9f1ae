import { eventTypesSuite } from './event-types.suite';

// Issue 10: a fixture event type end to end, on the embedded drivers (in-memory store and queue).
eventTypesSuite('memory');
