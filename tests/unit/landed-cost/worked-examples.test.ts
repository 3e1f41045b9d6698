import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { calculateLandedCost } from "~/domain/landed-cost";
import { amounts, context, ecbRates, headphones, item, jpPostal, quoteOf, usCbec } from "./fixtures";
import { RULES_2024 } from "../../fixtures/customs-rules";
import { SPEC_EXAMPLE_OUTPUT } from "../../fixtures/spec-example";

describe("worked examples of shared/specs/landed-cost.md (ECB rates of 2024-03-13)", () => {
  test("the fixture rates are the ECB file's", () => {
    const xml = fs.readFileSync("prisma/seed-data/ecb-eurofxref-daily-2024-03-13.xml", "utf8");
    for (const [currency, rate] of Object.entries(ecbRates.rates)) {
      expect(xml).toContain(`<Cube currency='${currency}' rate='${rate}'/>`);
    }
  });

  test("1: headphones on the US postal line, insured: the spec's output document exactly", () => {
    const outcome = calculateLandedCost({ items: [headphones], insurance: true, annualCbecUsedCny: "0" }, context());
    expect(outcome).toEqual({ ok: true, quote: SPEC_EXAMPLE_OUTPUT });
    // Key order too, so the JSON the API prints reads like the spec.
    expect(Object.keys(quoteOf(outcome))).toEqual([
      "currency",
      "regime",
      "lines",
      "total",
      "chargeableWeightGrams",
      "taxExempt",
      "fxRates",
      "ratesAsOf",
      "validUntil",
      "items",
      "warnings",
    ]);
  });

  test("2: serum ×2 on the CBEC line with the store's shipping, not insured", () => {
    const serum = item({
      title: "Serum",
      price: "68.00",
      quantity: 2,
      weightGrams: 120,
      dimensionsCm: [5, 5, 12],
      taxCategory: "cosmetics_premium",
      domesticShipping: "5.99",
    });
    const result = quoteOf(calculateLandedCost({ items: [serum] }, context({ shippingLine: usCbec })));
    expect(amounts(result)).toEqual({
      goods: "987.95",
      domestic_shipping: "43.51",
      service_fee: "49.40",
      international_shipping: "80.00",
      insurance: "0.00",
      import_tax: "256.29",
      total: "1417.15",
    });
    expect(result).toMatchObject({ regime: "CBEC", chargeableWeightGrams: 240, taxExempt: false });
  });

  test("3: toys ×3 in JPY on the Japan postal line: tax waived", () => {
    const toys = item({ title: "Toys", price: "1200", currency: "JPY", quantity: 3, weightGrams: 80, taxCategory: "toys" });
    const result = quoteOf(calculateLandedCost({ items: [toys] }, context({ shippingLine: jpPostal })));
    expect(amounts(result)).toEqual({
      goods: "176.77",
      domestic_shipping: "0.00",
      service_fee: "10.00",
      international_shipping: "83.00",
      insurance: "0.00",
      import_tax: "0.00",
      total: "269.77",
    });
    expect(result).toMatchObject({ taxExempt: true, fxRates: { JPY: "0.049104" } });
  });

  const clothing = item({ price: "120.00", quantity: 2, taxCategory: "clothing" });

  test("4: clothing ×2 on the US postal line, now 2024-03-14: over the 2019 rules' parcel limit of 1000.00", () => {
    expect(calculateLandedCost({ items: [clothing] }, context())).toEqual({
      ok: false,
      error: {
        code: "POSTAL_PARCEL_LIMIT",
        message: expect.any(String),
        details: { goods: "1743.45", limit: "1000.00", units: 2 },
      },
    });
  });

  test("4b: the same with now 2024-12-14 and rates of 2024-12-13: quoted under the 2024 rules (limit 2000.00)", () => {
    // The case is about the rule set, so the rates are the fixture's, dated 2024-12-13 (fresh on the 14th).
    const december = context({ now: "2024-12-14T09:00:00Z", fx: { ...ecbRates, asOf: "2024-12-13" }, customs: RULES_2024 });
    // goods 2 × 120 × 7.264355 = 1743.45; fee 5% = 87.17; 200 g → first 500 g 98 + handling 10; tax 20% = 348.69
    expect(amounts(quoteOf(calculateLandedCost({ items: [clothing] }, december)))).toEqual({
      goods: "1743.45",
      domestic_shipping: "0.00",
      service_fee: "87.17",
      international_shipping: "108.00",
      insurance: "0.00",
      import_tax: "348.69",
      total: "2287.31",
    });
  });

  test("5: one watch over 5000 on the CBEC line, insured: full general-trade tax", () => {
    const watch = item({ title: "Watch", price: "980.00", weightGrams: 400, taxCategory: "watch_premium" });
    const result = quoteOf(calculateLandedCost({ items: [watch], insurance: true }, context({ shippingLine: usCbec })));
    expect(amounts(result)).toEqual({
      goods: "7119.07",
      domestic_shipping: "0.00",
      service_fee: "355.95",
      international_shipping: "80.00",
      insurance: "71.19",
      import_tax: "3820.52",
      total: "11446.73",
    });
  });
});
