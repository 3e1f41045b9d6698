import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { calculateLandedCost, createQuoter, toFen, type QuoteContextInput, type QuoteRequestInput } from "~/domain/landed-cost";
import { RULES_2024 } from "../../fixtures/customs-rules";
import { context, jpPostal, taxTable, usCbec, usPostal } from "./fixtures";

type Item = QuoteRequestInput["items"][number];

const RUNS = { numRuns: 200 };
const CURRENCIES = ["USD", "JPY", "EUR", "GBP", "HKD", "KRW", "CNY"] as const;
const CATEGORIES = Object.keys(taxTable);

// Mostly small parcels so that most runs produce a quote rather than a limit error.
const decimal = (maxUnits: number, places: number) =>
  fc.integer({ min: 0, max: maxUnits * 10 ** places }).map((n) => {
    if (places === 0) return String(n);
    const digits = String(n).padStart(places + 1, "0");
    return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  });

const currencyPrice = fc.constantFrom(...CURRENCIES).chain((currency) => {
  const price = currency === "JPY" ? decimal(40_000, 0) : currency === "KRW" ? decimal(400_000, 0) : decimal(400, 2);
  return fc.tuple(fc.constant(currency), price, fc.option(price, { nil: undefined }));
});

const itemArb: fc.Arbitrary<Item> = fc
  .record({
    currencyPrice,
    title: fc.string({ minLength: 1, maxLength: 20 }),
    quantity: fc.integer({ min: 1, max: 4 }),
    weightGrams: fc.oneof(
      fc.integer({ min: 0, max: 4000 }),
      fc.integer({ min: 0, max: 40_000 }).map((n) => n / 10),
    ),
    dimensionsCm: fc.option(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 })), {
      nil: undefined,
    }),
    taxCategory: fc.constantFrom(...CATEGORIES),
  })
  .map(({ currencyPrice: [currency, price, domesticShipping], ...rest }) => ({
    ...rest,
    currency,
    price,
    ...(domesticShipping === undefined ? {} : { domesticShipping }),
  }));

const requestArb = fc.record({
  items: fc.array(itemArb, { minLength: 1, maxLength: 4 }),
  insurance: fc.boolean(),
  annualCbecUsedCny: decimal(20_000, 2),
});

const hkPostal = { ...usPostal, code: "hk-postal", originCountry: "HK" };
const noDivisor = { ...usCbec, code: "no-divisor", volumetricDivisor: null };
const contextArb: fc.Arbitrary<QuoteContextInput> = fc
  .constantFrom(usPostal, usCbec, jpPostal, hkPostal, noDivisor)
  .map((shippingLine) => context({ shippingLine }));

const totalFen = (request: QuoteRequestInput, ctx: QuoteContextInput): number | undefined => {
  const outcome = calculateLandedCost(request, ctx);
  return outcome.ok ? toFen(outcome.quote.total) : undefined;
};

describe("landed-cost properties", () => {
  test.prop([requestArb, contextArb], RUNS)("the total is the sum of six two-decimal, non-negative lines", (request, ctx) => {
    const outcome = calculateLandedCost(request, ctx);
    if (!outcome.ok) {
      expect(["POSTAL_PARCEL_LIMIT", "CBEC_ANNUAL_LIMIT", "CBEC_SINGLE_LIMIT"]).toContain(outcome.error.code);
      return;
    }
    const { lines, total } = outcome.quote;
    expect(lines.map((line) => line.code)).toEqual([
      "goods",
      "domestic_shipping",
      "service_fee",
      "international_shipping",
      "insurance",
      "import_tax",
    ]);
    for (const line of lines) expect(line.amount).toMatch(/^\d+\.\d{2}$/);
    expect(total).toMatch(/^\d+\.\d{2}$/);
    expect(toFen(total)).toBe(lines.reduce((sum, line) => sum + toFen(line.amount), 0));
  });

  test.prop([requestArb, contextArb, fc.nat(), fc.integer({ min: 1, max: 3000 })], RUNS)(
    "more weight never lowers the total",
    (request, ctx, pick, extraGrams) => {
      const index = pick % request.items.length;
      const heavier = {
        ...request,
        items: request.items.map((it, i) => (i === index ? { ...it, weightGrams: it.weightGrams + extraGrams } : it)),
      };
      const before = totalFen(request, ctx);
      const after = totalFen(heavier, ctx);
      if (before === undefined || after === undefined) return;
      expect(after).toBeGreaterThanOrEqual(before);
    },
  );

  // Only within one tax category on CBEC lines: the spec shares D − goods by goods value, so a
  // cheap unit of a low-rate category moves dutiable value off a high-rate item (rules.test.ts).
  test.prop([requestArb, contextArb, fc.nat(), fc.integer({ min: 1, max: 3 })], RUNS)(
    "more units never lower the total (POSTAL, or CBEC within one tax category)",
    (request, ctx, pick, extraUnits) => {
      const category = request.items[0]?.taxCategory ?? "general";
      const sameCategory = ctx.shippingLine.customsRegime === "CBEC";
      const base = { ...request, items: request.items.map((it) => (sameCategory ? { ...it, taxCategory: category } : it)) };
      const index = pick % base.items.length;
      const more = {
        ...base,
        items: base.items.map((it, i) => (i === index ? { ...it, quantity: it.quantity + extraUnits } : it)),
      };
      const before = totalFen(base, ctx);
      const after = totalFen(more, ctx);
      if (before === undefined || after === undefined) return;
      expect(after).toBeGreaterThanOrEqual(before);
    },
  );

  test.prop([requestArb, contextArb], RUNS)("the same input gives the same output", (request, ctx) => {
    const first = calculateLandedCost(request, ctx);
    const second = calculateLandedCost(structuredClone(request), structuredClone(ctx));
    expect(second).toEqual(first);
  });

  // The 2024 rules only raised the postal parcel limit: whatever quoted under the 2019 rules quotes
  // under the 2024 ones to the same fen, and only postal multi-unit parcels may newly quote.
  test.prop([requestArb, contextArb], RUNS)("the 2024 rules accept everything the 2019 rules did, at the same price", (request, ctx) => {
    const before = calculateLandedCost(request, ctx);
    const after = calculateLandedCost(request, { ...ctx, customs: RULES_2024 });
    if (before.ok) expect(after).toEqual(before);
    else if (before.error.code !== "POSTAL_PARCEL_LIMIT") expect(after).toEqual(before);
  });

  // The catalog's landed prices come from one quoter per line (createQuoter): reused for many
  // requests, in any order, it answers each exactly as calculateLandedCost does, errors included.
  const boundContextArb = fc.oneof(
    contextArb,
    contextArb.map((ctx) => ({ ...ctx, now: "2024-04-30T00:00:00Z" })), // rates stale at `now`
    contextArb.map((ctx) => ({ ...ctx, now: "yesterday" })), // an invalid context
  );
  test.prop([fc.array(fc.oneof(requestArb, fc.constant({ items: [] })), { minLength: 1, maxLength: 6 }), boundContextArb], RUNS)(
    "a quoter bound to one context answers every request as calculateLandedCost does",
    (requests, ctx) => {
      const quoter = createQuoter(ctx);
      for (const request of requests) expect(quoter(request)).toEqual(calculateLandedCost(request, ctx));
    },
  );
});
