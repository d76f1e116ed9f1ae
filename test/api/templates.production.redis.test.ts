import { templatesSuite } from './templates.suite';

// Issue 5, custom email templates, on the production drivers (Redis store, BullMQ queue).
templatesSuite('redis');
