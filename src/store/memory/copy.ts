/** Values go in and come out of the memory store as copies so callers cannot change stored state by accident. */
export const copy = <T>(value: T): T => structuredClone(value);
