// Money, numbers and dates always go through Intl for the active locale.
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
  return new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", ...options }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string) {
  return formatDate(value, locale, { dateStyle: "medium", timeStyle: "short" });
}

export function formatWeight(grams: number, locale: string) {
  if (grams >= 1000) return formatNumber(grams / 1000, locale, { style: "unit", unit: "kilogram", maximumFractionDigits: 2 });
  return formatNumber(grams, locale, { style: "unit", unit: "gram" });
}

/** An instant in China time as 2024-12-01 (or 2024-12-01 08:30 when not at midnight): dates in law and announcements. */
export function formatChinaInstant(value: Date | string) {
  const china = new Date(new Date(value).getTime() + 8 * 3_600_000).toISOString();
  const time = china.slice(11, 16);
  return time === "00:00" ? china.slice(0, 10) : `${china.slice(0, 10)} ${time}`;
}
