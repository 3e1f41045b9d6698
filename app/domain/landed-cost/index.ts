export { calculateLandedCost, createQuoter, lineAmount, type Quoter } from "./calculate";
export { customsRulesInForce, postalParcelLimitFor } from "./customs-rules";
export { fromFen, toFen } from "./money";
export { DEFAULT_PACKING, isDefaultPacking, packingFee, packingSchema, type Packing, type PackingFees } from "./packing";
export {
  LINE_CODES,
  customsRegimeSchema,
  customsRulesSchema,
  feesSchema,
  fxSnapshotSchema,
  partialQuoteContextSchema,
  quoteContextSchema,
  quoteDocumentSchema,
  quoteItemSchema,
  quoteRequestSchema,
  quoteResultSchema,
  shippingLineSchema,
  taxCategorySchema,
} from "./schema";
export type {
  CustomsRegime,
  CustomsRules,
  Fees,
  FxSnapshot,
  LineCode,
  PartialQuoteContext,
  QuoteContext,
  QuoteContextInput,
  QuoteDocument,
  QuoteError,
  QuoteErrorCode,
  QuoteErrorDetails,
  QuoteItem,
  QuoteLine,
  QuoteOutcome,
  QuoteRequest,
  QuoteRequestInput,
  QuoteResult,
  QuoteWarning,
  ShippingLine,
  TaxCategory,
} from "./schema";
