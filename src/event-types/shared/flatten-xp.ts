/** Nesting deeper than this is ignored: xp is free-form and a merge variable name must stay readable. */
const MAX_DEPTH = 8;

type Scalar = string | number | boolean | null;

/**
 * Flattens a free-form `xp` object into OrderCloud-style merge variables:
 * `{ a: { b: 1 }, c: ['x'] }` with prefix `orderxp` gives `orderxp_a_b = 1`, `orderxp_c_0 = 'x'`.
 * Only JSON scalars become variables.
 */
export function flattenXp(prefix: string, value: unknown, depth = 0): Record<string, Scalar> {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { [prefix]: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { [prefix]: value } : {};
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  const out: Record<string, Scalar> = {};
  for (const [key, child] of entries) Object.assign(out, flattenXp(`${prefix}_${key}`, child, depth + 1));
  return out;
}
