import { describe, expect, test } from "vitest";
import { calculateLandedCost, type QuoteContextInput } from "~/domain/landed-cost";
import { context, ecbRates, errorOf, fees, headphones, item, quoteOf, usCbec, usPostal } from "./fixtures";

// No spread, so a CNY price is its own goods line and limits can be hit to the fen.
const exact = (overrides: Partial<QuoteContextInput> = {}) => context({ fees: { ...fees, fxSpread: "0" }, ...overrides });
const cny = (price: string, quantity = 1, taxCategory = "general") => item({ price, currency: "CNY", quantity, taxCategory });

describe("INVALID_INPUT names the offending fields", () => {
  test.each([
    ["quantity 0", { quantity: 0 }, "request.items.0.quantity"],
    ["quantity 1.5", { quantity: 1.5 }, "request.items.0.quantity"],
    ["a negative price", { price: "-1.00" }, "request.items.0.price"],
    ["a non-numeric price", { price: "12,99" }, "request.items.0.price"],
    ["a price as a JSON number", { price: 12.99 }, "request.items.0.price"],
    ["an empty price", { price: "" }, "request.items.0.price"],
    ["a negative weight", { weightGrams: -1 }, "request.items.0.weightGrams"],
    ["a lower-case currency", { currency: "usd" }, "request.items.0.currency"],
    ["a zero dimension", { dimensionsCm: [10, 0, 10] }, "request.items.0.dimensionsCm.1"],
    ["two dimensions", { dimensionsCm: [10, 10] }, "request.items.0.dimensionsCm"],
    ["a negative domestic shipping", { domesticShipping: "-5" }, "request.items.0.domesticShipping"],
    ["an unknown field", { colour: "black" }, "request.items.0.colour"],
    // Out of what one order can reach: refused as input, not overflowed into a 500.
    ["a price of ten billion", { price: "10000000000" }, "request.items.0.price"],
    ["a price with 15 integer digits", { price: "999999999999999.999999999999" }, "request.items.0.price"],
    ["quantity 10000", { quantity: 10_000 }, "request.items.0.quantity"],
    ["quantity MAX_SAFE_INTEGER", { quantity: Number.MAX_SAFE_INTEGER }, "request.items.0.quantity"],
    ["a weight of 1e308 g", { weightGrams: 1e308 }, "request.items.0.weightGrams"],
    ["a side of 1e300 cm", { dimensionsCm: [10, 1e300, 10] }, "request.items.0.dimensionsCm.1"],
    ["a domestic shipping of 1e15", { domesticShipping: "999999999999999.99" }, "request.items.0.domesticShipping"],
  ])("%s", (_label, change, field) => {
    const error = errorOf(calculateLandedCost({ items: [{ ...item(), ...change }] }, context()));
    expect(error).toEqual({ code: "INVALID_INPUT", message: expect.stringContaining(field), details: { fields: [field] } });
  });

  test("an unknown top-level field, no items, more than 50 items", () => {
    expect(errorOf(calculateLandedCost({ items: [item()], coupon: "X" }, context())).details).toEqual({ fields: ["request.coupon"] });
    expect(errorOf(calculateLandedCost({ items: [] }, context())).details).toEqual({ fields: ["request.items"] });
    const many = Array.from({ length: 51 }, () => item({ price: "1.00" }));
    expect(errorOf(calculateLandedCost({ items: many }, context())).details).toEqual({ fields: ["request.items"] });
    expect(quoteOf(calculateLandedCost({ items: many.slice(1) }, context())).items).toHaveLength(50);
  });

  test("every bad field of request and context at once", () => {
    const badContext = context({ fees: { ...fees, fxSpread: "1%" }, now: "yesterday" });
    const error = errorOf(calculateLandedCost({ items: [item(), item({ quantity: 0, price: "x" })] }, badContext));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details?.fields).toEqual(
      expect.arrayContaining(["request.items.1.quantity", "request.items.1.price", "context.fees.fxSpread", "context.now"]),
    );
  });

  test.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "quote"],
    ["a number", 42],
    ["an array", []],
    ["wrong types", { items: "all" }],
  ])("never throws on %s", (_label, request) => {
    expect(errorOf(calculateLandedCost(request, context())).code).toBe("INVALID_INPUT");
    expect(errorOf(calculateLandedCost({ items: [item()] }, request as never)).code).toBe("INVALID_INPUT");
  });

  test("a snapshot whose base rate is not 1 is refused", () => {
    const fx = { ...ecbRates, rates: { ...ecbRates.rates, EUR: "1.1" } };
    expect(errorOf(calculateLandedCost({ items: [item()] }, context({ fx }))).details).toEqual({ fields: ["context.fx.rates.EUR"] });
  });
});

describe("AMOUNT_TOO_LARGE", () => {
  test("a total over what one order can carry is refused, whatever the inputs' sizes", () => {
    const huge = item({
      price: "9999999999.99",
      currency: "USD",
      quantity: 9_999,
      weightGrams: 1_000_000,
      dimensionsCm: [1000, 1000, 1000],
    });
    expect(errorOf(calculateLandedCost({ items: [huge] }, context()))).toEqual({
      code: "AMOUNT_TOO_LARGE",
      message: expect.stringContaining("100000000.00 CNY"),
      details: { limit: "100000000.00" },
    });
    const many = Array.from({ length: 50 }, () => item({ price: "999999.00", currency: "USD", quantity: 9_999 }));
    expect(errorOf(calculateLandedCost({ items: many }, context({ shippingLine: usCbec }))).code).toMatch(/AMOUNT_TOO_LARGE|CBEC_/);
  });

  test("the largest price a shopper can enter in a cheap currency still quotes", () => {
    const result = quoteOf(calculateLandedCost({ items: [item({ price: "9999999999", currency: "KRW" })] }, context()));
    expect(Number(result.total)).toBeGreaterThan(40_000_000);
    expect(Number(result.total)).toBeLessThanOrEqual(100_000_000);
  });
});

describe("UNKNOWN_CURRENCY and UNKNOWN_TAX_CATEGORY", () => {
  test("a currency missing from the snapshot", () => {
    expect(errorOf(calculateLandedCost({ items: [item(), item({ currency: "XYZ" })] }, context()))).toEqual({
      code: "UNKNOWN_CURRENCY",
      message: expect.any(String),
      details: { currency: "XYZ" },
    });
  });

  test("a snapshot without CNY cannot quote anything", () => {
    const { CNY: _cny, ...rates } = ecbRates.rates;
    expect(errorOf(calculateLandedCost({ items: [item()] }, context({ fx: { ...ecbRates, rates } }))).details).toEqual({ currency: "CNY" });
  });

  test("the base currency has rate 1 although the ECB file does not list it", () => {
    const result = quoteOf(calculateLandedCost({ items: [item({ price: "100.00", currency: "EUR" })] }, context()));
    // 7.8678 / 1 × 1.01 = 7.946478
    expect(result.fxRates).toEqual({ EUR: "7.946478" });
    expect(result.items[0]?.goods).toBe("794.65");
    const listed = { ...ecbRates, rates: { ...ecbRates.rates, EUR: "1" } };
    expect(
      quoteOf(calculateLandedCost({ items: [item({ price: "100.00", currency: "EUR" })] }, context({ fx: listed }))).items[0]?.goods,
    ).toBe("794.65");
  });

  test.each(["perfume", "toString", "__proto__"])("an unknown tax category %j", (taxCategory) => {
    expect(errorOf(calculateLandedCost({ items: [item({ taxCategory })] }, context()))).toEqual({
      code: "UNKNOWN_TAX_CATEGORY",
      message: expect.any(String),
      details: { taxCategory },
    });
  });
});

describe("RATES_STALE", () => {
  const at = (asOf: string, now: string) => calculateLandedCost({ items: [item()] }, context({ fx: { ...ecbRates, asOf }, now }));

  test("a date-only asOf is 00:00 UTC that day: exactly 72 hours is still fresh", () => {
    expect(at("2024-03-10", "2024-03-13T00:00:00Z").ok).toBe(true);
    expect(errorOf(at("2024-03-10", "2024-03-13T00:00:01Z"))).toEqual({
      code: "RATES_STALE",
      message: expect.any(String),
      details: { asOf: "2024-03-10", ageHours: 72.01, maxAgeHours: 72 },
    });
  });

  test("a timestamp asOf is taken with its offset", () => {
    expect(at("2024-03-13T16:00:00+01:00", "2024-03-16T15:00:00Z").ok).toBe(true);
    expect(errorOf(at("2024-03-13T16:00:00+01:00", "2024-03-16T15:30:00Z")).details).toEqual({
      asOf: "2024-03-13T16:00:00+01:00",
      ageHours: 72.5,
      maxAgeHours: 72,
    });
  });

  test("an impossible asOf day is invalid input, not a fresh snapshot", () => {
    expect(errorOf(at("2024-02-30", "2024-03-01T00:00:00Z")).details).toEqual({ fields: ["context.fx.asOf"] });
  });
});

describe("POSTAL_PARCEL_LIMIT", () => {
  test("goods of exactly 1000.00 pass; one fen more with two units does not", () => {
    expect(calculateLandedCost({ items: [cny("500.00", 2)] }, exact()).ok).toBe(true);
    expect(errorOf(calculateLandedCost({ items: [cny("500.00"), cny("500.02")] }, exact()))).toEqual({
      code: "POSTAL_PARCEL_LIMIT",
      message: expect.any(String),
      details: { goods: "1000.02", limit: "1000.00", units: 2 },
    });
  });

  test.each(["HK", "MO", "TW"])("the limit is 800.00 from %s", (originCountry) => {
    const shippingLine = { ...usPostal, originCountry };
    expect(calculateLandedCost({ items: [cny("400.00", 2)] }, exact({ shippingLine })).ok).toBe(true);
    expect(errorOf(calculateLandedCost({ items: [cny("400.01", 2)] }, exact({ shippingLine }))).details).toEqual({
      goods: "800.02",
      limit: "800.00",
      units: 2,
    });
  });

  test("a single indivisible item may exceed the limit and is taxed in full", () => {
    const result = quoteOf(calculateLandedCost({ items: [cny("3000.00")] }, exact()));
    expect(result.lines[5]).toEqual({ code: "import_tax", amount: "600.00" });
  });
});

describe("CBEC limits", () => {
  const cbec = (overrides: Partial<QuoteContextInput> = {}) => exact({ shippingLine: usCbec, ...overrides });

  test("CBEC_ANNUAL_LIMIT: used + dutiable may reach 26000.00 but not pass it", () => {
    // D = 920.00 goods + 80.00 shipping = 1000.00
    expect(calculateLandedCost({ items: [cny("920.00")], annualCbecUsedCny: "25000.00" }, cbec()).ok).toBe(true);
    expect(errorOf(calculateLandedCost({ items: [cny("920.00")], annualCbecUsedCny: "25000.01" }, cbec()))).toEqual({
      code: "CBEC_ANNUAL_LIMIT",
      message: expect.any(String),
      details: { used: "25000.01", dutiable: "1000.00", limit: "26000.00", remaining: "999.99" },
    });
    expect(errorOf(calculateLandedCost({ items: [cny("920.00")], annualCbecUsedCny: "27000.00" }, cbec())).details).toMatchObject({
      remaining: "0.00",
    });
  });

  test("CBEC_SINGLE_LIMIT: over 5000.00 with more than one unit", () => {
    // D = 2 × 2500.00 + 80.00 = 5080.00
    expect(errorOf(calculateLandedCost({ items: [cny("2500.00", 2)] }, cbec()))).toEqual({
      code: "CBEC_SINGLE_LIMIT",
      message: expect.any(String),
      details: { dutiable: "5080.00", limit: "5000.00", units: 2 },
    });
    expect(errorOf(calculateLandedCost({ items: [cny("2500.00"), cny("2500.00")] }, cbec())).code).toBe("CBEC_SINGLE_LIMIT");
  });

  test("exactly 5000.00 is within the limit: 70% of VAT", () => {
    const result = quoteOf(calculateLandedCost({ items: [cny("2460.00", 2)] }, cbec()));
    expect(result.lines[5]).toEqual({ code: "import_tax", amount: "455.00" }); // 5000.00 × 0.13 × 0.7
  });

  test("the annual limit is checked before the single-transaction limit", () => {
    const outcome = calculateLandedCost({ items: [cny("2500.00", 2)], annualCbecUsedCny: "25000.00" }, cbec());
    expect(errorOf(outcome).code).toBe("CBEC_ANNUAL_LIMIT");
  });

  test("the headphones of example 1 also quote on a CBEC line", () => {
    expect(quoteOf(calculateLandedCost({ items: [headphones] }, context({ shippingLine: usCbec }))).regime).toBe("CBEC");
  });
});
