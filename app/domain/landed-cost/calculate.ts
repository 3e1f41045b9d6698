import { failure, invalidInput } from "./errors";
import { cnyPerUnit, staleness, type Staleness } from "./fx";
import { max, Ratio, round2, sum, ZERO } from "./ratio";
import type { z } from "zod";
import {
  MAX_QUOTE_TOTAL_CNY,
  contextPartSchemas,
  quoteContextSchema,
  quoteRequestSchema,
  type LineCode,
  type QuoteContext,
  type QuoteContextInput,
  type QuoteLine,
  type QuoteOutcome,
  type QuoteRequest,
  type QuoteResult,
  type QuoteWarning,
  type TaxCategory,
} from "./schema";
import { isDefaultPacking, packingFee } from "./packing";
import { chargeableGrams, internationalShipping } from "./shipping";
import { cbecTax, postalTax, type TaxedLine } from "./tax";

const MINUTE_MS = 60_000;
const MAX_TOTAL = Ratio.parse(MAX_QUOTE_TOTAL_CNY);

const tooLarge = (amount: Ratio) =>
  failure(
    "AMOUNT_TOO_LARGE",
    `The quote's amount ${amount.toFixed(2)} CNY exceeds ${MAX_QUOTE_TOTAL_CNY} CNY, more than one order can carry`,
    {
      limit: MAX_QUOTE_TOTAL_CNY,
    },
  );

/**
 * The landed cost of a parcel in CNY (docs/landed-cost.md). Pure: everything comes in
 * through `request` and `context`. Bad input is an INVALID_INPUT result, never an exception.
 */
export function calculateLandedCost(request: unknown, context: QuoteContextInput): QuoteOutcome {
  return createQuoter(context)(request);
}

export type Quoter = (request: unknown) => QuoteOutcome;

/**
 * The calculator bound to one context, for pricing many requests against the same rates, fees,
 * line, tax table, rules and clock (the catalog's landed prices): the context is validated, and
 * what follows from it alone (exchange rates, the rates' age, the validity end) worked out, once.
 * Each call validates its own request and runs the same calculation as calculateLandedCost.
 */
export function createQuoter(context: QuoteContextInput): Quoter {
  const parsedContext = parseContext(context);
  const prepared = parsedContext.success ? prepare(parsedContext.data) : null;
  return (request) => {
    const parsedRequest = quoteRequestSchema.safeParse(request);
    if (!parsedRequest.success || !prepared) {
      return invalidInput([
        ...(parsedRequest.success ? [] : [{ root: "request" as const, error: parsedRequest.error }]),
        ...(parsedContext.success ? [] : [{ root: "context" as const, error: parsedContext.error }]),
      ]);
    }
    return quote(parsedRequest.data, prepared);
  };
}

/** What a quote reads of its context that depends on the context alone. */
type Prepared = {
  context: QuoteContext;
  /** CNY per unit of each currency asked for so far (null: not in the snapshot). */
  rates: Map<string, Ratio | null>;
  age: Staleness;
  validUntil: string;
};

function prepare(context: QuoteContext): Prepared {
  return {
    context,
    rates: new Map(),
    age: staleness(context.fx, context.now, context.fees.ratesMaxAgeHours),
    validUntil: new Date(Date.parse(context.now) + context.fees.quoteValidityMinutes * MINUTE_MS).toISOString(),
  };
}

function rateOf(prepared: Prepared, currency: string): Ratio | null {
  let rate = prepared.rates.get(currency);
  if (rate === undefined) {
    rate = cnyPerUnit(prepared.context.fx, prepared.context.fees.fxSpread, currency) ?? null;
    prepared.rates.set(currency, rate);
  }
  return rate;
}

// Every part of a context is validated once per object: the service hands the same rates, fees,
// line, tax-table and customs-rules objects to many quotes, and a snapshot's ~30 rates are the costly part.
// Callers treat those objects as immutable.
const validatedParts = new WeakMap<object, { success: boolean; data?: unknown }>();

function parsePart(schema: z.ZodTypeAny, value: unknown) {
  if (typeof value !== "object" || value === null) return schema.safeParse(value);
  let parsed = validatedParts.get(value);
  if (!parsed) {
    parsed = schema.safeParse(value);
    validatedParts.set(value, parsed);
  }
  return parsed;
}

function parseContext(context: QuoteContextInput): z.SafeParseReturnType<QuoteContextInput, QuoteContext> {
  if (typeof context !== "object" || context === null) return quoteContextSchema.safeParse(context);
  const data: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(contextPartSchemas)) {
    const part = parsePart(schema, (context as Record<string, unknown>)[key]);
    // Any failure is re-checked as a whole, so the error paths name the context's fields.
    if (!part.success) return quoteContextSchema.safeParse(context);
    data[key] = part.data;
  }
  return { success: true, data: data as QuoteContext };
}

/** The amount of one line of a quote, e.g. lineAmount(quote, "import_tax") → "264.41". */
export function lineAmount(result: QuoteResult, code: LineCode): string {
  return result.lines.find((line) => line.code === code)?.amount ?? "0.00";
}

function quote(request: QuoteRequest, prepared: Prepared): QuoteOutcome {
  const { context } = prepared;
  const { fx, fees, shippingLine } = context;

  const rates = new Map<string, Ratio>();
  for (const currency of ["CNY", ...request.items.map((item) => item.currency)]) {
    if (rates.has(currency)) continue;
    const rate = rateOf(prepared, currency);
    if (!rate) return failure("UNKNOWN_CURRENCY", `No exchange rate for ${currency} in the ${fx.asOf} snapshot`, { currency });
    rates.set(currency, rate);
  }

  const categories: TaxCategory[] = [];
  for (const item of request.items) {
    // hasOwn: a category named "toString" must not find Object.prototype.
    const category = Object.hasOwn(context.taxCategories, item.taxCategory) ? context.taxCategories[item.taxCategory] : undefined;
    if (!category) return failure("UNKNOWN_TAX_CATEGORY", `Unknown tax category ${item.taxCategory}`, { taxCategory: item.taxCategory });
    categories.push(category);
  }

  const { age } = prepared;
  if (age.stale) {
    return failure(
      "RATES_STALE",
      `The exchange rates of ${fx.asOf} are ${age.ageHours} hours old, older than the ${fees.ratesMaxAgeHours} hours allowed`,
      { asOf: fx.asOf, ageHours: age.ageHours, maxAgeHours: fees.ratesMaxAgeHours },
    );
  }

  const rateFor = (currency: string): Ratio => rates.get(currency) ?? ZERO; // every currency was resolved above
  const itemGoods = request.items.map((item) =>
    round2(
      Ratio.parse(item.price)
        .times(Ratio.of(BigInt(item.quantity)))
        .times(rateFor(item.currency)),
    ),
  );
  const goods = sum(itemGoods);
  const domestic = sum(request.items.map((item) => round2(Ratio.parse(item.domesticShipping).times(rateFor(item.currency)))));
  // Checked before the customs limits too, so an absurd order is named as such, not as a customs case.
  if (goods.plus(domestic).gt(MAX_TOTAL)) return tooLarge(goods.plus(domestic));
  const serviceFee = max(round2(goods.times(Ratio.parse(fees.serviceFeeRate))), Ratio.parse(fees.serviceFeeMinimum));
  const chargeable = chargeableGrams(request.items, shippingLine, request.parcel);
  // Packing is part of shipping: its fee is inside the international_shipping line (packing.ts).
  const packing = packingFee(request.packing, shippingLine);
  const shipping = internationalShipping(chargeable, shippingLine).plus(packing);
  const insurance = request.insurance ? round2(goods.plus(domestic).times(Ratio.parse(fees.insuranceRate))) : ZERO;

  const taxedLines: TaxedLine[] = request.items.map((item, index) => ({
    goods: itemGoods[index] ?? ZERO,
    quantity: item.quantity,
    category: categories[index] as TaxCategory,
  }));
  const tax =
    shippingLine.customsRegime === "POSTAL"
      ? postalTax(taxedLines, goods, shippingLine, context.customs)
      : cbecTax(
          taxedLines,
          goods,
          goods.plus(domestic).plus(shipping).plus(insurance),
          Ratio.parse(request.annualCbecUsedCny),
          context.customs,
        );
  if (!tax.ok) return tax;

  const amounts: [LineCode, Ratio][] = [
    ["goods", goods],
    ["domestic_shipping", domestic],
    ["service_fee", serviceFee],
    ["international_shipping", shipping],
    ["insurance", insurance],
    ["import_tax", tax.tax],
  ];
  const total = sum(amounts.map(([, amount]) => amount));
  if (total.gt(MAX_TOTAL)) return tooLarge(total);
  const lines: QuoteLine[] = amounts.map(([code, amount]) => ({ code, amount: amount.toFixed(2) }));
  const warnings: QuoteWarning[] = request.items.some((item) => item.weightGrams === 0) ? ["WEIGHT_UNKNOWN"] : [];

  return {
    ok: true,
    quote: {
      currency: "CNY",
      regime: shippingLine.customsRegime,
      lines,
      total: total.toFixed(2),
      chargeableWeightGrams: chargeable.toNumber(),
      taxExempt: tax.exempt,
      fxRates: Object.fromEntries(request.items.map((item) => [item.currency, rateFor(item.currency).toFixed(6)])),
      ratesAsOf: fx.asOf,
      validUntil: prepared.validUntil,
      items: request.items.map((item, index) => ({ title: item.title, goods: (itemGoods[index] ?? ZERO).toFixed(2) })),
      warnings,
      ...(request.packing && !isDefaultPacking(request.packing)
        ? {
            packing: {
              removeBoxes: request.packing.removeBoxes,
              extraProtection: request.packing.extraProtection,
              fee: packing.toFixed(2),
            },
          }
        : {}),
    },
  };
}
