import { fromFen, LINE_CODES, toFen, type LineCode, type QuoteResult } from "~/domain/landed-cost";

// "Never a second charge": once the agent has bought the goods, the landed-cost engine is run again
// on the actual data and compared with the quote the order was placed (and paid) with. Amounts
// are CNY fen, integers.

export type CostDifferenceInput = {
  /** The total of the quote the order was placed with: what the shopper paid. */
  quotedFen: number;
  /** The landed cost recomputed from the actual data (price paid, weight at the warehouse). */
  actualFen: number;
  /** How much above the quote the platform absorbs without asking (configurable). */
  absorbLimitFen: number;
};

export type CostDecision =
  /** Cheaper than quoted: the difference goes back to the wallet automatically. */
  | { kind: "REFUND_DIFFERENCE"; refundFen: number }
  /** At most the limit above the quote (or exactly the quote: 0): the platform pays the rest. */
  | { kind: "ABSORB"; absorbedFen: number }
  /** Beyond the limit: the shopper chooses between the new quote (paying `extraFen`) and a full refund. */
  | { kind: "EXCEPTION"; extraFen: number };

function assertFen(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer number of fen: ${value}`);
}

export function decideCostDifference({ quotedFen, actualFen, absorbLimitFen }: CostDifferenceInput): CostDecision {
  assertFen("quotedFen", quotedFen);
  assertFen("actualFen", actualFen);
  assertFen("absorbLimitFen", absorbLimitFen);
  if (actualFen < quotedFen) return { kind: "REFUND_DIFFERENCE", refundFen: quotedFen - actualFen };
  const extraFen = actualFen - quotedFen;
  if (extraFen <= absorbLimitFen) return { kind: "ABSORB", absorbedFen: extraFen };
  return { kind: "EXCEPTION", extraFen };
}

export type ShopperChoice = "ACCEPT_NEW_QUOTE" | "CANCEL_WITH_REFUND";

export type Settlement = {
  /** What goes back to the shopper's wallet. */
  refundFen: number;
  /** What is charged on top of the quote: only ever after the shopper accepted a new quote. */
  chargeFen: number;
  /** What the platform pays itself. */
  absorbedFen: number;
  /** SETTLED: the order goes on; AWAITING_SHOPPER: EXCEPTION, nothing moves yet; CANCELLED: refunded in full. */
  outcome: "SETTLED" | "AWAITING_SHOPPER" | "CANCELLED";
};

/**
 * The money that moves for a decision. `paidFen` is what the shopper paid (the quote's total).
 * The shopper's choice matters only for an EXCEPTION; without one nothing moves.
 */
export function settle(paidFen: number, decision: CostDecision, choice?: ShopperChoice): Settlement {
  assertFen("paidFen", paidFen);
  switch (decision.kind) {
    case "REFUND_DIFFERENCE":
      return { refundFen: decision.refundFen, chargeFen: 0, absorbedFen: 0, outcome: "SETTLED" };
    case "ABSORB":
      return { refundFen: 0, chargeFen: 0, absorbedFen: decision.absorbedFen, outcome: "SETTLED" };
    case "EXCEPTION":
      if (choice === "ACCEPT_NEW_QUOTE") return { refundFen: 0, chargeFen: decision.extraFen, absorbedFen: 0, outcome: "SETTLED" };
      if (choice === "CANCEL_WITH_REFUND") return { refundFen: paidFen, chargeFen: 0, absorbedFen: 0, outcome: "CANCELLED" };
      return { refundFen: 0, chargeFen: 0, absorbedFen: 0, outcome: "AWAITING_SHOPPER" };
  }
}

export type DifferenceLine = { code: LineCode; old: string; new: string; delta: string };

function lineFen(quote: QuoteResult, code: LineCode): number {
  return quote.lines.filter((line) => line.code === code).reduce((total, line) => total + toFen(line.amount), 0);
}

/**
 * The old and new quotes side by side, line by line in the spec's order, as CNY decimal strings.
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
