import path from 'node:path';
import Handlebars from 'handlebars';
import { EVENT_TYPES, type EventType } from '../src/events/event.schema';
import { sampleEvent } from '../src/events/samples';
import { Metrics } from '../src/metrics/metrics';
import { readBuiltinTemplates } from '../src/templates/builtin-templates';
import { compileTemplate, type CompiledTemplate } from '../src/templates/compile';
import { BUILTIN_HELPER_NAMES, HELPER_NAMES, registerHelpers, renderOptions } from '../src/templates/helpers';
import { mjmlThread, type MjmlCompile } from '../src/templates/mjml-compiler';
import { loadPartials, type PartialSet } from '../src/templates/partials';
import { TemplateRegistry } from '../src/templates/template-registry';
import { resolveVariables } from '../src/variables/resolve-variables';
import { ratioRow, type BenchRow } from './support/report';

const TEMPLATES_DIR = path.join(__dirname, '..', 'templates');

/** Messages per second of `once`, run back to back for about `ms` milliseconds. */
async function rate(ms: number, once: () => unknown): Promise<number> {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i++) await once();
    n += 50;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
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
  const sample = sampleEvent(type);
  return resolveVariables(type, sample.data, { user: sample.user, organization: sample.organization, now: new Date() });
}

export interface RenderFigures {
  type: EventType;
  herald: number;
  naive: number;
  limit: number;
}

/**
 * Render throughput per built-in template: Herald's registry (compiled once, with the render
 * histogram observed as in Herald) vs the naive per-message MJML compile vs the compiled
 * Handlebars functions alone.
 */
export async function renderBench(log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: RenderFigures[] }> {
  const mjml: MjmlCompile = mjmlThread().compile;
  const partials = await loadPartials(path.join(TEMPLATES_DIR, 'partials'));
  const hb = Handlebars.create();
  registerHelpers(hb);
  const kit = { hb, mjml, partials, helpers: new Set([...HELPER_NAMES, ...BUILTIN_HELPER_NAMES]) };
  const registry = await TemplateRegistry.create({ templatesDir: TEMPLATES_DIR, source: { get: async () => null } });
  const metrics = new Metrics();
  const naive = naiveRenderer(await inlineMjml(), partials);
  const sources = await readBuiltinTemplates(TEMPLATES_DIR);
  const figures: RenderFigures[] = [];
  for (const type of EVENT_TYPES) {
    const source = sources.find((s) => s.type === type);
    if (!source) throw new Error(`no built-in template for ${type}`);
    const vars = variablesFor(type);
    const compiled = await compileTemplate(source, kit, source.id);
    const ref = { kind: 'builtin', type } as const;
    const heraldOnce = async () => {
      const end = metrics.renderDuration.startTimer({ template: 'builtin' });
      await registry.render(ref, vars);
      end();
    };
    await rate(300, heraldOnce);
    await rate(300, () => limitRender(compiled, vars));
    await rate(300, () => naive(source, vars));
    const figure = {
      type,
      naive: await rate(2000, () => naive(source, vars)),
      herald: await rate(1500, heraldOnce),
      limit: await rate(1500, () => limitRender(compiled, vars)),
    };
    figures.push(figure);
    log(`render ${type}: herald ${figure.herald.toFixed(0)}/s, naive ${figure.naive.toFixed(1)}/s, limit ${figure.limit.toFixed(0)}/s`);
  }
  const rows = figures.flatMap((f) => [
    ratioRow(`render ${f.type} vs naive`, 'msg/s', f.herald, f.naive, 'mjml2html+hbs per msg', { min: 200 }),
    ratioRow(`render ${f.type} vs limit`, 'msg/s', f.herald, f.limit, 'compiled hbs alone', { min: 0.5 }),
  ]);
  return { rows, figures };
}
