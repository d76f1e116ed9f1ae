import { platformsSuite } from './platforms.suite';

// Issue 12, the seed platforms' receivers, on the production drivers (Redis store, BullMQ queue).
platformsSuite('redis');
