import type Handlebars from 'handlebars';

type Hbs = typeof Handlebars;
type Helper = (...args: unknown[]) => unknown;

const DEFAULT_LOCALE = 'en-US';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function currencyFormat(currency: string, locale: string): Intl.NumberFormat | undefined {
  const key = `${locale}|${currency}`;
  if (!moneyFormats.has(key)) {
    try {
      moneyFormats.set(key, new Intl.NumberFormat(locale, { style: 'currency', currency }));
    } catch {
      return undefined; // unknown currency or locale: the caller falls back to plain digits
    }
  }
  return moneyFormats.get(key);
}

/** `{{money total currency}}` → `$113.25`. Non-numbers render as nothing. */
export function formatMoney(amount: unknown, currency: unknown = 'USD', locale: unknown = DEFAULT_LOCALE): string {
  const value = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : amount;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const code = typeof currency === 'string' && currency ? currency.toUpperCase() : 'USD';
  const format = currencyFormat(code, typeof locale === 'string' ? locale : DEFAULT_LOCALE);
  return format ? format.format(value) : `${value.toFixed(2)} ${code}`;
}

function dateFormat(withTime: boolean, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    const time: Intl.DateTimeFormatOptions = withTime ? { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } : {};
    format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC', ...time });
    dateFormats.set(key, format);
  }
  return format;
}

/** `{{date datesubmitted}}` → `November 20, 2026` (UTC). Unparseable values render as given. */
export function formatDate(value: unknown, withTime = false, locale: unknown = DEFAULT_LOCALE): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  try {
    return dateFormat(withTime, typeof locale === 'string' ? locale : DEFAULT_LOCALE).format(date);
  } catch {
    return dateFormat(withTime, DEFAULT_LOCALE).format(date);
  }
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

/**
 * Formatting helpers and the position of their locale argument: without one, they format
 * for the recipient (the `locale` variable, from the user's `locale`).
 */
const LOCALE_ARGUMENT: Record<string, number> = { money: 2, date: 1, datetime: 1 };

interface HelperOptions {
  data?: { root?: Record<string, unknown> };
}

/** Registers Herald's helpers on a private Handlebars instance and removes `log`. */
export function registerHelpers(hb: Hbs): void {
  hb.unregisterHelper('log');
  for (const [name, helper] of Object.entries(HELPERS)) {
    const localeAt = LOCALE_ARGUMENT[name];
    hb.registerHelper(name, (...args: unknown[]) => {
      // strip the options hash Handlebars appends as the last argument
      const options = args.at(-1) as HelperOptions | undefined;
      const values = args.slice(0, -1);
      if (localeAt !== undefined && values.length <= localeAt) values[localeAt] = options?.data?.root?.locale;
      return helper(...values);
    });
  }
}
