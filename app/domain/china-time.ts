// China time, in one place. China keeps UTC+8 all year (no daylight saving time), so the calendar
// as China reads it is the UTC calendar of the instant moved forward 8 hours: that is all this module
// does, as plain arithmetic on Date (no time-zone database needed). Everything the law or the
// business dates in China uses it: the CBEC allowance's calendar year, a customs rule's start, a
// resident ID's birth date, the guarantee report's months, order and return numbers, dates on pages.

/** The IANA zone, for Intl and the job schedules. */
export const CHINA_TIME_ZONE = "Asia/Shanghai";
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The instant moved so that its UTC fields (getUTCFullYear…, toISOString) read as China's clock. */
function chinaClock(at: Date | string): Date {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS);
}

/** The instant at which China's clock reads the given UTC-field time (Date.UTC's arguments, in China). */
export function fromChinaClock(year: number, monthIndex: number, day = 1, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, monthIndex, day, hour, minute) - CHINA_OFFSET_MS);
}

/** "2026-12-01" for an instant, as the day reads in China. */
export function chinaDay(at: Date): string {
  return chinaClock(at).toISOString().slice(0, 10);
}

/** "2026-12" for an instant, as the month reads in China. */
export function chinaMonth(at: Date): string {
  return chinaClock(at).toISOString().slice(0, 7);
}

/** "261201" for an instant: the China day in an order's or a return's number. */
export function chinaDayStamp(at: Date): string {
  return chinaDay(at).slice(2).replaceAll("-", "");
}

/** The first instant of the China month `monthsBack` months before the one `at` is in. */
export function chinaMonthStart(at: Date, monthsBack = 0): Date {
  const china = chinaClock(at);
  return fromChinaClock(china.getUTCFullYear(), china.getUTCMonth() - monthsBack);
}

/** The China calendar year `at` is in, as [from, to): its first instant and the next year's. */
export function chinaYear(at: Date): { from: Date; to: Date } {
  const year = chinaClock(at).getUTCFullYear();
  return { from: fromChinaClock(year, 0), to: fromChinaClock(year + 1, 0) };
}

/** An instant as China reads it, e.g. 2024-12-01T00:00:00+08:00 (how rule sets spell their start). */
export function chinaIsoInstant(at: Date): string {
  return chinaClock(at)
    .toISOString()
    .replace(/(\.000)?Z$/, "+08:00");
}

/** An instant in China time as 2024-12-01 (or 2024-12-01 08:30 when not at midnight): dates in law and announcements. */
export function formatChinaInstant(value: Date | string): string {
  const china = chinaClock(value).toISOString();
  const time = china.slice(11, 16);
  return time === "00:00" ? china.slice(0, 10) : `${china.slice(0, 10)} ${time}`;
}

const CHINA_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

/** "2025-07-01T08:30" (or "2025-07-01 08:30", or a bare day: its midnight) in China time → the instant; null for anything else, 2025-02-30 included. */
export function chinaLocalToInstant(text: string): Date | null {
  const match = CHINA_LOCAL.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const instant = fromChinaClock(year as number, (month as number) - 1, day, hour, minute);
  const check = chinaClock(instant);
  // Date.UTC rolls 2025-02-30 over to March and 24:00 to the next day: a real time reads back unchanged.
  if (
    check.getUTCMonth() !== (month as number) - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  )
    return null;
  return instant;
}
