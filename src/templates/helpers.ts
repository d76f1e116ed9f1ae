import type Handlebars from 'handlebars';

type Hbs = typeof Handlebars;
type Helper = (...args: unknown[]) => unknown;

const DEFAULT_LOCALE = 'en-US';

/** Formatters by locale, then currency (null: Intl refused the pair). No key strings per call. */
const moneyFormats = new Map<string, Map<string, Intl.NumberFormat | null>>();
const dateFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function currencyFormat(currency: string, locale: string): Intl.NumberFormat | null {
  let byCurrency = moneyFormats.get(locale);
  if (!byCurrency) moneyFormats.set(locale, (byCurrency = new Map()));
  let format = byCurrency.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      format = null; // unknown currency or locale: the caller falls back to plain digits
    }
    byCurrency.set(currency, format);
  }
  return format;
}

/**
 * What one message's render has formatted, by formatter and value: the same total or date
 * appears in the HTML, the text and often twice in each, and Intl formatting is the largest
 * part of a render. Lives for one render only (`renderOptions`), so nothing is shared between
 * messages.
 */
export type FormatMemo = Map<object, Map<unknown, string>>;

function memoized(memo: FormatMemo | undefined, format: Intl.NumberFormat | Intl.DateTimeFormat, value: string | number, make: (value: string | number) => string): string {
  // a Map does not tell -0 from 0, and Intl formats them differently ("-$0.00")
  if (!memo || Object.is(value, -0)) return make(value);
  let byValue = memo.get(format);
  if (!byValue) memo.set(format, (byValue = new Map()));
  let text = byValue.get(value);
  if (text === undefined) byValue.set(value, (text = make(value)));
  return text;
}

/** `{{money total currency}}` → `$113.25`. Non-numbers render as nothing. */
export function formatMoney(amount: unknown, currency: unknown = 'USD', locale: unknown = DEFAULT_LOCALE, memo?: FormatMemo): string {
  const value = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : amount;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const code = typeof currency === 'string' && currency ? currency.toUpperCase() : 'USD';
  const format = currencyFormat(code, typeof locale === 'string' ? locale : DEFAULT_LOCALE);
  return format ? memoized(memo, format, value, (v) => format.format(v as number)) : `${value.toFixed(2)} ${code}`;
}

function dateFormat(withTime: boolean, locale: string): Intl.DateTimeFormat {
  let formats = dateFormats.get(locale);
  if (!formats) {
    const date: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
    formats = {
      date: new Intl.DateTimeFormat(locale, date),
      time: new Intl.DateTimeFormat(locale, { ...date, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }),
    };
    dateFormats.set(locale, formats);
  }
  return withTime ? formats.time : formats.date;
}

/** `{{date datesubmitted}}` → `November 20, 2026` (UTC). Unparseable values render as given. */
export function formatDate(value: unknown, withTime = false, locale: unknown = DEFAULT_LOCALE, memo?: FormatMemo): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  let format: Intl.DateTimeFormat;
  try {
    format = dateFormat(withTime, typeof locale === 'string' ? locale : DEFAULT_LOCALE);
  } catch {
    format = dateFormat(withTime, DEFAULT_LOCALE); // not a locale Intl knows
  }
  return memoized(memo, format, value, (v) => {
    const date = new Date(v);
    return Number.isNaN(date.getTime()) ? String(v) : format.format(date);
  });
}

/** Every helper drops Handlebars' trailing `options` argument before doing its work. */
const HELPERS: Record<string, Helper> = {
  money: (amount, currency, locale) => formatMoney(amount, currency, locale),
  date: (value, locale) => formatDate(value, false, locale),
  datetime: (value, locale) => formatDate(value, true, locale),
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => typeof a === 'number' && typeof b === 'number' && a > b,
  lt: (a, b) => typeof a === 'number' && typeof b === 'number' && a < b,
  and: (...values) => values.every(Boolean),
  or: (...values) => values.some(Boolean),
  not: (value) => !value,
  default: (value, fallback) => (value === undefined || value === null || value === '' ? fallback : value),
  uppercase: (value) => (typeof value === 'string' ? value.toUpperCase() : value),
  lowercase: (value) => (typeof value === 'string' ? value.toLowerCase() : value),
};

/** Names usable in templates besides Handlebars' own block helpers. */
export const HELPER_NAMES: readonly string[] = Object.keys(HELPERS);

/** Handlebars built-ins that templates may use (`log` is removed: templates must not write to our logs). */
export const BUILTIN_HELPER_NAMES: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup'];

interface HelperOptions {
  data?: { root?: Record<string, unknown>; formats?: FormatMemo };
}

/** The recipient's locale (the `locale` variable), read from the options Handlebars passes last. */
const recipientLocale = (options: unknown): unknown => (options as HelperOptions | undefined)?.data?.root?.locale;

/** The render's format memo, if the caller passed one (see `renderOptions`). */
const memoOf = (options: unknown): FormatMemo | undefined => (options as HelperOptions | undefined)?.data?.formats;

/**
 * Options for the template functions of one message's render: prototype access off whatever
 * Handlebars' defaults become, and a fresh format memo shared by its subject, HTML and text.
 */
export function renderOptions(): Handlebars.RuntimeOptions {
  return { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, data: { formats: new Map() } };
}

/**
 * The formatting helpers run many times per message (every price), so their wrappers read
 * `arguments` in place instead of copying them. Without a locale argument they format for the
 * recipient; the options hash Handlebars appends last is never taken for a value.
 */
/* eslint-disable prefer-rest-params -- a rest parameter would copy the arguments on every call */
const FORMATTERS: Record<string, Helper> = {
  money: function (this: unknown, amount, currency, locale) {
    const n = arguments.length - 1;
    return formatMoney(n > 0 ? amount : undefined, n > 1 ? currency : undefined, n > 2 ? locale : recipientLocale(arguments[n]), memoOf(arguments[n]));
  },
  date: function (this: unknown, value, locale) {
    const n = arguments.length - 1;
    return formatDate(n > 0 ? value : undefined, false, n > 1 ? locale : recipientLocale(arguments[n]), memoOf(arguments[n]));
  },
  datetime: function (this: unknown, value, locale) {
    const n = arguments.length - 1;
    return formatDate(n > 0 ? value : undefined, true, n > 1 ? locale : recipientLocale(arguments[n]), memoOf(arguments[n]));
  },
};
/* eslint-enable prefer-rest-params */

/** Registers Herald's helpers on a private Handlebars instance and removes `log`. */
export function registerHelpers(hb: Hbs): void {
  hb.unregisterHelper('log');
  for (const [name, helper] of Object.entries(HELPERS)) {
    // strip the options hash Handlebars appends as the last argument
    hb.registerHelper(name, FORMATTERS[name] ?? ((...args: unknown[]) => helper(...args.slice(0, -1))));
  }
}
