import { fc, test as property } from "@fast-check/vitest";
import currency from "currency.js";
import { describe, expect, test } from "vitest";
import { landedPriceOf, pickVariant } from "~/domain/catalog/landed-price";
import { calculateLandedCost, toFen } from "~/domain/landed-cost";
import { context, headphones } from "../landed-cost/fixtures";

const specContext = context();
const specHeadphones = { items: [headphones], insurance: true, annualCbecUsedCny: "0" };

const line = { code: "us-postal-ems" };

describe("the default variant", () => {
  const variants = [
    { id: "a", available: false },
    { id: "b", available: true },
    { id: "c", available: true },
  ];
  test("the one asked for, else the first available, else the first", () => {
    expect(pickVariant(variants, "c")?.id).toBe("c");
    expect(pickVariant(variants, "a")?.id).toBe("a");
    expect(pickVariant(variants)?.id).toBe("b");
    expect(pickVariant(variants, "nope")?.id).toBe("b");
    expect(pickVariant([{ id: "x", available: false }])?.id).toBe("x");
    expect(pickVariant([])).toBeNull();
  });
});

describe("what a list stores from the listing page's quote", () => {
  test("a quote: its total in fen on its line", () => {
    const outcome = calculateLandedCost(specHeadphones, specContext);
    if (!outcome.ok) throw new Error(outcome.error.code);
    expect(landedPriceOf({ line, outcome })).toEqual({
      landedFen: toFen(outcome.quote.total),
      landedStatus: "OK",
      landedLineCode: "us-postal-ems",
    });
  });

  test("an unknown weight is no price (the quote is only a minimum)", () => {
    const request = {
      ...specHeadphones,
      items: specHeadphones.items.map((item) => ({ ...item, weightGrams: 0, dimensionsCm: undefined })),
    };
    const outcome = calculateLandedCost(request, specContext);
    expect(outcome.ok && outcome.quote.warnings).toEqual(["WEIGHT_UNKNOWN"]);
    expect(landedPriceOf({ line, outcome })).toEqual({ landedFen: null, landedStatus: "WEIGHT_UNKNOWN", landedLineCode: "us-postal-ems" });
  });

  test("no line, or the calculator's error code", () => {
    expect(landedPriceOf(null)).toEqual({ landedFen: null, landedStatus: "NO_LINE", landedLineCode: null });
    const stale = calculateLandedCost(specHeadphones, context({ now: "2030-01-01T00:00:00Z" }));
    expect(landedPriceOf({ line, outcome: stale })).toEqual({
      landedFen: null,
      landedStatus: "RATES_STALE",
      landedLineCode: "us-postal-ems",
    });
  });
});

describe("toFen's fast path", () => {
  property.prop([fc.bigInt({ min: 0n, max: 10n ** 15n - 1n })])("reads the calculator's amounts exactly as currency.js does", (fen) => {
    const amount = `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
    expect(toFen(amount)).toBe(Number(fen));
    expect(toFen(amount)).toBe(currency(amount, { precision: 2, errorOnInvalid: true }).intValue);
  });
});
