import { stripIndentation } from '../../../src/templates/compile';

describe('compiled HTML', () => {
  test('when MJML output is indented, then the indentation goes and line breaks stay', () => {
    expect(stripIndentation('<div>\n    <p>Hi {{firstname}}</p>\n\t\t<p>x</p>\n</div>')).toBe('<div>\n<p>Hi {{firstname}}</p>\n<p>x</p>\n</div>');
  });

  test('when the HTML has a <pre>, then it is left exactly as it is', () => {
    const html = '<div>\n  <pre>\n    code\n  </pre>\n</div>';
    expect(stripIndentation(html)).toBe(html);
  });
});
