import { htmlToText } from '../../../src/templates/html-text';

const EMAIL = `<!doctype html><html><head><style>a{color:red}</style></head><body>
<div style="display:none;font-size:1px;">Hidden preview text</div>
<table role="presentation"><tr><td><p>Hello Ana</p>
<table border="0"><tr><th>Item</th><th>Total</th></tr><tr><td>Tent</td><td>$60.00</td></tr></table>
<a href="https://track.example/7">Track it</a> <img src="https://img.example/logo.png" alt="logo"></td></tr></table>
</body></html>`;

describe('htmlToText', () => {
  it('when an HTML email is converted, then links keep their URL, data tables stay aligned and hidden text is left out', () => {
    const text = htmlToText(EMAIL);
    expect(text).toContain('Hello Ana');
    expect(text).toContain('Track it [https://track.example/7]');
    expect(text).toMatch(/Item\s+Total\nTent\s+\$60\.00/);
    expect(text).not.toContain('Hidden preview text');
    expect(text).not.toContain('color:red');
    expect(text).not.toContain('logo');
  });
});
