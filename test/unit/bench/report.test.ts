import { boundRow, formatRatio, median, printTable, ratioRow, roundRatios, spread } from '../../../bench/support/report';

describe('bench report helpers', () => {
  it('when the count is odd, then the median is the middle value whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([719, 56, 76])).toBe(76);
  });

  it('when the count is even, then the median is the mean of the middle two; none gives 0', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('when rounds differ, then the spread is their lowest and highest', () => {
    expect(spread([0.63, 0.3, 0.48])).toEqual([0.3, 0.63]);
    expect(spread([])).toEqual([0, 0]);
  });

  it('when a baseline round is zero, then that round gives no ratio', () => {
    expect(roundRatios([2, 3, 4], [1, 0, 2])).toEqual([2, 2]);
  });

  it('when the ratio is taken, then it is the median of per-round ratios, not the ratio of medians', () => {
    // per-round ratios 0.5, 0.6, 0.9: median 0.6; medians 3000 / 6000 would say 0.5
    const row = ratioRow('e2e', 'msg/s', [3000, 3600, 2700], [6000, 6000, 3000], 'bare', { min: 0.6 });
    expect(row.ratio).toBeCloseTo(0.6);
    expect(row.ratioSpread).toEqual([0.5, 0.9]);
    expect(row.herald).toBe(3000);
    expect(row.baseline).toBe(6000);
    expect(row.rounds).toEqual({ herald: [3000, 3600, 2700], baseline: [6000, 6000, 3000] });
  });

  it('when one neighbour-hit round misses but the median meets the target, then the row passes', () => {
    const row = ratioRow('e2e', 'msg/s', [3000, 1200, 3100], [5000, 5000, 5000], 'bare', { min: 0.6 });
    expect(row.pass).toBe(true);
  });

  it('when the median misses the target, then the row is a miss even if one round met it', () => {
    const row = ratioRow('e2e', 'msg/s', [2400, 2500, 3500], [5000, 5000, 5000], 'bare', { min: 0.6 });
    expect(row.pass).toBe(false);
    const latency = ratioRow('ingest p99', 'ms', [10, 20, 20], [10, 10, 10], 'bare', { max: 1.5 });
    expect(latency.pass).toBe(false);
  });

  it('when a bound row is judged, then the median decides, and a peak row takes the maximum', () => {
    const p99 = boundRow('p99', 'ms', [56, 719, 76], 100);
    expect(p99.herald).toBe(76);
    expect(p99.pass).toBe(true);
    expect(boundRow('p99', 'ms', [156, 719, 76], 100).pass).toBe(false);
    const rss = boundRow('rss', 'MB', [200, 260, 210], 250, { aggregate: 'max', baseline: [100, 100, 100], baselineName: 'bare' });
    expect(rss.herald).toBe(260);
    expect(rss.pass).toBe(false);
  });

  it('when a row has no target, then it is (info) and passes', () => {
    const row = ratioRow('cpu', 'µs', [300, 310, 290], [100, 100, 100], 'bare', {});
    expect(row.target).toBe('(info)');
    expect(row.pass).toBe(true);
  });

  it('when printed, then the ratio reads "median× (min–max)" and bound rows show their spread', () => {
    const row = ratioRow('e2e custom-url deliveries', 'msg/s', [3100, 3300, 2900], [5000, 5000, 5000], 'bare BullMQ worker', { min: 0.6 });
    expect(formatRatio(row)).toBe('0.62× (0.58–0.66)');
    const table = printTable([row, boundRow('e2e latency p99', 'ms', [56, 719, 76], 100)]);
    const [header, , first, second] = table.split('\n');
    expect(header).toMatch(/benchmark\s+herald\s+baseline\s+ratio \(min–max\)\s+target\s+result/);
    expect(first).toContain('0.62× (0.58–0.66)');
    expect(first).toContain('≥ 0.6×');
    expect(first).toMatch(/PASS$/);
    expect(second).toContain('76.0 ms (56.0–719)');
    expect(second).toContain('< 100 ms');
  });
});
