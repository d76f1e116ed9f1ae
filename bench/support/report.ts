/**
 * The bench table. Every part measures Herald and its baseline in alternating rounds; a row
 * holds each round's figures and reports medians, because on a shared machine a neighbour can
 * halve one round's figure and a single run would let that round decide the ratio.
 */

/** One line of the bench table: a Herald figure beside its same-round baseline. */
export interface BenchRow {
  benchmark: string;
  unit: string;
  /** Herald's figure: the median over rounds (the maximum for a peak, see `aggregate`). */
  herald: number;
  /** The baseline's median over rounds (0: no baseline). */
  baseline: number;
  /** What the baseline is (e.g. "express + BullMQ add"). */
  baselineName: string;
  /** Median of the per-round herald / baseline ratios (0: no baseline). */
  ratio: number;
  /** Lowest and highest per-round ratio (null: no baseline). */
  ratioSpread: [number, number] | null;
  /** Lowest and highest per-round Herald figure. */
  heraldSpread: [number, number];
  /** How `herald` summarises the rounds. */
  aggregate: 'median' | 'max';
  /** Human form of the target, e.g. "≥ 1.0×", "< 100 ms", "(info)". */
  target: string;
  /** Judged on the median ratio (ratio targets) or on `herald` (bounds), never on one round. */
  pass: boolean;
  /** Every round's raw figures, in round order. */
  rounds: { herald: number[]; baseline: number[] };
}

/** Median of unsorted values (mean of the middle two for an even count; 0 for none). */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Lowest and highest value ([0, 0] for none). */
export function spread(values: number[]): [number, number] {
  return values.length === 0 ? [0, 0] : [Math.min(...values), Math.max(...values)];
}

/** herald[i] / baseline[i] for every round that has both (a zero baseline gives no ratio). */
export function roundRatios(herald: number[], baseline: number[]): number[] {
  return herald.flatMap((h, i) => {
    const b = baseline[i];
    return b === undefined || b === 0 ? [] : [h / b];
  });
}

function baseRow(benchmark: string, unit: string, herald: number[], baseline: number[], baselineName: string, aggregate: 'median' | 'max') {
  const ratios = roundRatios(herald, baseline);
  return {
    benchmark,
    unit,
    herald: aggregate === 'max' ? spread(herald)[1] : median(herald),
    baseline: baseline.length === 0 ? 0 : aggregate === 'max' ? spread(baseline)[1] : median(baseline),
    baselineName,
    ratio: median(ratios),
    ratioSpread: ratios.length === 0 ? null : spread(ratios),
    heraldSpread: spread(herald),
    aggregate,
    rounds: { herald, baseline },
  };
}

/**
 * A row whose target is a minimum (or maximum) of the median per-round ratio of Herald to
 * the baseline. `{}` as target makes it an (info) row that always passes.
 */
export function ratioRow(
  benchmark: string,
  unit: string,
  herald: number[],
  baseline: number[],
  baselineName: string,
  target: { min?: number; max?: number },
): BenchRow {
  const row = baseRow(benchmark, unit, herald, baseline, baselineName, 'median');
  if (target.min === undefined && target.max === undefined) return { ...row, target: '(info)', pass: true };
  const pass = (target.min === undefined || row.ratio >= target.min) && (target.max === undefined || row.ratio <= target.max);
  const text = [target.min !== undefined ? `≥ ${target.min}×` : '', target.max !== undefined ? `≤ ${target.max}×` : ''].filter(Boolean).join(', ');
  return { ...row, target: text, pass };
}

/**
 * A row whose target is an absolute bound on Herald's figure (e.g. p99 < 100 ms), judged on
 * the median over rounds, or on the maximum for a peak (`aggregate: 'max'`).
 */
export function boundRow(
  benchmark: string,
  unit: string,
  herald: number[],
  below: number,
  opts: { baseline?: number[]; baselineName?: string; aggregate?: 'median' | 'max' } = {},
): BenchRow {
  const row = baseRow(benchmark, unit, herald, opts.baseline ?? [], opts.baselineName ?? '—', opts.aggregate ?? 'median');
  if (!Number.isFinite(below)) return { ...row, target: '(info)', pass: true };
  return { ...row, target: `< ${below} ${unit}`, pass: row.herald < below };
}

/** A figure with 3 significant digits at most (0 decimals from 100, 1 from 10, else 2). */
export const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/** "0.62× (0.58–0.66)": the median ratio and its spread over rounds. */
export function formatRatio(row: BenchRow): string {
  if (!row.ratioSpread) return '—';
  return `${fmt(row.ratio)}× (${fmt(row.ratioSpread[0])}–${fmt(row.ratioSpread[1])})`;
}

/** Herald's figure; a bound row with several rounds adds its spread ("56.0 ms (41.0–719)"). */
export function formatHerald(row: BenchRow): string {
  const value = `${fmt(row.herald)} ${row.unit}`;
  if (row.ratioSpread || row.rounds.herald.length < 2) return value;
  const label = row.aggregate === 'max' ? 'max of' : '';
  return `${value} (${label ? `${label} ` : ''}${fmt(row.heraldSpread[0])}–${fmt(row.heraldSpread[1])})`;
}

/** The table: benchmark, Herald, baseline, ratio (median and spread), target, PASS/MISS. */
export function printTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'herald', 'baseline', 'ratio (min–max)', 'target', 'result'];
  const lines = rows.map((r) => [
    r.benchmark,
    formatHerald(r),
    r.baseline === 0 ? '—' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName})`,
    formatRatio(r),
    r.target,
    r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
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
