import { directorySuite } from './directory.suite';
import { eventsSuite } from './events.suite';
import { httpEdgeSuite } from './http-edge.suite';
import { messagesSuite } from './messages.suite';
import { processingSuite } from './processing.suite';

// The same API suites on the production drivers (Redis store, BullMQ queue).
httpEdgeSuite('redis');
directorySuite('redis');
eventsSuite('redis');
processingSuite('redis');
messagesSuite('redis');
