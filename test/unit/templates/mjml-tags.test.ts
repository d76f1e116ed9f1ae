import { tagIssues } from '../../../src/templates/mjml-tags';
import { mjmlDoc } from './registry-helpers';

const lines = (issues: { line: number }[]) => issues.map((i) => i.line);

describe('MJML tag structure', () => {
  test('when every tag is closed, self-closed or void, then there is no issue', () => {
    const mjml = mjmlDoc(
      '        <mj-image src="https://img.example/a.png" />',
      '        <mj-divider/>',
      '        <mj-text>Hi<br>there<br/><img src="x.png"><p>one<p>two</mj-text>',
      '        <mj-table><tr><td>{{productname}}<td>{{money cost ../currency}}</tr></mj-table>',
    );
    expect(tagIssues(mjml)).toEqual([]);
  });

  test('when Handlebars or comments hold < or >, then they are not read as tags', () => {
    const mjml = mjmlDoc(
      '        <mj-text title="{{#if (gt total 5)}}big{{/if}}">{{{greeting "<b>"}}}</mj-text>',
      '        <!-- <mj-text> left open in a comment -->',
      '        <mj-raw><!--[if mso]><table><tr><td><![endif]--></mj-raw>',
      '        <mj-text>a &lt; b and c > d</mj-text>',
    );
    expect(tagIssues(mjml)).toEqual([]);
  });

  test('when an <mj-raw> opens what a later one closes, then that is allowed (raw on purpose)', () => {
    expect(tagIssues(mjmlDoc('        <mj-raw><div class="wrap"></mj-raw>', '        <mj-text>Hi</mj-text>', '        <mj-raw></div></mj-raw>'))).toEqual([]);
  });

  test('when a component is not closed, then the issue is on the line that opens it and names the tag that comes first', () => {
    const issues = tagIssues(mjmlDoc('        <mj-text>Hi'));
    expect(issues).toEqual([{ source: 'mjml', line: 5, message: '<mj-text> is not closed: </mj-column> on line 6 comes first. Add </mj-text> before it.' }]);
  });

  test('when HTML inside a component is left open or closed twice, then each is reported with its line', () => {
    expect(lines(tagIssues(mjmlDoc('        <mj-text>', '          <b>bold', '        </mj-text>')))).toEqual([6]);
    expect(tagIssues(mjmlDoc('        <mj-text><b>x</b></i></mj-text>'))).toEqual([expect.objectContaining({ line: 5, message: '</i> closes nothing: no <i> is open here.' })]);
  });

  test('when the root is never closed, then it is reported at line 1', () => {
    expect(tagIssues('<mjml>\n  <mj-body>\n  </mj-body>\n')).toEqual([expect.objectContaining({ line: 1, message: '<mjml> is never closed: add </mjml>.' })]);
  });
});
