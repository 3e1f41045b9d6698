import { CHINA_TIME_ZONE, formatChinaInstant } from "~/domain/china-time";

// Money, numbers and dates always go through Intl for the active locale; dates in China time.
type Amount = string | number;

export function formatMoney(amount: Amount, currency: string, locale: string) {
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "symbol" });
  // Intl formats decimal strings exactly (no float round trip).
  return formatter.format(amount as unknown as number);
}

export function formatNumber(value: Amount, locale: string, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(locale, options).format(value as unknown as number);
}

export function formatDate(value: Date | string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  return new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, ...options }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string) {
  return formatDate(value, locale, { dateStyle: "medium", timeStyle: "short" });
}

export function formatWeight(grams: number, locale: string) {
  if (grams >= 1000) return formatNumber(grams / 1000, locale, { style: "unit", unit: "kilogram", maximumFractionDigits: 2 });
  return formatNumber(grams, locale, { style: "unit", unit: "gram" });
}

export { formatChinaInstant };
