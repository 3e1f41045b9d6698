import { describe, expect, test } from "vitest";
import { calculateLandedCost, lineAmount, quoteDocumentSchema, type QuoteContextInput } from "~/domain/landed-cost";
import { context, fees, headphones, item, jpPostal, quoteOf, usCbec, usPostal } from "./fixtures";

const exact = (overrides: Partial<QuoteContextInput> = {}) => context({ fees: { ...fees, fxSpread: "0" }, ...overrides });
const quote = (items: unknown[], ctx = exact()) => quoteOf(calculateLandedCost({ items }, ctx));

describe("chargeable weight", () => {
  test("the greater of actual and volumetric weight", () => {
    expect(quote([headphones]).chargeableWeightGrams).toBe(1250); // volumetric 834
    expect(quote([item({ weightGrams: 100, dimensionsCm: [30, 30, 30] })]).chargeableWeightGrams).toBe(4500);
  });

  test.each([null, undefined])("no volumetric divisor (%s): actual weight only", (volumetricDivisor) => {
    const shippingLine = { ...usPostal, volumetricDivisor };
    expect(quote([item({ weightGrams: 100, dimensionsCm: [100, 100, 100] })], exact({ shippingLine })).chargeableWeightGrams).toBe(100);
  });

  test("an item without dimensions counts its actual weight in the volumetric sum", () => {
    const boxed = item({ weightGrams: 1000, dimensionsCm: [30, 30, 30] }); // volumetric 4500
    const loose = item({ weightGrams: 2000 });
    const result = quote([boxed, loose]);
    expect(result.chargeableWeightGrams).toBe(6500);
    expect(lineAmount(result, "international_shipping")).toBe("492.00"); // 98 + 12 × 32 + 10
  });

  test("volumetric weight is rounded up per piece, then multiplied by the quantity", () => {
    // 1 cm³ × 1000 / 6000 = 0.17 g → 1 g a piece → 3 g, not ceil(0.5) = 1 g
    const result = quote([item({ weightGrams: 0, quantity: 3, dimensionsCm: [1, 1, 1] })]);
    expect(result.chargeableWeightGrams).toBe(3);
    expect(result.warnings).toEqual(["WEIGHT_UNKNOWN"]);
  });
});

describe("international shipping", () => {
  test.each([
    [0, "108.00"],
    [500, "108.00"],
    [501, "140.00"],
    [1000, "140.00"],
    [1001, "172.00"],
    [1000.5, "172.00"],
  ])("%s g on the US postal line costs %s", (weightGrams, amount) => {
    expect(lineAmount(quote([item({ weightGrams })]), "international_shipping")).toBe(amount);
  });
});

describe("tax", () => {
  test.each([
    ["250.00", "0.00", true], // 50.00: waived
    ["250.02", "0.00", true], // 50.004 rounds to 50.00 before the comparison
    ["250.03", "50.01", false],
    ["250.05", "50.01", false],
  ])("postal tax on %s of general goods is %s", (price, tax, taxExempt) => {
    const result = quote([item({ price, currency: "CNY", taxCategory: "general" })]);
    expect(lineAmount(result, "import_tax")).toBe(tax);
    expect(result.taxExempt).toBe(taxExempt);
  });

  test("CBEC shares D − goods among items by their goods value", () => {
    const books = item({ price: "300.00", currency: "CNY", taxCategory: "books" });
    const serum = item({ price: "700.00", currency: "CNY", taxCategory: "cosmetics_premium" });
    // D = 1080: books 324 × 0.09 × 0.7 = 20.412; serum 756 × 0.28 / 0.85 × 0.7 = 174.3247…
    expect(lineAmount(quote([books, serum], exact({ shippingLine: usCbec })), "import_tax")).toBe("194.74");
  });

  test("spec behaviour: on CBEC a cheap unit of a low-rate category can lower the total", () => {
    // D − goods (here 1144.00 of shipping) follows goods value, so each added 1.01 of books
    // moves dutiable value off the watch (28.875%) onto books (6.3%).
    const parcel = (books: number) => [
      item({ price: "1.00", currency: "CNY", weightGrams: 20_000, taxCategory: "watch_premium" }),
      item({ price: "1.00", currency: "CNY", weightGrams: 0, quantity: books, taxCategory: "books" }),
    ];
    const totals = [1, 2, 5].map((books) => quote(parcel(books), context({ shippingLine: usCbec })).total);
    expect(totals).toEqual(["1357.58", "1315.61", "1275.78"]);
  });

  test("CBEC with no goods value shares D by units", () => {
    const books = item({ price: "0", currency: "CNY", taxCategory: "books" });
    const serum = item({ price: "0", currency: "CNY", quantity: 3, taxCategory: "cosmetics_premium" });
    // D = 80 shipping: books 20 × 0.063 = 1.26; serum 60 × 0.2305882… = 13.835…
    expect(lineAmount(quote([books, serum], exact({ shippingLine: usCbec })), "import_tax")).toBe("15.10");
  });
});

describe("money", () => {
  test.each([
    ["2.675", "2.68"],
    ["1.005", "1.01"],
    ["1.004999", "1.00"],
    ["0.125", "0.13"],
  ])("a CNY price of %s rounds half-up to %s", (price, goods) => {
    expect(quote([item({ price, currency: "CNY" })]).items[0]?.goods).toBe(goods);
  });

  test("each item line is rounded before the lines are summed", () => {
    // 0.005 + 0.005 → 0.01 + 0.01, not round2(0.010)
    expect(lineAmount(quote([item({ price: "0.005", currency: "CNY" }), item({ price: "0.005", currency: "CNY" })]), "goods")).toBe("0.02");
  });

  test("domestic shipping is converted once per line, not per unit", () => {
    const result = quote([item({ price: "10.00", currency: "CNY", quantity: 3, domesticShipping: "7.50" })]);
    expect(lineAmount(result, "domestic_shipping")).toBe("7.50");
  });

  test("the service fee has a minimum", () => {
    expect(lineAmount(quote([item({ price: "1.00", currency: "CNY" })]), "service_fee")).toBe("10.00");
    expect(lineAmount(quote([item({ price: "1000.00", currency: "CNY" })]), "service_fee")).toBe("50.00");
  });
});

describe("output", () => {
  test("fxRates lists the currencies used, once each", () => {
    const items = [item({ currency: "USD" }), item({ currency: "JPY", price: "100" }), item({ currency: "USD" })];
    expect(quoteOf(calculateLandedCost({ items }, context({ shippingLine: jpPostal }))).fxRates).toEqual({
      USD: "7.264355",
      JPY: "0.049104",
    });
  });

  test("validUntil is now + the quote validity, in UTC with milliseconds", () => {
    expect(quote([item()], context({ now: "2024-03-14T17:00:00+08:00" })).validUntil).toBe("2024-03-14T09:30:00.000Z");
    const shortValidity = context({ fees: { ...fees, quoteValidityMinutes: 15 } });
    expect(quote([item()], shortValidity).validUntil).toBe("2024-03-14T09:15:00.000Z");
  });

  test("a weight of 0 is unknown: the quote is an estimate", () => {
    expect(quote([item({ weightGrams: 0 }), item()]).warnings).toEqual(["WEIGHT_UNKNOWN"]);
    expect(quote([item()]).warnings).toEqual([]);
  });
});

describe("the quote document (API body and CLI file)", () => {
  test("context is optional, partial, and names its shipping line by code or in full", () => {
    expect(quoteDocumentSchema.safeParse({ request: { items: [headphones] } }).success).toBe(true);
    const byCode = quoteDocumentSchema.safeParse({ request: { items: [headphones] }, context: { shippingLine: "us-postal-ems" } });
    expect(byCode.success && byCode.data.context?.shippingLine).toBe("us-postal-ems");
    const full = quoteDocumentSchema.safeParse({ request: { items: [headphones] }, context: context() });
    expect(full.success).toBe(true);
  });

  test("unknown keys are refused anywhere in the document", () => {
    expect(quoteDocumentSchema.safeParse({ request: { items: [headphones] }, extra: 1 }).success).toBe(false);
    expect(quoteDocumentSchema.safeParse({ request: { items: [headphones] }, context: { fee: fees } }).success).toBe(false);
    const typo = { ...fees, quoteValidityMinute: 10 };
    expect(quoteDocumentSchema.safeParse({ request: { items: [headphones] }, context: { fees: typo } }).success).toBe(false);
  });

  test("defaults are filled in", () => {
    const parsed = quoteDocumentSchema.parse({ request: { items: [item()] } });
    expect(parsed.request).toMatchObject({ insurance: false, annualCbecUsedCny: "0", items: [{ domesticShipping: "0" }] });
  });
});
