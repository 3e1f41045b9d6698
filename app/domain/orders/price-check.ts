import { z } from "zod";

// The price check before buying (docs/order-states.md, "The price check"): the store's prices as
// the agent found them, re-quoted on the order's own stored context, against what the shopper paid.
// Within the paid total, or above it by at most the admin-set tolerance (the platform pays that),
// the agent may buy; above it, or out of stock, the shopper decides before anything is bought.

export const PRICE_CHECK_OUTCOMES = ["PASSED", "PRICE_ROSE", "OUT_OF_STOCK", "UNQUOTABLE", "CONFIRMED"] as const;
export type PriceCheckOutcome = (typeof PRICE_CHECK_OUTCOMES)[number];

export type PriceCheckDecision =
  | { outcome: "PASSED"; absorbedFen: number; extraFen: 0 }
  | { outcome: "PRICE_ROSE"; absorbedFen: 0; extraFen: number }
  | { outcome: "OUT_OF_STOCK" | "UNQUOTABLE"; absorbedFen: 0; extraFen: 0 };

export type PriceCheckInput = {
  /** What the shopper paid for the order. */
  paidFen: number;
  /** The order's quote re-run with the store's prices now; null when the calculator refused it (e.g. over a customs limit). */
  requotedFen: number | null;
  /** GuaranteeSettings.priceToleranceFen. */
  toleranceFen: number;
  /** Some item is out of stock. */
  outOfStock: boolean;
};

function assertFen(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer number of fen: ${value}`);
}

export function decidePriceCheck({ paidFen, requotedFen, toleranceFen, outOfStock }: PriceCheckInput): PriceCheckDecision {
  assertFen("paidFen", paidFen);
  assertFen("toleranceFen", toleranceFen);
  if (outOfStock) return { outcome: "OUT_OF_STOCK", absorbedFen: 0, extraFen: 0 };
  if (requotedFen === null) return { outcome: "UNQUOTABLE", absorbedFen: 0, extraFen: 0 };
  assertFen("requotedFen", requotedFen);
  const over = requotedFen - paidFen;
  if (over <= 0) return { outcome: "PASSED", absorbedFen: 0, extraFen: 0 };
  if (over <= toleranceFen) return { outcome: "PASSED", absorbedFen: over, extraFen: 0 };
  return { outcome: "PRICE_ROSE", absorbedFen: 0, extraFen: over };
}

/** The agent may record the purchase: the check passed, or the shopper confirmed its new quote. */
export function priceCheckPassed(check: Pick<PriceCheckRecord, "outcome"> | null): boolean {
  return check?.outcome === "PASSED" || check?.outcome === "CONFIRMED";
}

/** What Order.priceCheck stores (JSON), the latest check only; every check is also a timeline event. */
export const priceCheckRecordSchema = z.object({
  checkedAt: z.string(),
  by: z.object({ id: z.string().nullable(), role: z.string() }),
  items: z.array(
    z.object({ position: z.number(), title: z.string(), quotedPrice: z.string(), price: z.string().nullable(), inStock: z.boolean() }),
  ),
  currency: z.string(),
  quotedStoreShipping: z.string(),
  storeShipping: z.string().nullable(),
  evidence: z.object({ photos: z.array(z.string()), url: z.string().nullable() }),
  note: z.string().nullable(),
  paidFen: z.number(),
  requotedFen: z.number().nullable(),
  /** The quote the shopper may confirm (PRICE_ROSE), or the one they confirmed (CONFIRMED). */
  newQuoteId: z.string().nullable(),
  extraFen: z.number(),
  absorbedFen: z.number(),
  outcome: z.enum(PRICE_CHECK_OUTCOMES),
  /** The shopper said they would wait for a restock. */
  waiting: z.boolean().optional(),
});
export type PriceCheckRecord = z.infer<typeof priceCheckRecordSchema>;

/** The stored check, or null when there is none (or it is not one we wrote). */
export function parsePriceCheck(text: string | null | undefined): PriceCheckRecord | null {
  if (!text) return null;
  try {
    const parsed = priceCheckRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What Order.purchaseEvidence stores (JSON): the receipt photos and/or the store's order page. */
export const purchaseEvidenceSchema = z.object({
  photos: z.array(z.string()),
  url: z.string().nullable(),
  foreignOrderNumber: z.string(),
  recordedAt: z.string(),
});
export type PurchaseEvidence = z.infer<typeof purchaseEvidenceSchema>;

export function parsePurchaseEvidence(text: string | null | undefined): PurchaseEvidence | null {
  if (!text) return null;
  try {
    const parsed = purchaseEvidenceSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
