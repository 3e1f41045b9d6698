import { z } from "zod";
import { packingSchema } from "./packing";
import { ONE, Ratio } from "./ratio";

// Foreign prices may carry the store's own minor units (or none); CNY amounts are fen-exact
// because the lines that add them up (shipping, fee minimum) are never rounded again.
const DECIMAL = /^\d{1,15}(?:\.\d{1,12})?$/;
// What one order can reach, so no input makes an amount the calculator cannot print (a total over
// MAX_QUOTE_TOTAL_CNY is refused as AMOUNT_TOO_LARGE): a foreign price below ten billion of its
// currency, a few thousand pieces, a tonne, ten metres a side.
const FOREIGN_PRICE = /^\d{1,10}(?:\.\d{1,12})?$/;
export const QUOTE_LIMITS = { maxQuantity: 9_999, maxWeightGrams: 1_000_000, maxSideCm: 1_000 } as const;
export const MAX_QUOTE_TOTAL_CNY = "100000000.00";
const CNY_AMOUNT = /^\d{1,13}(?:\.\d{1,2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const decimalString = z.string().regex(DECIMAL, 'must be a non-negative decimal string such as "129.99"');
const cnyAmount = z.string().regex(CNY_AMOUNT, 'must be a CNY amount with at most 2 decimals such as "98.00"');
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD");
const isoInstant = z.string().datetime({ offset: true });
const finite = () => z.number().finite();
const foreignPrice = z.string().regex(FOREIGN_PRICE, 'must be a non-negative decimal string below 10000000000 such as "129.99"');
const grams = () => finite().min(0).max(QUOTE_LIMITS.maxWeightGrams);
const dimensionsCm = () =>
  z.tuple([
    finite().positive().max(QUOTE_LIMITS.maxSideCm),
    finite().positive().max(QUOTE_LIMITS.maxSideCm),
    finite().positive().max(QUOTE_LIMITS.maxSideCm),
  ]);

/** `asOf` is a day (read as 00:00 UTC) or an ISO timestamp; NaN when it is neither. */
export function asOfInstant(asOf: string): number {
  if (DATE_ONLY.test(asOf)) {
    const ms = Date.parse(`${asOf}T00:00:00Z`);
    // Date.parse rolls 2024-02-30 over to March; a real day prints back unchanged.
    return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(asOf) ? ms : Number.NaN;
  }
  return isoInstant.safeParse(asOf).success ? Date.parse(asOf) : Number.NaN;
}

export const customsRegimeSchema = z.enum(["POSTAL", "CBEC"]);

export const quoteItemSchema = z
  .object({
    title: z
      .string()
      .min(1)
      .max(500)
      // PostgreSQL stores quotes as JSON, which cannot hold a NUL.
      .regex(/^[^\0]*$/, "must not contain a NUL character"),
    price: foreignPrice,
    currency: currencyCode,
    quantity: z.number().int().min(1).max(QUOTE_LIMITS.maxQuantity),
    weightGrams: grams(),
    dimensionsCm: dimensionsCm().optional(),
    taxCategory: z.string().min(1).max(64),
    domesticShipping: foreignPrice.default("0"),
  })
  .strict();

export const quoteRequestSchema = z
  .object({
    items: z.array(quoteItemSchema).min(1).max(50),
    insurance: z.boolean().default(false),
    annualCbecUsedCny: cnyAmount.default("0"),
    // The parcel as the warehouse measured it: an order's cost is recomputed with it after the
    // goods arrive. When given it replaces the items' weights and sizes for shipping.
    parcel: z
      .object({
        weightGrams: grams(),
        dimensionsCm: dimensionsCm().optional(),
      })
      .strict()
      .optional(),
    // Packing options (packing.ts); absent means keep the boxes, no extra protection, so requests
    // stored before packing existed parse and price as they did.
    packing: packingSchema.optional(),
  })
  .strict();

// Context parts strip unknown keys: the service builds them from database rows that carry
// ids, names and timestamps. The API document below uses strict copies, where an unknown
// key is a caller's typo.
const CURRENCY_CODE = /^[A-Z]{3}$/;

// A snapshot carries about 30 rates and every quote checks them: one loop instead of zod's
// per-entry record machinery keeps the check to about a microsecond.
const ratesRecord = z
  .custom<Record<string, string>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    "must be an object of rates",
  )
  .superRefine((rates, ctx) => {
    for (const [currency, rate] of Object.entries(rates)) {
      if (!CURRENCY_CODE.test(currency))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [currency], message: "must be an ISO 4217 code such as USD" });
      else if (typeof rate !== "string" || !DECIMAL.test(rate) || !/[1-9]/.test(rate)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [currency], message: 'must be a positive decimal string such as "7.8678"' });
      }
    }
  });

const fxSnapshotObject = z.object({
  base: currencyCode,
  asOf: z.string().refine((value) => Number.isFinite(asOfInstant(value)), "must be a date (YYYY-MM-DD) or an ISO timestamp"),
  rates: ratesRecord,
});

function baseRateIsOne(fx: z.infer<typeof fxSnapshotObject>, ctx: z.RefinementCtx): void {
  const listed = fx.rates[fx.base];
  if (listed !== undefined && Ratio.parse(listed).cmp(ONE) !== 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["rates", fx.base], message: "the base currency's rate must be 1" });
  }
}

const feesObject = z.object({
  fxSpread: decimalString,
  serviceFeeRate: decimalString,
  serviceFeeMinimum: cnyAmount,
  insuranceRate: decimalString,
  ratesMaxAgeHours: finite().positive(),
  // Capped at a year so now + validity is always a representable date.
  quoteValidityMinutes: finite().positive().max(525_600).default(30),
});

const shippingLineObject = z.object({
  code: z.string().min(1),
  originCountry: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US"),
  customsRegime: customsRegimeSchema,
  firstWeightGrams: finite().min(0),
  firstWeightPrice: cnyAmount,
  additionalWeightGrams: finite().positive(),
  additionalWeightPrice: cnyAmount,
  volumetricDivisor: finite().positive().nullable().optional(),
  handlingFee: cnyAmount,
  // Packing fees per parcel (packing.ts); a context stored before packing existed had none.
  removeBoxesFee: cnyAmount.optional(),
  extraProtectionFee: cnyAmount.optional(),
});

const taxCategoryObject = z.object({
  postalRate: decimalString,
  cbecVat: decimalString,
  cbecConsumption: decimalString,
  mfnTariff: decimalString,
});

function consumptionBelowOne(category: z.infer<typeof taxCategoryObject>, ctx: z.RefinementCtx): void {
  // The CBEC formulas divide by (1 − consumption).
  if (Ratio.parse(category.cbecConsumption).cmp(ONE) >= 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["cbecConsumption"], message: "must be below 1" });
  }
}

// The customs rules in force at `now` (docs/landed-cost.md, "Customs rules are dated data"):
// China changes these limits by announcement, so they come in with the context, never as constants.
const COUNTRY_CODE = /^[A-Z]{2}$/;
const countryCode = z.string().regex(COUNTRY_CODE, "must be an ISO 3166-1 alpha-2 code such as US");

const customsRulesObject = z.object({
  effectiveFrom: isoInstant,
  source: z.string().min(1).max(200),
  postalParcelLimit: cnyAmount,
  postalParcelLimitByOrigin: z.record(countryCode, cnyAmount),
  postalTaxWaiver: cnyAmount,
  cbecSingleLimit: cnyAmount,
  cbecAnnualLimit: cnyAmount,
  // The share of VAT and consumption tax due within the CBEC limits (0.7 = 70%).
  cbecTaxShare: decimalString.refine((share) => Ratio.parse(share).cmp(ONE) <= 0, "must be between 0 and 1"),
});

export const fxSnapshotSchema = fxSnapshotObject.superRefine(baseRateIsOne);
export const feesSchema = feesObject;
export const shippingLineSchema = shippingLineObject;
export const taxCategorySchema = taxCategoryObject.superRefine(consumptionBelowOne);
export const customsRulesSchema = customsRulesObject;

// Each part of a context has its own schema so that a part reused across quotes (the same rates,
// fees, line and tax table objects) is validated once; see calculate.ts.
export const contextPartSchemas = {
  now: isoInstant,
  fx: fxSnapshotSchema,
  fees: feesSchema,
  shippingLine: shippingLineSchema,
  taxCategories: z.record(z.string(), taxCategorySchema),
  customs: customsRulesSchema,
};

export const quoteContextSchema = z.object(contextPartSchemas);

export const partialQuoteContextSchema = z
  .object({
    now: isoInstant.optional(),
    fx: fxSnapshotObject.strict().superRefine(baseRateIsOne).optional(),
    fees: feesObject.strict().optional(),
    shippingLine: z.union([z.string().min(1), shippingLineObject.strict()]).optional(),
    taxCategories: z.record(z.string(), taxCategoryObject.strict().superRefine(consumptionBelowOne)).optional(),
    customs: customsRulesObject.strict().optional(),
  })
  .strict();

/** The API body and the CLI file: the service fills what `context` leaves out from the database. */
export const quoteDocumentSchema = z
  .object({
    request: quoteRequestSchema,
    context: partialQuoteContextSchema.optional(),
  })
  .strict();

export const LINE_CODES = ["goods", "domestic_shipping", "service_fee", "international_shipping", "insurance", "import_tax"] as const;

/** Also parses a quote stored on an order back into shape. */
export const quoteResultSchema = z.object({
  currency: z.literal("CNY"),
  regime: customsRegimeSchema,
  lines: z.array(z.object({ code: z.enum(LINE_CODES), amount: cnyAmount })),
  total: cnyAmount,
  chargeableWeightGrams: z.number().min(0),
  taxExempt: z.boolean(),
  fxRates: z.record(currencyCode, decimalString),
  ratesAsOf: z.string(),
  validUntil: z.string(),
  items: z.array(z.object({ title: z.string(), goods: cnyAmount })),
  warnings: z.array(z.string()),
  // The packing chosen and its fee, already inside international_shipping; absent: boxes kept, no fee.
  packing: z.object({ removeBoxes: z.boolean(), extraProtection: z.boolean(), fee: cnyAmount }).optional(),
});

export type QuoteItem = z.infer<typeof quoteItemSchema>;
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
export type QuoteRequestInput = z.input<typeof quoteRequestSchema>;
export type FxSnapshot = z.infer<typeof fxSnapshotSchema>;
export type Fees = z.infer<typeof feesSchema>;
export type ShippingLine = z.infer<typeof shippingLineSchema>;
export type TaxCategory = z.infer<typeof taxCategorySchema>;
export type CustomsRules = z.infer<typeof customsRulesSchema>;
export type CustomsRegime = z.infer<typeof customsRegimeSchema>;
export type QuoteContext = z.infer<typeof quoteContextSchema>;
/** What a caller may pass: `fees.quoteValidityMinutes` still optional. */
export type QuoteContextInput = z.input<typeof quoteContextSchema>;
export type PartialQuoteContext = z.infer<typeof partialQuoteContextSchema>;
export type QuoteDocument = z.infer<typeof quoteDocumentSchema>;
export type LineCode = (typeof LINE_CODES)[number];
export type QuoteLine = { code: LineCode; amount: string };
export type QuoteResult = z.infer<typeof quoteResultSchema>;

export type QuoteWarning = "WEIGHT_UNKNOWN";

export type QuoteErrorCode =
  | "INVALID_INPUT"
  | "UNKNOWN_CURRENCY"
  | "RATES_STALE"
  | "UNKNOWN_TAX_CATEGORY"
  | "POSTAL_PARCEL_LIMIT"
  | "CBEC_ANNUAL_LIMIT"
  | "CBEC_SINGLE_LIMIT"
  // More than one order can carry (MAX_QUOTE_TOTAL_CNY): refused, never printed in a shortened form.
  | "AMOUNT_TOO_LARGE"
  // The service found no customs rule set in force at the quote's `now` (the calculator never guesses one).
  | "NO_CUSTOMS_RULES";

export type QuoteErrorDetails = Record<string, string | number | string[]>;

export type QuoteError = { code: QuoteErrorCode; message: string; details?: QuoteErrorDetails };

export type QuoteOutcome = { ok: true; quote: QuoteResult } | { ok: false; error: QuoteError };
