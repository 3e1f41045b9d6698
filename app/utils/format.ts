import { CHINA_TIME_ZONE, formatChinaInstant } from "~/domain/china-time";

// Money, numbers and dates always go through Intl for the active locale; dates in China time.
type Amount = string | number;

// Building an Intl formatter costs far more than formatting with one (a listing grid hydrating on a
// phone spent most of a long task on them), and a page uses a handful: each is made once per options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, ...options })));
  return format;
}

export function formatMoney(amount: Amount, currency: string, locale: string) {
  // Intl formats decimal strings exactly (no float round trip).
  return numberFormat(locale, { style: "currency", currency, currencyDisplay: "symbol" }).format(amount as unknown as number);
}

export function formatNumber(value: Amount, locale: string, options?: Intl.NumberFormatOptions) {
  return numberFormat(locale, options).format(value as unknown as number);
}

export function formatDate(value: Date | string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  return dateFormat(locale, options).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string) {
  return formatDate(value, locale, { dateStyle: "medium", timeStyle: "short" });
}

export function formatWeight(grams: number, locale: string) {
  if (grams >= 1000) return formatNumber(grams / 1000, locale, { style: "unit", unit: "kilogram", maximumFractionDigits: 2 });
  return formatNumber(grams, locale, { style: "unit", unit: "gram" });
}

export { formatChinaInstant };
