import { describe, expect, test } from "vitest";
import {
  calculateLandedCost,
  isDefaultPacking,
  lineAmount,
  packingFee,
  quoteRequestSchema,
  quoteResultSchema,
  type QuoteContextInput,
} from "~/domain/landed-cost";
import { actualCostRequest } from "~/domain/orders/actual-cost";
import { context, fees, headphones, quoteOf, usCbec, usPostal } from "./fixtures";

const withFees = (line: QuoteContextInput["shippingLine"]) => ({ ...line, removeBoxesFee: "5.00", extraProtectionFee: "12.50" });
const exact = (line: QuoteContextInput["shippingLine"] = withFees(usPostal)) =>
  context({ fees: { ...fees, fxSpread: "0" }, shippingLine: line });
const priced = (packing: unknown, ctx = exact()) =>
  quoteOf(calculateLandedCost({ items: [headphones], ...(packing === undefined ? {} : { packing }) }, ctx));

describe("packing options", () => {
  test("keeping the boxes costs nothing and the quote is the one without packing", () => {
    const plain = priced(undefined);
    const kept = priced({ removeBoxes: false, extraProtection: false });
    expect(kept).toEqual(plain);
    expect(kept.packing).toBeUndefined();
  });

  test("each option adds its fee once per parcel to international shipping, and the quote names it", () => {
    const plain = priced(undefined);
    const base = Number(lineAmount(plain, "international_shipping"));
    const both = priced({ removeBoxes: true, extraProtection: true });
    expect(lineAmount(both, "international_shipping")).toBe((base + 17.5).toFixed(2));
    expect(both.packing).toEqual({ removeBoxes: true, extraProtection: true, fee: "17.50" });
    expect(Number(both.total)).toBeCloseTo(Number(plain.total) + 17.5, 2);
    expect(priced({ removeBoxes: true, extraProtection: false }).packing?.fee).toBe("5.00");
    expect(priced({ removeBoxes: false, extraProtection: true }).packing?.fee).toBe("12.50");
  });

  test("removing the boxes does not change the chargeable weight the quote is priced on", () => {
    expect(priced({ removeBoxes: true, extraProtection: false }).chargeableWeightGrams).toBe(priced(undefined).chargeableWeightGrams);
  });

  test("a line without packing fees (a context stored before packing) charges nothing", () => {
    const quote = priced({ removeBoxes: true, extraProtection: true }, exact(usPostal));
    expect(quote.packing?.fee).toBe("0.00");
    expect(lineAmount(quote, "international_shipping")).toBe(lineAmount(priced(undefined, exact(usPostal)), "international_shipping"));
  });

  test("on a CBEC line the fee is part of the shipping in the dutiable value", () => {
    const plain = priced(undefined, exact(withFees(usCbec)));
    const packed = priced({ removeBoxes: false, extraProtection: true }, exact(withFees(usCbec)));
    expect(Number(lineAmount(packed, "import_tax"))).toBeGreaterThan(Number(lineAmount(plain, "import_tax")));
  });

  test("a request without packing still parses, a malformed one is INVALID_INPUT", () => {
    expect(quoteRequestSchema.safeParse({ items: [headphones] }).success).toBe(true);
    for (const packing of [
      { removeBoxes: "yes", extraProtection: false },
      { removeBoxes: true },
      { removeBoxes: true, extraProtection: false, gift: true },
    ]) {
      const outcome = calculateLandedCost({ items: [headphones], packing }, exact());
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe("INVALID_INPUT");
    }
  });

  test("a stored quote without packing parses; the pure helpers", () => {
    const { packing: _packing, ...old } = priced({ removeBoxes: true, extraProtection: true });
    expect(quoteResultSchema.safeParse(old).success).toBe(true);
    expect(isDefaultPacking(undefined)).toBe(true);
    expect(isDefaultPacking({ removeBoxes: false, extraProtection: true })).toBe(false);
    expect(
      packingFee({ removeBoxes: true, extraProtection: true }, { removeBoxesFee: "0.10", extraProtectionFee: "0.20" }).toFixed(2),
    ).toBe("0.30");
    expect(packingFee(undefined, { removeBoxesFee: "5.00", extraProtectionFee: "5.00" }).toFixed(2)).toBe("0.00");
  });
});

describe("packing after purchase", () => {
  test("the actual-cost request (measured parcel, actual price) keeps the packing, so its fee is never refunded by mistake", () => {
    const request = quoteRequestSchema.parse({ items: [headphones], packing: { removeBoxes: true, extraProtection: true } });
    const actual = actualCostRequest(request, { parcel: { weightGrams: 400, dimensionsCm: [20, 15, 8] } });
    expect(actual.packing).toEqual({ removeBoxes: true, extraProtection: true });
    expect(quoteOf(calculateLandedCost(actual, exact())).packing?.fee).toBe("17.50");
  });
});
