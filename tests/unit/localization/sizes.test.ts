import { describe, expect, test } from "vitest";
import { localizeVariantTitle, toChineseClothingSize, toChineseShoeSize } from "~/domain/localization";

describe("toChineseShoeSize", () => {
  test.each([
    ["US_M", 9, "42", 265],
    ["US_M", 8, "40.5", 255],
    ["US_M", 10, "43", 275],
    ["US_M", 11, "44", 280],
    ["US_W", 10.5, "42", 265],
    ["US_W", 7, "37.5", 235],
    ["UK", 8, "42", 265],
    ["UK", 6, "40", 250],
    ["JP", 26.5, "42", 265],
    ["JP", 25, "40", 250],
    ["JP", 27, "42.5", 270],
    ["EU", 42, "42", 265],
    ["EU", 38, "38", 240],
    ["EU", 44.5, "44.5", 285],
  ] as const)("%s %s → %s / %s mm", (system, size, cn, mm) => {
    expect(toChineseShoeSize(system, size)).toEqual({ cn, mm });
  });

  test("sizes are monotonic in foot length", () => {
    const lengths = [5, 6, 7, 8, 9, 10, 11, 12].map((size) => toChineseShoeSize("US_M", size)?.mm ?? 0);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });

  test.each([
    ["US_M", 25],
    ["US_M", 1],
    ["US_M", 9.3],
    ["US_W", 0],
    ["UK", -2],
    ["JP", 40],
    ["JP", 26.3],
    ["EU", 20],
    ["EU", 60],
    ["EU", Number.NaN],
  ] as const)("%s %s is out of range → null", (system, size) => {
    expect(toChineseShoeSize(system, size)).toBeNull();
  });
});

describe("toChineseClothingSize", () => {
  test.each([
    ["M", "men", "M（170/88A）"],
    ["S", "men", "S（165/84A）"],
    ["XXL", "men", "XXL（185/100A）"],
    ["XS", "men", "XS（160/80A）"],
    ["m", "unisex", "M（170/88A）"],
    ["M", "women", "M（160/84A）"],
    ["L", "women", "L（165/88A）"],
    ["2XL", "women", "XXL（175/96A）"],
    ["8", "women", "M（160/84A）"],
    ["0", "women", "XXS（145/72A）"],
    ["16", "women", "XL（170/92A）"],
    ["36", "women", "S（155/80A）"],
    ["38", "women", "M（160/84A）"],
    ["48", "women", "4XL（185/104A）"],
  ] as const)("%s (%s) → %s", (size, fit, expected) => {
    expect(toChineseClothingSize(size, fit)).toBe(expected);
  });

  test.each([
    ["XXXXXL", "men"],
    ["38", "men"],
    ["18", "women"],
    ["50", "women"],
    ["", "unisex"],
    ["One Size", "unisex"],
  ] as const)("%s (%s) → null", (size, fit) => {
    expect(toChineseClothingSize(size, fit)).toBeNull();
  });
});

describe("localizeVariantTitle", () => {
  test.each([
    ["Black / M", "黑色 / M（170/88A）"],
    ["US 9", "US 9（中国码 42）"],
    ["UK 8", "UK 8（中国码 42）"],
    ["Navy / 32W x 32L", "海军蓝 / 腰围 32 英寸（81.3 厘米） × 裤长 32 英寸（81.3 厘米）"],
    ["ホワイト / L", "白色 / L（175/92A）"],
    ["블랙 / M", "黑色 / M（170/88A）"],
    ["Navy/XL", "海军蓝 / XL（180/96A）"],
    ["50 ml", "50 毫升"],
    ["Lederband braun", "棕色真皮表带"],
    ["Charcoal / Unknownium", "炭灰色 / Unknownium"],
    ["Default", "Default"],
  ])("%s → %s", (title, expected) => {
    expect(localizeVariantTitle(title)).toBe(expected);
  });

  test("women's fits and footwear context", () => {
    expect(localizeVariantTitle("Black / M", { fit: "women" })).toBe("黑色 / M（160/84A）");
    expect(localizeVariantTitle("US 8", { fit: "women" })).toBe("US 8（中国码 39）");
    expect(localizeVariantTitle("26.5cm", { category: "footwear" })).toBe("26.5 厘米（中国码 42）");
    expect(localizeVariantTitle("Tannengrün / 38", { fit: "women", category: "clothing" })).toBe("墨绿色 / 38（中国码 M，160/84A）");
  });

  test("no size table for products that are neither clothing nor shoes", () => {
    expect(localizeVariantTitle("US 7", { category: "other" })).toBe("US 7");
    expect(localizeVariantTitle("26.5cm")).toBe("26.5 厘米");
  });
});
