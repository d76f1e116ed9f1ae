import Handlebars from 'handlebars';
import { formatDate, formatMoney, registerHelpers, renderOptions } from '../../../src/templates/helpers';

describe('template helpers', () => {
  it('when money is formatted, then it uses the currency symbol, two decimals and en-US by default', () => {
    expect(formatMoney(113.25, 'USD')).toBe('$113.25');
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(-10, 'usd')).toBe('-$10.00');
  });

  it('when money is not a number or the currency is unknown, then it renders nothing or plain digits', () => {
    expect(formatMoney(undefined, 'USD')).toBe('');
    expect(formatMoney('abc', 'USD')).toBe('');
    expect(formatMoney(5, 'NOT-A-CODE')).toBe('5.00 NOT-A-CODE');
  });

  it('when a date is formatted, then it reads like a date in UTC, and garbage is shown as given', () => {
    expect(formatDate('2026-11-20T23:30:00-05:00')).toBe('November 21, 2026');
    expect(formatDate('2026-11-20T10:00:00Z', true)).toBe('November 20, 2026 at 10:00 AM UTC');
    expect(formatDate('next tuesday')).toBe('next tuesday');
    expect(formatDate(undefined)).toBe('');
  });

  it('when the helpers are used in a template, then comparisons and formatting work and log is gone', () => {
    const hb = Handlebars.create();
    registerHelpers(hb);
    const render = hb.compile('{{money total currency}}|{{date when}}|{{#if (gt discount 0)}}D{{/if}}{{#if (eq a "x")}}X{{/if}}|{{default missing "n/a"}}|{{uppercase name}}');
    expect(render({ total: 5, currency: 'USD', when: '2026-01-02T00:00:00Z', discount: 1, a: 'x', name: 'acme' })).toBe('$5.00|January 2, 2026|DX|n/a|ACME');
    expect(hb.helpers.log).toBeUndefined();
  });

  it('when one render formats repeated values through its memo, then every value still gets its own text', () => {
    const hb = Handlebars.create();
    registerHelpers(hb);
    const source = '{{money a "USD"}}|{{money b "USD"}}|{{money a "EUR"}}|{{money a "EUR" "de-DE"}}|{{money a}}|{{date d}}|{{datetime d}}|{{date e}}|{{date d "fr-FR"}}|{{money a "USD"}}|{{money "7" "USD"}}|{{money 7 "USD"}}';
    const render = hb.compile(source);
    const vars = { a: 1234.5, b: 2, d: '2026-11-20T10:00:00Z', e: '2026-01-02T00:00:00Z', locale: 'en-GB' };
    const expected = 'US$1,234.50|US$2.00|€1,234.50|1.234,50\u00a0€|US$1,234.50|20 November 2026|20 November 2026 at 10:00 UTC|2 January 2026|20 novembre 2026|US$1,234.50|US$7.00|US$7.00';
    const options = renderOptions();
    expect(render(vars, options)).toBe(expected);
    // the same options again (the subject and text of one message share them): same answers
    expect(render(vars, options)).toBe(expected);
    expect(render(vars)).toBe(expected);
    expect(render({ ...vars, a: 99 }, renderOptions())).toContain('US$99.00|US$2.00|€99.00');
  });

  it('when -0 and 0 are formatted in one render, then each keeps its own text', () => {
    const hb = Handlebars.create();
    registerHelpers(hb);
    const render = hb.compile('{{money adj "USD"}}|{{money ship "USD"}}|{{money ship2 "USD"}}');
    expect(render({ adj: -0, ship: 0, ship2: -0 }, renderOptions())).toBe(render({ adj: -0, ship: 0, ship2: -0 }));
    expect(render({ adj: 0, ship: -0, ship2: 0 }, renderOptions())).toBe('$0.00|-$0.00|$0.00');
  });
});
