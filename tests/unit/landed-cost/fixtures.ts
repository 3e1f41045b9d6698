import type { QuoteContextInput, QuoteError, QuoteOutcome, QuoteRequestInput, QuoteResult } from "~/domain/landed-cost";
import { RULES_2019 } from "../../fixtures/customs-rules";
import { specHeadphones } from "../../fixtures/spec-example";

type Item = QuoteRequestInput["items"][number];
type ShippingLineInput = QuoteContextInput["shippingLine"];

// From shared/fixtures/ecb-eurofxref-daily-2024-03-13.xml (units per 1 EUR; EUR itself is implicit).
export const ecbRates = {
  base: "EUR",
  asOf: "2024-03-13",
  rates: { USD: "1.0939", JPY: "161.83", GBP: "0.85451", CNY: "7.8678", HKD: "8.5574", KRW: "1439.01" },
};

export const fees = {
  fxSpread: "0.01",
  serviceFeeRate: "0.05",
  serviceFeeMinimum: "10.00",
  insuranceRate: "0.01",
  ratesMaxAgeHours: 72,
};

export const usPostal: ShippingLineInput = {
  code: "us-postal-ems",
  originCountry: "US",
  customsRegime: "POSTAL",
  firstWeightGrams: 500,
  firstWeightPrice: "98.00",
  additionalWeightGrams: 500,
  additionalWeightPrice: "32.00",
  volumetricDivisor: 6000,
  handlingFee: "10.00",
};

export const usCbec: ShippingLineInput = {
  code: "us-cbec-bonded",
  originCountry: "US",
  customsRegime: "CBEC",
  firstWeightGrams: 1000,
  firstWeightPrice: "75.00",
  additionalWeightGrams: 500,
  additionalWeightPrice: "28.00",
  volumetricDivisor: 5000,
  handlingFee: "5.00",
};

export const jpPostal: ShippingLineInput = {
  code: "jp-postal-ems",
  originCountry: "JP",
  customsRegime: "POSTAL",
  firstWeightGrams: 500,
  firstWeightPrice: "75.00",
  additionalWeightGrams: 500,
  additionalWeightPrice: "18.00",
  volumetricDivisor: 6000,
  handlingFee: "8.00",
};

const rates = (postalRate: string, cbecVat: string, cbecConsumption: string, mfnTariff: string) => ({
  postalRate,
  cbecVat,
  cbecConsumption,
  mfnTariff,
});

/** The spec's default tax table. */
export const taxTable = {
  books: rates("0.13", "0.09", "0", "0"),
  electronics: rates("0.13", "0.13", "0", "0"),
  food: rates("0.13", "0.13", "0", "0.10"),
  toys: rates("0.13", "0.13", "0", "0"),
  clothing: rates("0.20", "0.13", "0", "0.07"),
  sports: rates("0.20", "0.13", "0", "0.08"),
  appliances: rates("0.20", "0.13", "0", "0.08"),
  general: rates("0.20", "0.13", "0", "0.08"),
  cosmetics_premium: rates("0.50", "0.13", "0.15", "0.01"),
  watch_premium: rates("0.50", "0.13", "0.20", "0.08"),
  jewelry: rates("0.50", "0.13", "0.10", "0.08"),
  alcohol: rates("0.50", "0.13", "0.10", "0.14"),
};

/** The spec's worked-example context: 2024-03-14, so the 2019 customs rules are in force. */
export function context(overrides: Partial<QuoteContextInput> = {}): QuoteContextInput {
  return {
    now: "2024-03-14T09:00:00Z",
    fx: ecbRates,
    fees,
    shippingLine: usPostal,
    taxCategories: taxTable,
    customs: RULES_2019,
    ...overrides,
  };
}

export function item(overrides: Partial<Item> = {}): Item {
  return { title: "Test item", price: "10.00", currency: "USD", quantity: 1, weightGrams: 100, taxCategory: "general", ...overrides };
}

export const headphones: Item = specHeadphones;

export function quoteOf(outcome: QuoteOutcome): QuoteResult {
  if (!outcome.ok) throw new Error(`expected a quote, got ${JSON.stringify(outcome.error)}`);
  return outcome.quote;
}

export function errorOf(outcome: QuoteOutcome): QuoteError {
  if (outcome.ok) throw new Error(`expected an error, got a quote totalling ${outcome.quote.total}`);
  return outcome.error;
}

/** Every line by code, plus the total. */
export function amounts(result: QuoteResult): Record<string, string> {
  return Object.fromEntries([...result.lines.map((line) => [line.code, line.amount]), ["total", result.total]]);
}
