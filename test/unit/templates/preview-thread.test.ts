import { builtinEventTypes } from '../../../src/event-types/catalog';
import { PreviewThread } from '../../../src/templates/preview-thread';
import { TemplateRegistry } from '../../../src/templates/template-registry';
import { FakeTemplateSource, mjmlDoc, TEMPLATES_DIR } from './registry-helpers';

const source = new FakeTemplateSource();
/** A stored template whose {{#each}} repeats `lines` lines per product. */
function stored(id: string, lines: number) {
  const body = Array.from({ length: lines }, (_, i) => `<p>{{productname}} ${i}: {{money cost ../currency}}</p>`).join('\n');
  source.put(id, 1, { subject: 'Order {{orderid}}', mjml: mjmlDoc(`        <mj-text>{{#each products}}${body}{{/each}}</mj-text>`) });
  return { kind: 'stored', id, version: 1 } as const;
}
const products = (n: number) => Array.from({ length: n }, (_, i) => ({ productname: `Tent ${i}`, cost: 10 + i }));

describe('preview thread', () => {
  let thread: PreviewThread;
  let registry: TemplateRegistry;
  beforeAll(async () => {
    thread = new PreviewThread({ timeoutMs: 3000, maxChars: 200_000, maxWaiting: 2 });
    registry = await TemplateRegistry.create({ templatesDir: TEMPLATES_DIR, source, preview: thread, eventTypes: builtinEventTypes().all() });
  });

  test('when a preview renders, then it is the same email the registry renders for a message', async () => {
    const ref = stored('small', 2);
    const vars = { orderid: 'PO-1', currency: 'EUR', products: products(2) };
    const previewed = await registry.renderPreview(ref, vars);
    expect(previewed).toEqual(await registry.render(ref, vars));
    expect(previewed.html).toContain('Tent 1 1: €11.00');
    expect(thread.running).toBe(true);
  });

  test('when a preview would be larger than allowed, then 422 says how large it would be', async () => {
    const ref = stored('wide', 50);
    await expect(registry.renderPreview(ref, { orderid: 'PO-2', currency: 'USD', products: products(200) })).rejects.toMatchObject({
      code: 'template_invalid',
      status: 422,
      message: expect.stringMatching(/^The preview would be \d+\.\d MB of HTML and text, more than the 0\.2 MB a preview may be/),
    });
  });

  test('when a preview renders past the timeout, then it is stopped with a 422 and the next preview works', async () => {
    const slow = new PreviewThread({ timeoutMs: 1000, maxChars: Number.MAX_SAFE_INTEGER });
    const slowRegistry = await TemplateRegistry.create({ templatesDir: TEMPLATES_DIR, source, preview: slow, eventTypes: builtinEventTypes().all() });
    // a tiny template (its compile is instant) whose three nested loops make 216 million iterations
    source.put('cubed', 1, { subject: 'Order {{orderid}}', mjml: mjmlDoc('        <mj-text>{{#each products}}{{#each @root.products}}{{#each @root.products}}x{{/each}}{{/each}}{{/each}}</mj-text>') });
    const ref = { kind: 'stored', id: 'cubed', version: 1 } as const;
    // start the thread first, so the time measured is the render's
    await slowRegistry.renderPreview(ref, { orderid: 'PO-0', products: [] });
    const started = Date.now();
    await expect(slowRegistry.renderPreview(ref, { orderid: 'PO-3', products: products(600) })).rejects.toMatchObject({
      code: 'template_invalid',
      message: expect.stringContaining('took longer than 1 s to render and was stopped'),
    });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(slow.running).toBe(false);
    const next = await slowRegistry.renderPreview(ref, { orderid: 'PO-4', products: products(2) });
    expect(next).toMatchObject({ subject: 'Order PO-4', html: expect.stringContaining('xxxxxxxx') });
  }, 60_000);

  test('when more previews wait than allowed, then the extra ones are refused as unavailable (retry)', async () => {
    const ref = stored('queued', 1);
    const vars = { orderid: 'PO-5', currency: 'USD', products: products(1) };
    const results = await Promise.allSettled([1, 2, 3].map(() => registry.renderPreview(ref, vars)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(results[2]).toMatchObject({ reason: { code: 'unavailable', retryable: true } });
  });
});
