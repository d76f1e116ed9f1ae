import { metricsSuite } from './metrics.suite';

// Issue 6, /metrics after real traffic, on the embedded drivers (in-memory store and queue).
metricsSuite('memory');
