import { chinaDay, fromChinaClock } from "../china-time";

// Free storage at the warehouse (issue 17, "Storage and packing"). Pure, China's calendar.
//
// - Each shipping line has its free storage days (admin-set, 0–365); an order copies them at checkout.
// - The days count from the China day the goods reached the warehouse (AT_WAREHOUSE): arriving any
//   time on 12月1日 with 30 free days, storage is free through 12月31日, i.e. until 00:00 China time
//   on 1月1日. 0 days: free through the day of arrival.
// - A reminder is due STORAGE_REMINDER_DAYS days before that end (and until it), once per order.
// - What happens after is stated up front: the parcel is shipped on the line the shopper paid for, at no
//   extra charge. There is no storage fee (after PURCHASED the platform never asks for more).

export const MAX_FREE_STORAGE_DAYS = 365;
export const DEFAULT_FREE_STORAGE_DAYS = 30;
export const STORAGE_REMINDER_DAYS = 3;
const DAY_MS = 86_400_000;

export type StorageTerms = {
  /** The last free day as China reads it, "2026-12-31". */
  freeUntilDay: string;
  /** The instant free storage ends: 00:00 China time on the day after freeUntilDay. */
  endsAt: Date;
  /** The instant the reminder becomes due. */
  remindFrom: Date;
};

export function storageTerms(arrivedAt: Date, freeDays: number, reminderDays = STORAGE_REMINDER_DAYS): StorageTerms {
  if (!Number.isInteger(freeDays) || freeDays < 0 || freeDays > MAX_FREE_STORAGE_DAYS) {
    throw new RangeError(`free storage days must be an integer from 0 to ${MAX_FREE_STORAGE_DAYS}: ${freeDays}`);
  }
  const [year, month, day] = chinaDay(arrivedAt).split("-").map(Number) as [number, number, number];
  // Date.UTC rolls the day over months and years, so the calendar arithmetic is exact.
  const endsAt = fromChinaClock(year, month - 1, day + freeDays + 1);
  return {
    freeUntilDay: chinaDay(new Date(endsAt.getTime() - 1)),
    endsAt,
    remindFrom: new Date(endsAt.getTime() - reminderDays * DAY_MS),
  };
}

/** Whether the reminder is due at `now`: within its window before the end, never after (the parcel then ships). */
export function storageReminderDue(terms: StorageTerms, now: Date): boolean {
  return now >= terms.remindFrom && now < terms.endsAt;
}

/** Free storage ended at `now`. */
export function storageEnded(terms: StorageTerms, now: Date): boolean {
  return now >= terms.endsAt;
}
