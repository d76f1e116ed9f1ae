import type { TemplateRegistry } from '../../../src/templates/template-registry';
import type { TemplateIssue } from '../../../src/templates/template-issue';
import { createRegistry, mjmlDoc } from './registry-helpers';

let registry: TemplateRegistry;
beforeAll(async () => {
  registry = await createRegistry();
});

const validate = (mjml: string, subject = 'Order {{orderid}}', text?: string): Promise<TemplateIssue[]> =>
  registry.validate({ subject, mjml, ...(text !== undefined ? { text } : {}) });

describe('validating a stored template', () => {
  it('when the template is valid, with partials, helpers and blocks in the right places, then there are no issues', async () => {
    const mjml = [
      '<mjml>', '  <mj-body>', '    {{> header}}',
      '    <mj-raw>{{#if comments}}</mj-raw>',
      '    <mj-section><mj-column><mj-text>{{comments}}</mj-text></mj-column></mj-section>',
      '    <mj-raw>{{/if}}</mj-raw>',
      '    <mj-section><mj-column>',
      '      <mj-table>{{#each products}}<tr><td>{{productname}}</td><td>{{money cost ../currency}}</td></tr>{{/each}}</mj-table>',
      '      <mj-button href="{{trackingurl}}">Track</mj-button>',
      '    </mj-column></mj-section>', '    {{> footer}}', '  </mj-body>', '</mjml>',
    ].join('\n');
    await expect(validate(mjml, 'Order {{orderid}} on {{date datesubmitted}}', 'Total {{money total currency}}')).resolves.toEqual([]);
  });

  it('when MJML has an invalid attribute, then the issue names its line', async () => {
    const issues = await validate(mjmlDoc('        <mj-text colr="red">Hi</mj-text>'));
    expect(issues).toEqual([expect.objectContaining({ source: 'mjml', line: 5, message: expect.stringContaining('colr') })]);
  });

  it('when a Handlebars expression does not parse, then the issue names the part and line', async () => {
    const issues = await validate(mjmlDoc('        <mj-text>Hi</mj-text>', '        <mj-text>{{firstname</mj-text>'));
    expect(issues).toEqual([expect.objectContaining({ source: 'mjml', line: 6, message: expect.stringContaining('Handlebars cannot parse') })]);
    const textIssues = await validate(mjmlDoc('<mj-text>Hi</mj-text>'), 'Hi', 'Hello\n{{#if total}}\nno end');
    expect(textIssues).toEqual([expect.objectContaining({ source: 'text', line: expect.any(Number) })]);
    const subjectIssues = await validate(mjmlDoc('<mj-text>Hi</mj-text>'), 'Order {{#each}}');
    expect(subjectIssues).toEqual([expect.objectContaining({ source: 'subject', line: 1 })]);
  });

  it('when a block helper is bare text between MJML components, then the issue says MJML drops it and where to move it', async () => {
    const mjml = ['<mjml>', '  <mj-body>', '    <mj-section>', '      {{#each products}}', '      <mj-column><mj-text>{{productname}}</mj-text></mj-column>', '      {{/each}}', '    </mj-section>', '  </mj-body>', '</mjml>'].join('\n');
    const issues = await validate(mjml);
    expect(issues).toEqual([
      expect.objectContaining({ source: 'mjml', line: 4, message: expect.stringMatching(/drops \{\{#each products\}\}.*<mj-raw>, <mj-text> or <mj-table>/) }),
    ]);
  });

  it('when a plain variable is bare text between components, then it is reported as dropped too', async () => {
    const issues = await validate(mjmlDoc('        {{firstname}}', '        <mj-text>Hi</mj-text>'));
    expect(issues).toEqual([expect.objectContaining({ source: 'mjml', line: 5, message: expect.stringContaining('drops {{firstname}}') })]);
  });

  it('when a typed attribute holds a Handlebars expression, then the issue explains MJML checks it before Handlebars runs', async () => {
    const issues = await validate(mjmlDoc('        <mj-button background-color="{{brandcolor}}" href="{{url}}">Go</mj-button>'));
    expect(issues).toEqual([
      expect.objectContaining({ source: 'mjml', line: 5, message: expect.stringMatching(/background-color.*cannot contain \{\{…\}\}/) }),
    ]);
  });

  it('when an error follows a partial, then its line is the author\'s line, not the expanded one', async () => {
    const mjml = ['<mjml>', '  <mj-body>', '    {{> header}}', '    <mj-section padding="{{gap}}"><mj-column><mj-text>x</mj-text></mj-column></mj-section>', '  </mj-body>', '</mjml>'].join('\n');
    const issues = await validate(mjml);
    expect(issues).toEqual([expect.objectContaining({ source: 'mjml', line: 4, message: expect.stringContaining('padding') })]);
  });

  it('when an unknown helper is used, then the issue names it and lists the helpers available', async () => {
    const issues = await validate(mjmlDoc('<mj-text>{{shout firstname}}</mj-text>'), 'Hi {{(upper firstname)}}', 'Line one\n{{#repeat 3}}x{{/repeat}}');
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: 'mjml', line: 5, message: expect.stringMatching(/Unknown helper "shout".*money/) }),
      expect.objectContaining({ source: 'text', line: 2, message: expect.stringContaining('Unknown helper "repeat"') }),
    ]));
    expect(issues.some((i) => i.source === 'subject')).toBe(true);
  });

  it('when an unknown partial is used, then the issue names it and lists the partials available', async () => {
    const mjml = ['<mjml>', '  <mj-body>', '    {{> sidebar}}', '  </mj-body>', '</mjml>'].join('\n');
    const issues = await validate(mjml);
    expect(issues).toContainEqual(expect.objectContaining({ source: 'mjml', line: 3, message: expect.stringMatching(/Unknown partial "sidebar".*footer, head, header/) }));
  });

  it('when a partial is used in the subject, then the issue says partials only work in the mjml', async () => {
    const issues = await validate(mjmlDoc('<mj-text>x</mj-text>'), 'Hi {{> header}}');
    expect(issues).toEqual([expect.objectContaining({ source: 'subject', line: 1, message: expect.stringContaining('only work in the mjml') })]);
  });

  it('when <mj-include> is used, then the issue says to use partials instead', async () => {
    const issues = await validate(mjmlDoc('<mj-include path="./other.mjml" />'));
    expect(issues).toContainEqual(expect.objectContaining({ source: 'mjml', line: 5, message: expect.stringContaining('{{> header}}') }));
  });
});
