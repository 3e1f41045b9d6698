import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { fromFen, toFen } from "~/domain/landed-cost";

describe("CNY fen for the database", () => {
  test("toFen reads decimal strings exactly", () => {
    expect(toFen("2592.40")).toBe(259240);
    expect(toFen("0.1")).toBe(10);
    expect(toFen("7")).toBe(700);
    expect(toFen("-5.5")).toBe(-550);
    expect(toFen("1.15")).toBe(115); // 1.15 × 100 is 114.99999999999999 as a float
  });

  test("toFen refuses what is not a fen amount", () => {
    for (const bad of ["1.005", "abc", "", "1e3", " 1.00", "1,00"]) expect(() => toFen(bad)).toThrow(RangeError);
  });

  test("fromFen prints two decimals", () => {
    expect(fromFen(259240)).toBe("2592.40");
    expect(fromFen(5)).toBe("0.05");
    expect(fromFen(0)).toBe("0.00");
    expect(fromFen(-550)).toBe("-5.50");
    expect(() => fromFen(1.5)).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: -1e12, max: 1e12 })])("fromFen and toFen round-trip", (fen) => {
    expect(toFen(fromFen(fen))).toBe(fen);
  });
});
