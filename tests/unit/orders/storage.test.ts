import { describe, expect, test } from "vitest";
import { fromChinaClock } from "~/domain/china-time";
import { storageEnded, storageReminderDue, storageTerms } from "~/domain/orders/storage";

describe("free storage", () => {
  test("counts China days from the day of arrival: 12月1日 + 30 days is free through 12月31日", () => {
    const terms = storageTerms(fromChinaClock(2026, 11, 1, 23, 30), 30);
    expect(terms.freeUntilDay).toBe("2026-12-31");
    expect(terms.endsAt.toISOString()).toBe("2026-12-31T16:00:00.000Z"); // 2027-01-01 00:00 China time
    expect(terms.remindFrom.toISOString()).toBe("2026-12-28T16:00:00.000Z");
  });

  test("an arrival late in the UTC evening is already the next China day", () => {
    // 2026-11-30T17:00Z is 2026-12-01 01:00 in China.
    expect(storageTerms(new Date("2026-11-30T17:00:00Z"), 1).freeUntilDay).toBe("2026-12-02");
  });

  test("crosses months, years and leap days exactly; 0 days is the day of arrival", () => {
    expect(storageTerms(fromChinaClock(2028, 1, 28, 9), 2).freeUntilDay).toBe("2028-03-01");
    expect(storageTerms(fromChinaClock(2026, 11, 20, 9), 365).freeUntilDay).toBe("2027-12-20");
    expect(storageTerms(fromChinaClock(2026, 11, 20, 9), 0).freeUntilDay).toBe("2026-12-20");
  });

  test("the reminder is due in its window before the end, not before, not after", () => {
    const terms = storageTerms(fromChinaClock(2026, 11, 1, 10), 30);
    expect(storageReminderDue(terms, fromChinaClock(2026, 11, 28, 23, 59))).toBe(false);
    expect(storageReminderDue(terms, fromChinaClock(2026, 11, 29))).toBe(true);
    expect(storageReminderDue(terms, fromChinaClock(2026, 11, 31, 23, 59))).toBe(true);
    expect(storageReminderDue(terms, fromChinaClock(2027, 0, 1))).toBe(false);
    expect(storageEnded(terms, fromChinaClock(2026, 11, 31, 23, 59))).toBe(false);
    expect(storageEnded(terms, fromChinaClock(2027, 0, 1))).toBe(true);
  });

  test.each([-1, 366, 1.5, Number.NaN])("refuses %s free days", (days) => {
    expect(() => storageTerms(new Date(), days)).toThrow(RangeError);
  });
});
