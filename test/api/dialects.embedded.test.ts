import { dialectsSuite } from './dialects.suite';

// Issue 12, custom-url methods, placeholders, formats and policies, on the embedded drivers.
dialectsSuite('memory');
