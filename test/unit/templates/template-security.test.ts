import fs from 'node:fs';
import { AppError } from '../../../src/shared/errors';
import type { TemplateRegistry } from '../../../src/templates/template-registry';
import { createRegistry, FakeTemplateSource, mjmlDoc } from './registry-helpers';

const canary = globalThis as { heraldPwned?: unknown };

let source: FakeTemplateSource;
let registry: TemplateRegistry;
beforeAll(async () => {
  source = new FakeTemplateSource();
  registry = await createRegistry(source);
});
afterEach(() => jest.restoreAllMocks());

const ESCAPES = [
  '{{constructor.constructor "globalThis.heraldPwned = 1"}}',
  '{{#with (lookup this "constructor")}}{{#with (lookup this "constructor")}}{{this "globalThis.heraldPwned = 1"}}{{/with}}{{/with}}',
  '{{lookup this "__proto__"}}',
  '{{#with __proto__}}polluted{{/with}}',
  '{{> etc/passwd}}',
  '{{> (lookup this "file")}}',
];

describe('template escape attempts', () => {
  it.each(ESCAPES)('when a stored template contains %s, then validation rejects it', async (attempt) => {
    const issues = await registry.validate({ subject: 'Hi', mjml: mjmlDoc(`<mj-text>${attempt}</mj-text>`), text: attempt });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.line >= 1 && i.message.length > 20)).toBe(true);
  });

  it.each(ESCAPES)('when %s is in the store unvalidated, then rendering refuses it: nothing runs and no file is read', async (attempt) => {
    const readFile = jest.spyOn(fs, 'readFileSync');
    const readFileAsync = jest.spyOn(fs.promises, 'readFile');
    source.put(`evil-${ESCAPES.indexOf(attempt)}`, 1, { subject: 'Hi', mjml: mjmlDoc(`<mj-text>${attempt}</mj-text>`) });
    const rendering = registry.render({ kind: 'stored', id: `evil-${ESCAPES.indexOf(attempt)}`, version: 1 }, { file: '/etc/passwd' });
    await expect(rendering).rejects.toMatchObject({ code: 'template_invalid' });
    await expect(rendering).rejects.toBeInstanceOf(AppError);
    expect(canary.heraldPwned).toBeUndefined();
    expect(readFile).not.toHaveBeenCalled();
    expect(readFileAsync).not.toHaveBeenCalled();
  });

  it('when a valid template looks up prototype properties through data, then they render as nothing', async () => {
    source.put('dynamic-lookup', 1, {
      subject: '[{{lookup this key}}]',
      mjml: mjmlDoc('<mj-text>[{{#with (lookup this key)}}{{name}}{{/with}}][{{#each this}}{{@key}};{{/each}}]</mj-text>'),
      text: '[{{lookup this key}}][{{lookup (lookup this key) "name"}}]',
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // Handlebars logs each denied access
    for (const key of ['constructor', '__proto__', '__defineGetter__', 'toString']) {
      const email = await registry.render({ kind: 'stored', id: 'dynamic-lookup', version: 1 }, { key });
      expect(email.subject).toBe('[]');
      expect(email.text).toBe('[][]');
      expect(email.html).toContain(`[][key;]`);
      expect(email.html).not.toMatch(/function|Object/);
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('when a variable holds HTML, then the HTML part escapes it', async () => {
    source.put('escaping', 1, { subject: 'Hi {{firstname}}', mjml: mjmlDoc('<mj-text>Hi {{firstname}}</mj-text>') });
    const email = await registry.render({ kind: 'stored', id: 'escaping', version: 1 }, { firstname: '<img src=x onerror=alert(1)>' });
    expect(email.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(email.html).not.toContain('<img src=x');
  });
});
