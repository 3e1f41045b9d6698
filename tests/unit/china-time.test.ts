import { describe, expect, test } from "vitest";
import {
  chinaDay,
  chinaDayStamp,
  chinaIsoInstant,
  chinaLocalToInstant,
  chinaMonth,
  chinaMonthStart,
  chinaYear,
  formatChinaInstant,
} from "~/domain/china-time";

// China keeps UTC+8 all year: 16:00 UTC on 31 December is already New Year's Day in Beijing.
const newYearInChina = new Date("2025-12-31T16:00:00Z");
const lastMinuteOf2025 = new Date("2025-12-31T15:59:00Z");

describe("China time", () => {
  test("days, months and numbers turn over at midnight in China, not in UTC", () => {
    expect(chinaDay(lastMinuteOf2025)).toBe("2025-12-31");
    expect(chinaDay(newYearInChina)).toBe("2026-01-01");
    expect(chinaMonth(newYearInChina)).toBe("2026-01");
    expect(chinaDayStamp(newYearInChina)).toBe("260101");
  });

  test("the calendar year and month are China's, as instants", () => {
    expect(chinaYear(newYearInChina)).toEqual({ from: newYearInChina, to: new Date("2026-12-31T16:00:00Z") });
    expect(chinaYear(lastMinuteOf2025).to).toEqual(newYearInChina);
    expect(chinaMonthStart(new Date("2026-03-15T00:00:00Z"))).toEqual(new Date("2026-02-28T16:00:00Z"));
    // Eleven months back from March 2026 is April 2025.
    expect(chinaMonthStart(new Date("2026-03-15T00:00:00Z"), 11)).toEqual(new Date("2025-03-31T16:00:00Z"));
  });

  test("instants are written and read in China time; impossible times are refused", () => {
    expect(chinaIsoInstant(newYearInChina)).toBe("2026-01-01T00:00:00+08:00");
    expect(formatChinaInstant(newYearInChina)).toBe("2026-01-01");
    expect(formatChinaInstant(new Date("2026-01-01T00:30:00Z"))).toBe("2026-01-01 08:30");
    expect(chinaLocalToInstant("2026-01-01")).toEqual(newYearInChina);
    expect(chinaLocalToInstant("2025-07-01T08:30")).toEqual(new Date("2025-07-01T00:30:00Z"));
    expect(chinaLocalToInstant("2025-02-30")).toBeNull();
    expect(chinaLocalToInstant("2025-07-01 24:00")).toBeNull();
    expect(chinaLocalToInstant("next tuesday")).toBeNull();
  });
});
