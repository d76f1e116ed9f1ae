/** One line of the bench table: a Herald figure beside its same-run baseline. */
export interface BenchRow {
  benchmark: string;
  unit: string;
  herald: number;
  baseline: number;
  /** What the baseline is (e.g. "bare express + BullMQ add"). */
  baselineName: string;
  /** herald / baseline. */
  ratio: number;
  /** Human form of the target, e.g. "≥ 1.0×". */
  target: string;
  pass: boolean;
}

/** A row whose target is a minimum (or maximum) ratio of Herald to the baseline. */
export function ratioRow(
  benchmark: string,
  unit: string,
  herald: number,
  baseline: number,
  baselineName: string,
  target: { min?: number; max?: number },
): BenchRow {
  const ratio = baseline === 0 ? 0 : herald / baseline;
  const pass = (target.min === undefined || ratio >= target.min) && (target.max === undefined || ratio <= target.max);
  const text = target.min !== undefined ? `≥ ${target.min}×` : `≤ ${target.max}×`;
  return { benchmark, unit, herald, baseline, baselineName, ratio, target: text, pass };
}

/** A row whose target is an absolute bound on Herald's figure (e.g. p99 < 100 ms). */
export function boundRow(benchmark: string, unit: string, herald: number, below: number, baseline = 0, baselineName = '—'): BenchRow {
  const ratio = baseline === 0 ? 0 : herald / baseline;
  return { benchmark, unit, herald, baseline, baselineName, ratio, target: `< ${below} ${unit}`, pass: herald < below };
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** Prints the table: benchmark, Herald, baseline, ratio, target, PASS/MISS. */
export function printTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'herald', 'baseline', 'ratio', 'target', 'result'];
  const lines = rows.map((r) => [
    r.benchmark,
    `${fmt(r.herald)} ${r.unit}`,
    r.baseline === 0 ? '—' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName})`,
    r.baseline === 0 ? '—' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}

/** Arithmetic mean (0 for no values). */
export const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

/** Nearest-rank percentile of unsorted values, p in 0-100. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
