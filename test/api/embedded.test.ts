import { directorySuite } from './directory.suite';
import { eventsSuite } from './events.suite';
import { httpEdgeSuite } from './http-edge.suite';
import { messagesSuite } from './messages.suite';
import { processingSuite } from './processing.suite';

// The whole API on the embedded drivers (in-memory store and queue).
httpEdgeSuite('memory');
directorySuite('memory');
eventsSuite('memory');
processingSuite('memory');
messagesSuite('memory');
