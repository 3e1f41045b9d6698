import { describe, expect, test } from "vitest";
import { findMeasures, metricizeText, parseWeight } from "~/domain/localization";

describe("parseWeight", () => {
  test.each([
    [500, "g", 500],
    [1, "GRM", 1],
    [2, "kg", 2000],
    [1.5, "KGM", 1500],
    [2, "lb", 907.18474],
    [2, "lbs", 907.18474],
    [1, "LBR", 453.59237],
    [1, "pounds", 453.59237],
    [16, "oz", 453.59237],
    [1, "ONZ", 28.349523125],
    [3, "ounces", 85.048569375],
    [1, " Kg ", 1000],
    [1, "lbs.", 453.59237],
  ])("%s %s → %s g", (value, unit, grams) => {
    expect(parseWeight(value, unit)).toBeCloseTo(grams, 6);
  });

  test.each([
    [0, "g"],
    [-1, "kg"],
    [Number.NaN, "g"],
    [Number.POSITIVE_INFINITY, "kg"],
    [1, "stone"],
    [1, ""],
    [1, "KGS2"],
  ])("%s %s → null", (value, unit) => {
    expect(parseWeight(value, unit)).toBeNull();
  });
});

describe("metricizeText", () => {
  test.each([
    ["2.5 lb", "2.5 磅（1.13 千克）"],
    ["5 lbs", "5 磅（2.27 千克）"],
    ["12 oz", "12 盎司（340 克）"],
    ["8 fl oz", "8 液量盎司（237 毫升）"],
    ["64 fl. oz", "64 液量盎司（1.89 升）"],
    ["15 in", "15 英寸（38.1 厘米）"],
    ['15" laptop', "15 英寸（38.1 厘米） laptop"],
    ["15-inch", "15 英寸（38.1 厘米）"],
    ["48 inches", "48 英寸（1.22 米）"],
    ["6 ft", "6 英尺（1.83 米）"],
    ["3 feet", "3 英尺（91.4 厘米）"],
    ["350°F", "350°F（177°C）"],
  ])("%s → %s", (text, expected) => {
    expect(metricizeText(text)).toBe(expected);
  });

  test("metric units get their Chinese names; decimal commas and ranges are read", () => {
    expect(metricizeText("50 ml, 60mL, 100g, 2 kg, 6 mm, 30 cm, 200 m, 1,7 L")).toBe(
      "50 毫升, 60 毫升, 100 克, 2 千克, 6 毫米, 30 厘米, 200 米, 1.7 升",
    );
    expect(metricizeText("Länge 110–130 cm, 7.0-7.5mm")).toBe("Länge 110–130 厘米, 7–7.5 毫米");
    expect(metricizeText("15 W, 1500W, 100V, 40 hours, 60-Minute")).toBe("15W, 1500W, 100V, 40 小时, 60 分钟");
  });

  test("jeans sizes read as waist and inseam", () => {
    expect(metricizeText("32W x 32L")).toBe("腰围 32 英寸（81.3 厘米） × 裤长 32 英寸（81.3 厘米）");
    expect(metricizeText("W30 L34")).toBe("腰围 30 英寸（76.2 厘米） × 裤长 34 英寸（86.4 厘米）");
  });

  test("text that only looks like a unit is left alone", () => {
    for (const text of [
      "3-in-1 charger",
      "2 in the box",
      "WH-900",
      "F1.8",
      "SPF50+",
      "5G network",
      "US 10 M",
      'size 8 "wide"',
      "1,204 Pieces",
    ]) {
      expect(metricizeText(text)).toBe(text);
    }
  });

  test("the sentence's full stop survives an abbreviation", () => {
    expect(metricizeText("A 12 oz. mug.")).toBe("A 12 盎司（340 克）. mug.");
  });

  test("findMeasures reports positions", () => {
    expect(findMeasures("Mat 6 mm thick")).toEqual([{ start: 4, end: 8, source: "6 mm", zh: "6 毫米" }]);
  });
});
