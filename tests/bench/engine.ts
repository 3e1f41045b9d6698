import { calculateLandedCost, type QuoteContext, type QuoteRequest } from "~/domain/landed-cost";
import { RULES_2019 } from "../fixtures/customs-rules";

export const benchContext: QuoteContext = {
  now: "2024-03-14T09:00:00Z",
  fx: { base: "EUR", asOf: "2024-03-13", rates: { USD: "1.0939", JPY: "161.83", CNY: "7.8678", KRW: "1439.01", GBP: "0.85451" } },
  fees: {
    fxSpread: "0.01",
    serviceFeeRate: "0.05",
    serviceFeeMinimum: "10.00",
    insuranceRate: "0.01",
    ratesMaxAgeHours: 72,
    quoteValidityMinutes: 30,
  },
  shippingLine: {
    code: "us-cbec-bonded",
    originCountry: "US",
    customsRegime: "CBEC",
    firstWeightGrams: 1000,
    firstWeightPrice: "75.00",
    additionalWeightGrams: 500,
    additionalWeightPrice: "28.00",
    volumetricDivisor: 5000,
    handlingFee: "5.00",
  },
  taxCategories: {
    electronics: { postalRate: "0.13", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0" },
    cosmetics_premium: { postalRate: "0.50", cbecVat: "0.13", cbecConsumption: "0.15", mfnTariff: "0.01" },
  },
  customs: RULES_2019,
};

const item = (index: number) => ({
  title: `item ${index}`,
  price: index % 2 ? "68.00" : "12.50",
  currency: index % 3 ? "USD" : "JPY",
  quantity: 1 + (index % 2),
  weightGrams: 120 + index * 10,
  dimensionsCm: [5, 5, 12] as [number, number, number],
  taxCategory: index % 2 ? "cosmetics_premium" : "electronics",
  domesticShipping: "0",
});

export const oneItem: QuoteRequest = { items: [item(1)], insurance: true, annualCbecUsedCny: "0" };
export const tenItems: QuoteRequest = {
  items: Array.from({ length: 10 }, (_, index) => item(index)),
  insurance: true,
  annualCbecUsedCny: "0",
};

/**
 * Microseconds per quote, after a warm-up, over at least `ms` of wall time. With `freshContext` every
 * call gets a new context object around the same parts, as the quote service builds one per request.
 */
export function timeEngine(request: QuoteRequest, { ms = 1500, freshContext = false } = {}) {
  const contextFor = () => (freshContext ? { ...benchContext } : benchContext);
  for (let index = 0; index < 2000; index += 1) calculateLandedCost(request, contextFor());
  let runs = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let index = 0; index < 200; index += 1) {
      const outcome = calculateLandedCost(request, contextFor());
      if (!outcome.ok) throw new Error(`bench request failed: ${outcome.error.code}`);
    }
    runs += 200;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / 1000 / runs;
}
