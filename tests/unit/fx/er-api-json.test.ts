import { describe, expect, test } from "vitest";
import { parseErApiJson } from "~/domain/fx/er-api-json";

const answer = (rates: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    result: "success",
    base_code: "EUR",
    time_last_update_unix: 1710288001,
    time_last_update_utc: "Wed, 13 Mar 2024 00:00:01 +0000",
    rates,
    ...extra,
  });

const good = { EUR: 1, USD: 1.0939, CNY: 7.8678, JPY: 161.83, KRW: 1439.01 };

describe("open.er-api.com answers", () => {
  test("become a EUR snapshot of decimal strings dated by the update time", () => {
    const result = parseErApiJson(answer(good), "2024-03-14");
    expect(result).toEqual({
      ok: true,
      snapshot: { base: "EUR", asOf: "2024-03-13", rates: { EUR: "1", USD: "1.0939", CNY: "7.8678", JPY: "161.83", KRW: "1439.01" } },
    });
  });

  test("numbers without a short decimal form are written out, never as exponents", () => {
    const result = parseErApiJson(answer({ ...good, XAG: 1e-7, VND: 26789.123456789012 }), "2024-03-14");
    expect(result.ok && result.snapshot.rates).toMatchObject({ XAG: "0.0000001", VND: "26789.123456789" });
  });

  test("another base is converted to EUR through its EUR rate", () => {
    const result = parseErApiJson(answer({ USD: 1, EUR: 0.5, CNY: 4 }, { base_code: "USD" }), "2024-03-14");
    expect(result.ok && result.snapshot).toEqual({ base: "EUR", asOf: "2024-03-13", rates: { EUR: "1", USD: "2", CNY: "8" } });
  });

  test.each([
    ["a rate of 0", answer({ ...good, USD: 0 })],
    ["a negative rate", answer({ ...good, USD: -1.1 })],
    ["a rate given as a string", answer({ ...good, USD: "1.09" })],
    ["a non-ISO code", answer({ ...good, usd: 1.1 })],
    ["no CNY", answer({ EUR: 1, USD: 1.09, JPY: 160 })],
    ["an error answer", JSON.stringify({ result: "error", "error-type": "unsupported-code" })],
    ["truncated JSON", answer(good).slice(0, 60)],
    ["a base without a EUR rate", answer({ USD: 1, CNY: 7.2, JPY: 150 }, { base_code: "USD" })],
    ["a base not listed at 1", answer({ ...good, EUR: 1.2 })],
  ])("rejects %s", (_label, text) => {
    expect(parseErApiJson(text, "2024-03-14")).toMatchObject({ ok: false, code: "FX_MALFORMED" });
  });

  test("rejects duplicate currencies that JSON.parse would silently merge", () => {
    const text = answer(good).replace('"JPY":161.83', '"USD":1.5');
    expect(parseErApiJson(text, "2024-03-14")).toMatchObject({ ok: false, message: expect.stringContaining("rates.USD") });
  });

  test("rejects a date in the future", () => {
    expect(parseErApiJson(answer(good), "2024-03-12")).toMatchObject({ ok: false, message: expect.stringContaining("future") });
  });
});
