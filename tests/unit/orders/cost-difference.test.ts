import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { fromFen, LINE_CODES, toFen, type LineCode, type QuoteResult } from "~/domain/landed-cost";
import { decideCostDifference, differenceLines, settle, type ShopperChoice } from "~/domain/orders";

const RUNS = { numRuns: 300 };

/** A stored quote whose total is the sum of its lines, as the calculator makes them. */
function quote(amounts: Partial<Record<LineCode, string>>): QuoteResult {
  const lines = LINE_CODES.filter((code) => amounts[code] !== undefined).map((code) => ({ code, amount: amounts[code] as string }));
  return {
    currency: "CNY",
    regime: "POSTAL",
    lines,
    total: fromFen(lines.reduce((total, line) => total + toFen(line.amount), 0)),
    chargeableWeightGrams: 1500,
    taxExempt: false,
    fxRates: { USD: "7.264000" },
    ratesAsOf: "2024-03-13",
    validUntil: "2024-03-14T09:30:00.000Z",
    items: [{ title: "Sony WH-1000XM5", goods: amounts.goods ?? "0.00" }],
    warnings: [],
  };
}

describe("decideCostDifference", () => {
  const limit = 2000; // 20 yuan

  test("cheaper than quoted: the difference is refunded", () => {
    expect(decideCostDifference({ quotedFen: 259_240, actualFen: 250_000, absorbLimitFen: limit })).toEqual({ kind: "REFUND_DIFFERENCE", refundFen: 9240 });
    expect(decideCostDifference({ quotedFen: 100, actualFen: 0, absorbLimitFen: limit })).toEqual({ kind: "REFUND_DIFFERENCE", refundFen: 100 });
  });

  test("exactly as quoted: nothing to absorb", () => {
    expect(decideCostDifference({ quotedFen: 259_240, actualFen: 259_240, absorbLimitFen: limit })).toEqual({ kind: "ABSORB", absorbedFen: 0 });
  });

  test("a little more, up to the limit itself: the platform absorbs it", () => {
    expect(decideCostDifference({ quotedFen: 259_240, actualFen: 259_241, absorbLimitFen: limit })).toEqual({ kind: "ABSORB", absorbedFen: 1 });
    expect(decideCostDifference({ quotedFen: 259_240, actualFen: 261_240, absorbLimitFen: limit })).toEqual({ kind: "ABSORB", absorbedFen: 2000 });
  });

  test("beyond the limit: an EXCEPTION for the shopper to decide", () => {
    expect(decideCostDifference({ quotedFen: 259_240, actualFen: 261_241, absorbLimitFen: limit })).toEqual({ kind: "EXCEPTION", extraFen: 2001 });
    expect(decideCostDifference({ quotedFen: 259_240, actualFen: 259_241, absorbLimitFen: 0 })).toEqual({ kind: "EXCEPTION", extraFen: 1 });
  });

  test("amounts that are not fen are a RangeError", () => {
    expect(() => decideCostDifference({ quotedFen: 1.5, actualFen: 1, absorbLimitFen: 0 })).toThrow(RangeError);
    expect(() => decideCostDifference({ quotedFen: 1, actualFen: -1, absorbLimitFen: 0 })).toThrow(RangeError);
    expect(() => decideCostDifference({ quotedFen: 1, actualFen: 1, absorbLimitFen: Number.NaN })).toThrow(RangeError);
  });
});

describe("settle", () => {
  test("refund, absorb, and an exception awaiting the shopper", () => {
    expect(settle(10_000, { kind: "REFUND_DIFFERENCE", refundFen: 500 })).toEqual({ refundFen: 500, chargeFen: 0, absorbedFen: 0, outcome: "SETTLED" });
    expect(settle(10_000, { kind: "ABSORB", absorbedFen: 300 })).toEqual({ refundFen: 0, chargeFen: 0, absorbedFen: 300, outcome: "SETTLED" });
    expect(settle(10_000, { kind: "EXCEPTION", extraFen: 5000 })).toEqual({ refundFen: 0, chargeFen: 0, absorbedFen: 0, outcome: "AWAITING_SHOPPER" });
  });

  test("the shopper's choice: pay only the difference, or cancel with everything back", () => {
    expect(settle(10_000, { kind: "EXCEPTION", extraFen: 5000 }, "ACCEPT_NEW_QUOTE")).toEqual({ refundFen: 0, chargeFen: 5000, absorbedFen: 0, outcome: "SETTLED" });
    expect(settle(10_000, { kind: "EXCEPTION", extraFen: 5000 }, "CANCEL_WITH_REFUND")).toEqual({ refundFen: 10_000, chargeFen: 0, absorbedFen: 0, outcome: "CANCELLED" });
  });

  test("a choice means nothing unless there is an exception", () => {
    expect(settle(10_000, { kind: "ABSORB", absorbedFen: 300 }, "ACCEPT_NEW_QUOTE").chargeFen).toBe(0);
    expect(settle(10_000, { kind: "REFUND_DIFFERENCE", refundFen: 500 }, "CANCEL_WITH_REFUND").refundFen).toBe(500);
  });

  const fen = fc.integer({ min: 0, max: 50_000_000 });
  const choice = fc.option(fc.constantFrom<ShopperChoice>("ACCEPT_NEW_QUOTE", "CANCEL_WITH_REFUND"), { nil: undefined });

  propTest.prop([fen, fen, fc.integer({ min: 0, max: 100_000 }), choice], RUNS)(
    "the shopper never pays more than the quote unless they accept a new one",
    (quotedFen, actualFen, absorbLimitFen, shopperChoice) => {
      const decision = decideCostDifference({ quotedFen, actualFen, absorbLimitFen });
      const money = settle(quotedFen, decision, shopperChoice);
      const shopperPays = quotedFen + money.chargeFen - money.refundFen;

      expect(money.chargeFen).toBeGreaterThanOrEqual(0);
      expect(money.refundFen).toBeGreaterThanOrEqual(0);
      expect(money.refundFen).toBeLessThanOrEqual(quotedFen);
      expect(shopperPays).toBeGreaterThanOrEqual(0);
      const accepted = decision.kind === "EXCEPTION" && shopperChoice === "ACCEPT_NEW_QUOTE";
      if (!accepted) {
        expect(money.chargeFen).toBe(0);
        expect(shopperPays).toBeLessThanOrEqual(quotedFen);
      }
    },
  );

  propTest.prop([fen, fen, fc.integer({ min: 0, max: 100_000 }), choice], RUNS)(
    "refunds, charges and what the platform absorbs add up to the actual cost",
    (quotedFen, actualFen, absorbLimitFen, shopperChoice) => {
      const decision = decideCostDifference({ quotedFen, actualFen, absorbLimitFen });
      const money = settle(quotedFen, decision, shopperChoice);
      const shopperPays = quotedFen + money.chargeFen - money.refundFen;
      // Never both ways at once, and the platform absorbs at most its limit.
      expect(money.chargeFen === 0 || money.refundFen === 0).toBe(true);
      expect(money.absorbedFen).toBeLessThanOrEqual(absorbLimitFen);

      if (money.outcome === "SETTLED") expect(shopperPays + money.absorbedFen).toBe(actualFen);
      if (money.outcome === "CANCELLED") expect(shopperPays).toBe(0);
      if (money.outcome === "AWAITING_SHOPPER") {
        expect(decision.kind).toBe("EXCEPTION");
        expect(shopperPays).toBe(quotedFen);
      }
      // An exception happens exactly when the extra cost is beyond the limit.
      expect(decision.kind === "EXCEPTION").toBe(actualFen - quotedFen > absorbLimitFen);
    },
  );
});

describe("differenceLines", () => {
  test("line by line in the spec's order, with a missing line as 0.00", () => {
    const before = quote({ goods: "2033.80", domestic_shipping: "0.00", service_fee: "101.69", international_shipping: "172.00", import_tax: "284.91" });
    const after = quote({ goods: "2180.00", domestic_shipping: "36.32", service_fee: "109.00", international_shipping: "140.00", insurance: "22.16", import_tax: "305.20" });
    expect(differenceLines(before, after)).toEqual([
      { code: "goods", old: "2033.80", new: "2180.00", delta: "146.20" },
      { code: "domestic_shipping", old: "0.00", new: "36.32", delta: "36.32" },
      { code: "service_fee", old: "101.69", new: "109.00", delta: "7.31" },
      { code: "international_shipping", old: "172.00", new: "140.00", delta: "-32.00" },
      { code: "insurance", old: "0.00", new: "22.16", delta: "22.16" },
      { code: "import_tax", old: "284.91", new: "305.20", delta: "20.29" },
    ]);
  });

  test("an unchanged quote has zero deltas", () => {
    const same = quote({ goods: "10.00", service_fee: "10.00", international_shipping: "108.00", import_tax: "0" });
    expect(differenceLines(same, same).map((line) => line.delta)).toEqual(["0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]);
  });

  const amount = fc.oneof(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 500_000_000 })).map(fromFen);
  const quoteArb = fc.record(Object.fromEntries(LINE_CODES.map((code) => [code, amount])) as Record<LineCode, fc.Arbitrary<string>>, { requiredKeys: [] }).map(quote);

  propTest.prop([quoteArb, quoteArb], RUNS)("the deltas add up to new total − old total exactly", (before, after) => {
    const lines = differenceLines(before, after);
    expect(lines.map((line) => line.code)).toEqual([...LINE_CODES]);
    const deltaSum = lines.reduce((total, line) => total + toFen(line.delta), 0);
    expect(deltaSum).toBe(toFen(after.total) - toFen(before.total));
    for (const line of lines) expect(toFen(line.new) - toFen(line.old)).toBe(toFen(line.delta));
  });
});
