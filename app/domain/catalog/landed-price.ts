import { toFen, type QuoteOutcome } from "~/domain/landed-cost";

/**
 * The variant a listing is shown and priced with: the one asked for, else the first available, else
 * the first (variants in their store's order). The listing page and the precomputed list price both
 * pick through here, so a card and its page always price the same variant.
 */
export function pickVariant<V extends { id: string; available: boolean }>(variants: readonly V[], requestedId?: string | null): V | null {
  return variants.find((variant) => variant.id === requestedId) ?? variants.find((variant) => variant.available) ?? variants[0] ?? null;
}

/**
 * Why a list shows no landed price: the weight is unknown (a quote would price 0 g of shipping), the
 * store's country has no active line, or the calculator's own error code (RATES_STALE, …).
 */
export type LandedStatus = "OK" | "WEIGHT_UNKNOWN" | "NO_LINE" | (string & {});

export type LandedPrice = { landedFen: number | null; landedStatus: LandedStatus; landedLineCode: string | null };

/**
 * What a list stores for a listing from the listing page's own quote (null: no line for its origin).
 * A quote on an unknown weight is only a lower bound, so lists keep no number for it.
 */
export function landedPriceOf(quote: { line: { code: string }; outcome: QuoteOutcome } | null): LandedPrice {
  if (!quote) return { landedFen: null, landedStatus: "NO_LINE", landedLineCode: null };
  const { line, outcome } = quote;
  if (!outcome.ok) return { landedFen: null, landedStatus: outcome.error.code, landedLineCode: line.code };
  if (outcome.quote.warnings.includes("WEIGHT_UNKNOWN"))
    return { landedFen: null, landedStatus: "WEIGHT_UNKNOWN", landedLineCode: line.code };
  return { landedFen: toFen(outcome.quote.total), landedStatus: "OK", landedLineCode: line.code };
}

export function sameLandedPrice(a: LandedPrice, b: LandedPrice) {
  return a.landedFen === b.landedFen && a.landedStatus === b.landedStatus && a.landedLineCode === b.landedLineCode;
}
