import { fromFen, LINE_CODES, toFen, type LineCode, type QuoteResult } from "~/domain/landed-cost";

// "Never a second charge, by construction". Before buying, a price check compares the store's price
// now with what the shopper paid (price-check.ts). After PURCHASED the platform never asks for more:
// at PURCHASED and AT_WAREHOUSE the order's quote is re-run on its own context with the agent's
// figures, and this file decides what that means. Amounts are CNY fen, integers.

function assertFen(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer number of fen: ${value}`);
}

export const GUARANTEE_STAGES = ["PRICE_CHECK", "PURCHASED", "AT_WAREHOUSE"] as const;
export type GuaranteeStage = (typeof GUARANTEE_STAGES)[number];
export type GuaranteeRow = { stage: GuaranteeStage; amountFen: number };

export type StageInput = {
  /** What the shopper confirmed and paid for the goods: the order's total when it was bought. */
  confirmedFen: number;
  /** The order's cost recomputed at this stage from the agent's figures (price paid, parcel measured). */
  actualFen: number;
  /** Guarantee cost already recorded for this order (the sum of its rows, corrections included). */
  recordedFen: number;
  stage: Exclude<GuaranteeStage, "PRICE_CHECK">;
  /** At PURCHASED: what the passed price check said the platform would absorb (within the tolerance). */
  priceCheckAbsorbedFen?: number;
};

export type StageSettlement = {
  /** Guarantee cost rows to record now: only the change since the previous stage, so never counted twice. */
  guarantee: GuaranteeRow[];
  /** What the shopper is owed back after this stage (paid later: at the warehouse, or on approval). */
  owedFen: number;
};

/**
 * The money a stage means. Dearer than confirmed: the platform's cost, whatever the amount — the
 * order's guarantee cost becomes actual − confirmed, and only the change since the last stage is
 * recorded (negative when a later stage turned out cheaper). Cheaper: the difference is owed back.
 * The shopper is never charged: there is no charge in the result at all.
 */
export function settleStage({ confirmedFen, actualFen, recordedFen, stage, priceCheckAbsorbedFen = 0 }: StageInput): StageSettlement {
  assertFen("confirmedFen", confirmedFen);
  assertFen("actualFen", actualFen);
  assertFen("priceCheckAbsorbedFen", priceCheckAbsorbedFen);
  if (!Number.isSafeInteger(recordedFen)) throw new RangeError(`recordedFen must be an integer number of fen: ${recordedFen}`);
  const target = Math.max(0, actualFen - confirmedFen);
  const guarantee: GuaranteeRow[] = [];
  let change = target - recordedFen;
  // The part the price check already announced is the tolerance at work, reported as such.
  if (stage === "PURCHASED" && recordedFen === 0 && change > 0 && priceCheckAbsorbedFen > 0) {
    const announced = Math.min(change, priceCheckAbsorbedFen);
    guarantee.push({ stage: "PRICE_CHECK", amountFen: announced });
    change -= announced;
  }
  if (change !== 0) guarantee.push({ stage, amountFen: change });
  return { guarantee, owedFen: Math.max(0, confirmedFen - actualFen) };
}

export const REFUND_STATES = ["NONE", "WAITING_WAREHOUSE", "WAITING_APPROVAL", "PAID", "REJECTED"] as const;
export type RefundState = (typeof REFUND_STATES)[number];

/**
 * What happens to money owed back from an agent's figures: nothing before the goods reach the
 * warehouse (WAITING_WAREHOUSE); there, paid at once up to the approval amount (PAY_NOW), above it
 * only after an admin's approval (WAITING_APPROVAL).
 */
export function refundRoute(
  owedFen: number,
  atWarehouse: boolean,
  approvalFen: number,
): "NONE" | "WAITING_WAREHOUSE" | "WAITING_APPROVAL" | "PAY_NOW" {
  assertFen("owedFen", owedFen);
  assertFen("approvalFen", approvalFen);
  if (owedFen === 0) return "NONE";
  if (!atWarehouse) return "WAITING_WAREHOUSE";
  return owedFen > approvalFen ? "WAITING_APPROVAL" : "PAY_NOW";
}

export type DifferenceLine = { code: LineCode; old: string; new: string; delta: string };

function lineFen(quote: QuoteResult, code: LineCode): number {
  return quote.lines.filter((line) => line.code === code).reduce((total, line) => total + toFen(line.amount), 0);
}

/**
 * The old and new quotes side by side, line by line in the calculator's order (docs/landed-cost.md), as CNY decimal strings.
 * A line missing from a quote counts as 0.00. The calculator makes a quote's total the sum of its
 * lines, so the deltas add up to new total − old total exactly.
 */
export function differenceLines(oldQuote: QuoteResult, newQuote: QuoteResult): DifferenceLine[] {
  return LINE_CODES.map((code) => {
    const before = lineFen(oldQuote, code);
    const after = lineFen(newQuote, code);
    return { code, old: fromFen(before), new: fromFen(after), delta: fromFen(after - before) };
  });
}
