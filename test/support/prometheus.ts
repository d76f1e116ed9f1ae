import { spawnSync } from 'node:child_process';

/** The value of one sample line (`name{labels} value`) in a Prometheus text page, or undefined. */
export function sample(page: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of page.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

/**
 * `promtool check metrics` on a scraped page (Prometheus' own linter: exit 0 and no output
 * when the page is clean). Suites using it are named `*.promtool.test.ts`; jest.config.js
 * leaves them out, loudly, when promtool is not installed, and fails the run under CI=true.
 */
export function promtoolCheck(page: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: page, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
