import path from 'node:path';
import Handlebars from 'handlebars';
import { builtinEventTypes } from '../src/event-types/catalog';
import type { EventType } from '../src/event-types/event-type-catalog';
import { Metrics } from '../src/metrics/metrics';
import { readBuiltinTemplates } from '../src/templates/builtin-templates';
import { compileTemplate, type CompiledTemplate } from '../src/templates/compile';
import { BUILTIN_HELPER_NAMES, HELPER_NAMES, registerHelpers, renderOptions } from '../src/templates/helpers';
import { mjmlThread, type MjmlCompile } from '../src/templates/mjml-compiler';
import { loadPartials, type PartialSet } from '../src/templates/partials';
import { TemplateRegistry } from '../src/templates/template-registry';
import { ratioRow, type BenchRow } from './support/report';

const TEMPLATES_DIR = path.join(__dirname, '..', 'templates');
const eventTypes = builtinEventTypes();

/** Calls and milliseconds of one variant, summed over its slices. */
interface Tally {
  n: number;
  ms: number;
}

/**
 * Runs `once` back to back for about `ms` milliseconds (checked after every call, so a slow
 * renderer does not overrun its slice by a batch), adding to `tally`.
 */
async function slice(ms: number, once: () => unknown, tally: Tally): Promise<void> {
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    await once();
    tally.n++;
    elapsed = performance.now() - start;
  }
  tally.ms += elapsed;
}

/**
 * MJML in this thread, with Herald's options: the naive way would not cross a thread for
 * every message, so it does not pay for one here.
 */
async function inlineMjml(): Promise<(source: string) => Promise<{ html: string }>> {
  const { default: mjml2html } = await import('mjml');
  return (source) => mjml2html(source, { validationLevel: 'strict', ignoreIncludes: true, keepComments: false, fonts: {} });
}

/** The naive way: Handlebars over the MJML, then MJML → HTML, for every message. */
function naiveRenderer(mjml: (source: string) => Promise<{ html: string }>, partials: PartialSet) {
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const [name, partial] of partials) hb.registerPartial(name, partial.source);
  return async (source: { subject: string; mjml: string; text: string }, vars: Record<string, unknown>) => {
    const options = renderOptions();
    const html = (await mjml(hb.compile(source.mjml)(vars, options))).html;
    return { subject: hb.compile(source.subject, { noEscape: true })(vars, options), html, text: hb.compile(source.text, { noEscape: true })(vars, options) };
  };
}

/** The limit: the compiled Handlebars functions alone, called directly (with the same per-render options as Herald). */
const limitRender = (t: CompiledTemplate, vars: Record<string, unknown>) => {
  const options = renderOptions();
  return { subject: t.subject(vars, options), html: t.html(vars, options), text: t.text?.(vars, options) };
};

function variablesFor(type: EventType): Record<string, unknown> {
  const sample = eventTypes.sample(type);
  return eventTypes.resolveVariables(type, sample.data, { user: sample.user, organization: sample.organization, now: new Date() });
}

export interface RenderOptions {
  rounds: number;
  /**
   * Time one template's Herald or limit variant gets per round, ms, cut in `SLICES` slices
   * interleaved with each other's; the naive one gets twice as long in one piece (it is ~300×
   * slower).
   */
  windowMs: number;
}

/** Herald's and the limit's windows are cut in this many slices, interleaved: a neighbour's burst hits both alike. */
const SLICES = 3;

/**
 * Untimed run after the naive variant: MJML leaves garbage whose collection slowed whatever ran
 * next by up to 60% for ~100 ms (measured), which would have been charged to Herald or the limit.
 */
const SETTLE_MS = 150;

/** Every round's figures for one template, in round order. */
export interface RenderFigures {
  type: EventType;
  herald: number[];
  naive: number[];
  limit: number[];
}

type Variant = 'herald' | 'naive' | 'limit';
const VARIANTS: Variant[] = ['herald', 'naive', 'limit'];

/**
 * Render throughput per built-in template: Herald's registry (compiled once, with the render
 * histogram observed as in Herald) vs the naive per-message MJML compile vs the compiled
 * Handlebars functions alone. Rounds are the outer loop: in each round every template runs
 * the naive variant, then (after `SETTLE_MS`) Herald and the limit interleaved in slices; a
 * row is the median of the per-round ratios.
 */
export async function renderBench(opts: RenderOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: RenderFigures[] }> {
  const mjml: MjmlCompile = mjmlThread().compile;
  const partials = await loadPartials(path.join(TEMPLATES_DIR, 'partials'));
  const hb = Handlebars.create();
  registerHelpers(hb);
  const kit = { hb, mjml, partials, helpers: new Set([...HELPER_NAMES, ...BUILTIN_HELPER_NAMES]) };
  const registry = await TemplateRegistry.create({ templatesDir: TEMPLATES_DIR, source: { get: async () => null }, eventTypes: eventTypes.all() });
  const metrics = new Metrics();
  const naive = naiveRenderer(await inlineMjml(), partials);
  const sources = await readBuiltinTemplates(TEMPLATES_DIR, eventTypes.all());
  const runners = new Map<EventType, Record<Variant, () => unknown>>();
  for (const type of eventTypes.types) {
    const source = sources.find((s) => s.type === type);
    if (!source) throw new Error(`no built-in template for ${type}`);
    const vars = variablesFor(type);
    const compiled = await compileTemplate(source, kit, source.id);
    const ref = { kind: 'builtin', type } as const;
    const herald = async () => {
      const end = metrics.renderDuration.startTimer({ template: 'builtin' });
      await registry.render(ref, vars);
      end();
    };
    const run = { herald, naive: () => naive(source, vars), limit: () => limitRender(compiled, vars) };
    runners.set(type, run);
  }
  const figures: RenderFigures[] = eventTypes.types.map((type) => ({ type, herald: [], naive: [], limit: [] }));
  /** One template's three variants, interleaved in slices; rates in messages per second. */
  const measure = async (run: Record<Variant, () => unknown>, order: Variant[], windowMs: number): Promise<Record<Variant, number>> => {
    const tallies: Record<Variant, Tally> = { herald: { n: 0, ms: 0 }, naive: { n: 0, ms: 0 }, limit: { n: 0, ms: 0 } };
    await slice(2 * windowMs, run.naive, tallies.naive);
    await slice(SETTLE_MS, run.limit, { n: 0, ms: 0 });
    for (let i = 0; i < SLICES; i++) {
      for (const variant of order) await slice(windowMs / SLICES, run[variant], tallies[variant]);
    }
    const perS = (t: Tally) => (t.n / t.ms) * 1000;
    return { herald: perS(tallies.herald), naive: perS(tallies.naive), limit: perS(tallies.limit) };
  };
  // warm-up pass (JIT, caches, MJML's first compiles), not counted
  for (const run of runners.values()) await measure(run, ['herald', 'limit'], opts.windowMs / 2);
  for (let round = 0; round < opts.rounds; round++) {
    // Herald and the limit take turns going first
    const order: Variant[] = round % 2 === 0 ? ['herald', 'limit'] : ['limit', 'herald'];
    for (const figure of figures) {
      const run = runners.get(figure.type);
      if (!run) continue;
      const rates = await measure(run, order, opts.windowMs);
      for (const variant of VARIANTS) figure[variant].push(rates[variant]);
    }
    const first = figures[0];
    log(`render round ${round + 1}/${opts.rounds}: ${figures.length} templates` + (first ? ` (${first.type}: herald ${first.herald[round]?.toFixed(0)}/s, naive ${first.naive[round]?.toFixed(1)}/s, limit ${first.limit[round]?.toFixed(0)}/s)` : ''));
  }
  const rows = figures.flatMap((f) => [
    ratioRow(`render ${f.type} vs naive`, 'msg/s', f.herald, f.naive, 'mjml2html+hbs per msg', { min: 200 }),
    ratioRow(`render ${f.type} vs limit`, 'msg/s', f.herald, f.limit, 'compiled hbs alone', { min: 0.5 }),
  ]);
  return { rows, figures };
}
