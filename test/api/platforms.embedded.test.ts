import { platformsSuite } from './platforms.suite';

// Issue 12, the seed platforms' receivers, on the embedded drivers.
platformsSuite('memory');
