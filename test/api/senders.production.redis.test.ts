import { deliverySuite } from './delivery.suite';
import { sendersConfigSuite } from './senders-config.suite';

// Issue 3, the three senders, on the production drivers (Redis store, BullMQ queue).
sendersConfigSuite('redis');
deliverySuite('redis');
