import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtinEventTypes } from '../../../src/event-types/catalog';
import type { MjmlCompile } from '../../../src/templates/mjml-compiler';
import { cachedMjml } from '../../support/mjml-cache';
import type { TemplateRegistry } from '../../../src/templates/template-registry';
import { createRegistry, FakeTemplateSource, mjmlDoc, TEMPLATES_DIR } from './registry-helpers';

// MJML itself (its output kept by source: every registry here compiles the same built-ins;
// the counting below wraps it, so what is counted is the registry's calls)
const realMjml: MjmlCompile = cachedMjml;

const STORED = {
  subject: 'Order {{orderid}} for {{firstname}}',
  mjml: mjmlDoc('<mj-text>Hello {{firstname}}, your total is {{money total currency}}.</mj-text>', '<mj-button href="{{trackingurl}}">Track it</mj-button>'),
};
/** MJML compiles at startup: one per built-in template. */
const BUILTINS = builtinEventTypes().types.length;
const VARS = { orderid: 'PO-7', firstname: 'Ana', total: 12.5, currency: 'EUR', trackingurl: 'https://track.example/7' };

describe('TemplateRegistry', () => {
  let mjml: jest.Mock<ReturnType<MjmlCompile>, Parameters<MjmlCompile>>;
  let source: FakeTemplateSource;
  let registry: TemplateRegistry;
  beforeEach(async () => {
    mjml = jest.fn(realMjml);
    source = new FakeTemplateSource();
    registry = await createRegistry(source, mjml);
  });

  it('when it starts, then every built-in is compiled with MJML exactly once', () => {
    expect(mjml).toHaveBeenCalledTimes(BUILTINS);
  });

  it('when many messages are rendered, then MJML never runs again for built-ins and once per stored version', async () => {
    source.put('promo', 1, STORED);
    source.put('promo', 2, { ...STORED, subject: 'v2 {{orderid}}' });
    const renders = [];
    for (let i = 0; i < 25; i += 1) {
      renders.push(registry.render({ kind: 'builtin', type: 'order.submitted' }, VARS));
      renders.push(registry.render({ kind: 'stored', id: 'promo', version: 1 }, VARS));
      renders.push(registry.render({ kind: 'stored', id: 'promo', version: 2 }, VARS));
    }
    const emails = await Promise.all(renders);
    expect(mjml).toHaveBeenCalledTimes(BUILTINS + 2);
    expect(source.lookups).toBe(2);
    expect(emails[1]?.subject).toBe('Order PO-7 for Ana');
    expect(emails[2]?.subject).toBe('v2 PO-7');
  });

  it('when a template is prepared for a PUT, then MJML runs once and the stored version renders from that compile', async () => {
    const prepared = await registry.prepare(STORED);
    expect(prepared.issues).toEqual([]);
    if (!('keep' in prepared)) throw new Error('expected a valid template');
    prepared.keep({ ...STORED, id: 'fresh', version: 1, createdAt: '', updatedAt: '' });
    const email = await registry.render({ kind: 'stored', id: 'fresh', version: 1 }, VARS);
    expect(email.subject).toBe('Order PO-7 for Ana');
    expect(mjml).toHaveBeenCalledTimes(BUILTINS + 1);
    expect(source.lookups).toBe(0);
  });

  it('when an invalid template is prepared, then its issues come back and nothing is cached', async () => {
    const prepared = await registry.prepare({ subject: 'x', mjml: mjmlDoc('<mj-text>{{#each products}}</mj-text>') });
    expect(prepared.issues.length).toBeGreaterThan(0);
    expect('keep' in prepared).toBe(false);
  });

  it('when a stored template has no text part, then the text is derived from the HTML with links kept', async () => {
    source.put('no-text', 1, STORED);
    const email = await registry.render({ kind: 'stored', id: 'no-text', version: 1 }, VARS);
    expect(email.html).toContain('€12.50');
    expect(email.text).toContain('Hello Ana, your total is €12.50.');
    expect(email.text).toMatch(/Track it.*https:\/\/track\.example\/7/s);
    expect(email.text).not.toMatch(/<|\{\{/);
  });

  it('when a stored template has a text part, then it is used as written, not HTML-escaped', async () => {
    source.put('with-text', 1, { ...STORED, text: 'Hi {{firstname}} & team' });
    const email = await registry.render({ kind: 'stored', id: 'with-text', version: 1 }, { firstname: 'O\'Neil <ops>' });
    expect(email.text).toBe('Hi O\'Neil <ops> & team');
    expect(email.subject).toBe('Order for O\'Neil <ops>');
  });

  it('when a stored version does not exist, then rendering fails with not_found and a later PUT is picked up', async () => {
    await expect(registry.render({ kind: 'stored', id: 'late', version: 1 }, VARS)).rejects.toMatchObject({ code: 'not_found' });
    source.put('late', 1, STORED);
    await expect(registry.render({ kind: 'stored', id: 'late', version: 1 }, VARS)).resolves.toMatchObject({ subject: 'Order PO-7 for Ana' });
  });
});

describe('TemplateRegistry with a broken built-in template', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herald-templates-'));
    await cp(TEMPLATES_DIR, dir, { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when a built-in MJML file is invalid, then startup fails naming the file and line', async () => {
    const file = path.join(dir, 'order.shipped', 'body.mjml');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.splice(11, 0, '          <mj-text colr="red">oops</mj-text>');
    await writeFile(file, lines.join('\n'));
    await expect(createRegistry(new FakeTemplateSource(), realMjml, dir)).rejects.toThrow(`${file}:12: <mj-text> Attribute colr is illegal`);
  });

  it('when a built-in text template uses an unknown helper, then startup fails naming text.hbs and the line', async () => {
    const file = path.join(dir, 'user.password_reset', 'text.hbs');
    await writeFile(file, 'Hello\n{{shout firstname}}\n');
    await expect(createRegistry(new FakeTemplateSource(), realMjml, dir)).rejects.toThrow(`${file}:2:1: Unknown helper "shout"`);
  });

  it('when a shared partial is invalid, then startup names the including file, the partial and its line', async () => {
    const partial = path.join(dir, 'partials', 'header.mjml');
    const lines = (await readFile(partial, 'utf8')).split('\n');
    lines.splice(2, 0, '    <mj-image width="{{logowidth}}" src="https://img.example/logo.png" />');
    await writeFile(partial, lines.join('\n'));
    const including = path.join(dir, 'order.submitted', 'body.mjml');
    await expect(createRegistry(new FakeTemplateSource(), realMjml, dir)).rejects.toThrow(
      new RegExp(`${including}:8: In partial "header" \\(line 3\\): <mj-image> Attribute width has invalid value`),
    );
  });
});
