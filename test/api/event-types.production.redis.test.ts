import { eventTypesSuite } from './event-types.suite';

// Issue 10: a fixture event type end to end, on the production drivers (Redis store, BullMQ queue).
eventTypesSuite('redis');
