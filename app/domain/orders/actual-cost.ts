import { lineAmount, toFen, type QuoteRequest, type QuoteResult } from "~/domain/landed-cost";
import { Ratio, sum } from "~/domain/landed-cost/ratio";

// "Never a second charge" needs the cost the order really had: the order's quote request, re-run
// on the quote's own context (same rates, same fees) with what the agent recorded. Running it on
// the stored context keeps exchange-rate moves out of it: a shopper is never billed for those.

export type ActualData = {
  /** What the agent paid the foreign store, in the store's currency: goods and the store's shipping. */
  actualCost?: string | null;
  /** The parcel as the warehouse weighed and measured it. */
  parcel?: { weightGrams: number; dimensionsCm?: [number, number, number] } | null;
};

/** What the quote asked the store for, in the store's currency: Σ price × quantity + Σ the store's shipping. */
export function quotedForeignTotal(request: QuoteRequest): Ratio {
  return sum(
    request.items.map((item) =>
      Ratio.parse(item.price)
        .times(Ratio.of(BigInt(item.quantity)))
        .plus(Ratio.parse(item.domesticShipping)),
    ),
  );
}

const PRICE_PLACES = 8;

/**
 * The quote request with the actual data in: every price and store-shipping charge scaled by
 * actual ÷ quoted (a price rise abroad lands on each item in proportion), and the measured parcel
 * in place of the listed weights and sizes. Nothing recorded yet: the request unchanged.
 */
export function actualCostRequest(request: QuoteRequest, actual: ActualData): QuoteRequest {
  let items = request.items;
  if (actual.actualCost) {
    const quoted = quotedForeignTotal(request);
    const paid = Ratio.parse(actual.actualCost);
    if (!quoted.isZero() && paid.cmp(quoted) !== 0) {
      const factor = paid.div(quoted);
      items = items.map((item) => ({
        ...item,
        price: Ratio.parse(item.price).times(factor).toFixed(PRICE_PLACES),
        domesticShipping: Ratio.parse(item.domesticShipping).times(factor).toFixed(PRICE_PLACES),
      }));
    }
  }
  const parcel = actual.parcel
    ? { weightGrams: actual.parcel.weightGrams, ...(actual.parcel.dimensionsCm ? { dimensionsCm: actual.parcel.dimensionsCm } : {}) }
    : request.parcel;
  return { ...request, items, ...(parcel ? { parcel } : {}) };
}

export type CheckedItem = { position: number; price?: string; inStock: boolean };

/**
 * The quote request with the store's prices as the agent found them before buying: each checked
 * item's unit price replaced (items not checked keep theirs), and — when the store's shipping
 * charge changed — that charge in place of the quoted one (all of it on the first item: the
 * calculator adds the items' charges up, so where it sits changes nothing but rounding on one line).
 */
export function priceCheckRequest(request: QuoteRequest, items: readonly CheckedItem[], storeShipping?: string | null): QuoteRequest {
  const prices = new Map(items.filter((item) => item.price !== undefined).map((item) => [item.position, item.price as string]));
  const checked = request.items.map((item, position) => {
    const price = prices.get(position);
    return price === undefined ? item : { ...item, price };
  });
  const shipped =
    storeShipping === undefined || storeShipping === null
      ? checked
      : checked.map((item, position) => ({ ...item, domesticShipping: position === 0 ? storeShipping : "0" }));
  return { ...request, items: shipped };
}

/** The store's shipping charge the quote asked for, in the store's currency. */
export function quotedStoreShipping(request: QuoteRequest): string {
  return sum(request.items.map((item) => Ratio.parse(item.domesticShipping))).toFixed(2);
}

/**
 * A purchase recorded below the quoted foreign total turns into a refund from the agent's figures:
 * it needs evidence (the store's receipt or order page) before it is accepted.
 */
export function purchaseNeedsEvidence(request: QuoteRequest, actualCost: string): boolean {
  return Ratio.parse(actualCost).cmp(quotedForeignTotal(request)) < 0;
}

/** The CBEC dutiable value of a quote, in fen: goods + the store's shipping + international shipping + insurance. */
export function dutiableFen(quote: QuoteResult): number {
  if (quote.regime !== "CBEC") return 0;
  return (["goods", "domestic_shipping", "international_shipping", "insurance"] as const).reduce(
    (total, code) => total + toFen(lineAmount(quote, code)),
    0,
  );
}
