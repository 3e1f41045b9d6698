import { describe, expect, test } from "vitest";
import {
  canonicalDecimal,
  compareDecimal,
  minorUnits,
  priceFromNumber,
  priceFromShopifyCents,
  priceFromText,
} from "~/domain/catalog/price-decimal";

describe("store prices as decimal strings", () => {
  test("minor units: zero-decimal, three-decimal and the default", () => {
    expect(["JPY", "KRW", "VND", "CLP", "ISK"].map(minorUnits)).toEqual([0, 0, 0, 0, 0]);
    expect(["BHD", "KWD", "JOD"].map(minorUnits)).toEqual([3, 3, 3]);
    expect(["USD", "EUR", "GBP", "CNY"].map(minorUnits)).toEqual([2, 2, 2, 2]);
  });

  test.each([
    ["11.00", "USD", "11.00"],
    ["11", "USD", "11.00"],
    ["11.5", "USD", "11.50"],
    ["11.505", "USD", "11.505"],
    ["011.10", "USD", "11.10"],
    ["0.30", "EUR", "0.30"],
    ["1200.00", "JPY", "1200"],
    ["1200", "KRW", "1200"],
    ["1.5", "KWD", "1.500"],
    ["12.50", "JPY", null],
    ["-5.00", "USD", null],
  ])("canonical %s %s → %s", (value, currency, expected) => {
    expect(canonicalDecimal(value, currency)).toBe(expected);
  });

  test.each([
    [12.5, "USD", "12.50"],
    [12, "USD", "12.00"],
    [0.3, "USD", "0.30"],
    [19.99, "EUR", "19.99"],
    [1200, "JPY", "1200"],
    [2.125, "BHD", "2.125"],
    [-1, "USD", null],
    [1e21, "USD", null],
    [Number.NaN, "USD", null],
  ])("JSON-LD number %s %s → %s", (value, currency, expected) => {
    expect(priceFromNumber(value, currency)).toBe(expected);
  });

  test.each([
    ["12.50", "USD", "12.50"],
    [" 98.0 ", "CAD", "98.00"],
    ["1,299.00", "USD", "1299.00"],
    ["1.299,00", "EUR", "1299.00"],
    ["12,345,678.9", "USD", "12345678.90"],
    ["2,600", "JPY", "2600"],
    // Ambiguous or not a number: refused rather than guessed.
    ["1,299", "USD", null],
    ["12,50", "EUR", null],
    ["1.299", "JPY", null],
    ["$12.50", "USD", null],
    ["12.50 USD", "USD", null],
    ["-12.50", "USD", null],
    ["", "USD", null],
    ["1e3", "USD", null],
  ])("JSON-LD text %j %s → %s", (value, currency, expected) => {
    expect(priceFromText(value, currency)).toBe(expected);
  });

  test.each([
    [1100, "USD", "11.00"],
    [1, "USD", "0.01"],
    [0, "USD", "0.00"],
    [9999999, "EUR", "99999.99"],
    // Shopify storefront money is hundredths whatever the currency: ¥1,200 reads 120000.
    [120000, "JPY", "1200"],
    [1500000, "KRW", "15000"],
    [100000, "CLP", "1000"],
    [1234, "KWD", "12.340"],
    // A hundredth of a yen is no price.
    [120050, "JPY", null],
    [-100, "USD", null],
    [11.5, "USD", null],
  ])("Shopify money %s %s → %s", (value, currency, expected) => {
    expect(priceFromShopifyCents(value, currency)).toBe(expected);
  });

  test("compares without floats", () => {
    expect(compareDecimal("9.99", "10.00")).toBe(-1);
    expect(compareDecimal("100", "99.999")).toBe(1);
    expect(compareDecimal("0.30", "0.3")).toBe(0);
    expect(compareDecimal("12345678901234567.01", "12345678901234567.02")).toBe(-1);
  });
});
