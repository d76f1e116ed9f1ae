import { templatesSuite } from './templates.suite';

// Issue 5, custom email templates, on the embedded drivers (in-memory store and queue).
templatesSuite('memory');
