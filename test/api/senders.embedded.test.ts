import { deliverySuite } from './delivery.suite';
import { sendersConfigSuite } from './senders-config.suite';

// Issue 3, the three senders, on the embedded drivers (in-memory store and queue).
sendersConfigSuite('memory');
deliverySuite('memory');
