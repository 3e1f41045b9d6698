import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { fromFen, LINE_CODES, toFen, type LineCode, type QuoteResult } from "~/domain/landed-cost";
import {
  chinaMonth,
  decidePriceCheck,
  deliveryEstimate,
  differenceLines,
  priceCheckPassed,
  refundRoute,
  settleStage,
  summarizeGuarantee,
} from "~/domain/orders";

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

describe("settleStage: after PURCHASED the platform never asks for more", () => {
  test("dearer at purchase: guarantee cost, whatever the amount, and nothing owed either way", () => {
    expect(settleStage({ confirmedFen: 259_240, actualFen: 261_241, recordedFen: 0, stage: "PURCHASED" })).toEqual({
      guarantee: [{ stage: "PURCHASED", amountFen: 2001 }],
      owedFen: 0,
    });
    expect(settleStage({ confirmedFen: 259_240, actualFen: 9_259_240, recordedFen: 0, stage: "PURCHASED" })).toEqual({
      guarantee: [{ stage: "PURCHASED", amountFen: 9_000_000 }],
      owedFen: 0,
    });
  });

  test("exactly as quoted: nothing at all", () => {
    expect(settleStage({ confirmedFen: 259_240, actualFen: 259_240, recordedFen: 0, stage: "PURCHASED" })).toEqual({
      guarantee: [],
      owedFen: 0,
    });
  });

  test("cheaper: owed back, no guarantee cost", () => {
    expect(settleStage({ confirmedFen: 259_240, actualFen: 250_000, recordedFen: 0, stage: "PURCHASED" })).toEqual({
      guarantee: [],
      owedFen: 9240,
    });
  });

  test("the tolerance the price check announced is reported as PRICE_CHECK, the rest as the purchase's", () => {
    expect(
      settleStage({ confirmedFen: 10_000, actualFen: 11_500, recordedFen: 0, stage: "PURCHASED", priceCheckAbsorbedFen: 1200 }),
    ).toEqual({
      guarantee: [
        { stage: "PRICE_CHECK", amountFen: 1200 },
        { stage: "PURCHASED", amountFen: 300 },
      ],
      owedFen: 0,
    });
    // Bought for less than the check found: only what it really cost.
    expect(
      settleStage({ confirmedFen: 10_000, actualFen: 10_500, recordedFen: 0, stage: "PURCHASED", priceCheckAbsorbedFen: 1200 }).guarantee,
    ).toEqual([{ stage: "PRICE_CHECK", amountFen: 500 }]);
  });

  test("at the warehouse only the change since the purchase is recorded, a correction when it turned out cheaper", () => {
    expect(settleStage({ confirmedFen: 10_000, actualFen: 12_000, recordedFen: 1500, stage: "AT_WAREHOUSE" })).toEqual({
      guarantee: [{ stage: "AT_WAREHOUSE", amountFen: 500 }],
      owedFen: 0,
    });
    expect(settleStage({ confirmedFen: 10_000, actualFen: 10_200, recordedFen: 1500, stage: "AT_WAREHOUSE" })).toEqual({
      guarantee: [{ stage: "AT_WAREHOUSE", amountFen: -1300 }],
      owedFen: 0,
    });
    expect(settleStage({ confirmedFen: 10_000, actualFen: 9_000, recordedFen: 1500, stage: "AT_WAREHOUSE" })).toEqual({
      guarantee: [{ stage: "AT_WAREHOUSE", amountFen: -1500 }],
      owedFen: 1000,
    });
  });

  test("bad amounts are a RangeError", () => {
    expect(() => settleStage({ confirmedFen: 1.5, actualFen: 1, recordedFen: 0, stage: "PURCHASED" })).toThrow(RangeError);
    expect(() => settleStage({ confirmedFen: 1, actualFen: -1, recordedFen: 0, stage: "PURCHASED" })).toThrow(RangeError);
    expect(() => settleStage({ confirmedFen: 1, actualFen: 1, recordedFen: Number.NaN, stage: "PURCHASED" })).toThrow(RangeError);
  });

  const fen = fc.integer({ min: 0, max: 50_000_000 });
  propTest.prop([fen, fen, fen, fc.integer({ min: 0, max: 5_000 })], RUNS)(
    "over both stages the recorded cost is exactly max(0, final − confirmed): never counted twice; the shopper is owed max(0, confirmed − final)",
    (confirmedFen, purchasedFen, warehouseFen, priceCheckAbsorbedFen) => {
      const first = settleStage({ confirmedFen, actualFen: purchasedFen, recordedFen: 0, stage: "PURCHASED", priceCheckAbsorbedFen });
      const recordedFen = first.guarantee.reduce((total, row) => total + row.amountFen, 0);
      expect(recordedFen).toBe(Math.max(0, purchasedFen - confirmedFen));
      const second = settleStage({ confirmedFen, actualFen: warehouseFen, recordedFen, stage: "AT_WAREHOUSE" });
      const total = recordedFen + second.guarantee.reduce((sum, row) => sum + row.amountFen, 0);
      expect(total).toBe(Math.max(0, warehouseFen - confirmedFen));
      expect(second.owedFen).toBe(Math.max(0, confirmedFen - warehouseFen));
      // Never both: the platform pays, or the shopper gets money back.
      expect(total > 0 && second.owedFen > 0).toBe(false);
    },
  );
});

describe("refundRoute: money owed back from an agent's figures", () => {
  test("waits for the warehouse, then is paid up to the approval amount, above it waits for an admin", () => {
    expect(refundRoute(0, false, 10_000)).toBe("NONE");
    expect(refundRoute(0, true, 10_000)).toBe("NONE");
    expect(refundRoute(5_000, false, 10_000)).toBe("WAITING_WAREHOUSE");
    expect(refundRoute(10_000, true, 10_000)).toBe("PAY_NOW");
    expect(refundRoute(10_001, true, 10_000)).toBe("WAITING_APPROVAL");
    expect(refundRoute(1, true, 0)).toBe("WAITING_APPROVAL");
    expect(() => refundRoute(-1, true, 0)).toThrow(RangeError);
  });
});

describe("decidePriceCheck: before anything is bought", () => {
  const decide = (paidFen: number, requotedFen: number | null, toleranceFen = 2000, outOfStock = false) =>
    decidePriceCheck({ paidFen, requotedFen, toleranceFen, outOfStock });

  test("at or below what the shopper paid: passes, nothing absorbed", () => {
    expect(decide(10_000, 10_000)).toEqual({ outcome: "PASSED", absorbedFen: 0, extraFen: 0 });
    expect(decide(10_000, 9_000)).toEqual({ outcome: "PASSED", absorbedFen: 0, extraFen: 0 });
  });

  test("above by at most the tolerance: passes, the platform pays the difference", () => {
    expect(decide(10_000, 10_001)).toEqual({ outcome: "PASSED", absorbedFen: 1, extraFen: 0 });
    expect(decide(10_000, 12_000)).toEqual({ outcome: "PASSED", absorbedFen: 2000, extraFen: 0 });
  });

  test("beyond the tolerance: the shopper decides on the whole difference", () => {
    expect(decide(10_000, 12_001)).toEqual({ outcome: "PRICE_ROSE", absorbedFen: 0, extraFen: 2001 });
    expect(decide(10_000, 10_001, 0)).toEqual({ outcome: "PRICE_ROSE", absorbedFen: 0, extraFen: 1 });
  });

  test("out of stock wins over any price; a price the calculator refused cannot be bought", () => {
    expect(decide(10_000, 9_000, 2000, true)).toEqual({ outcome: "OUT_OF_STOCK", absorbedFen: 0, extraFen: 0 });
    expect(decide(10_000, null)).toEqual({ outcome: "UNQUOTABLE", absorbedFen: 0, extraFen: 0 });
  });

  test("only a passed or confirmed check lets the agent buy", () => {
    expect(
      ["PASSED", "PRICE_ROSE", "OUT_OF_STOCK", "UNQUOTABLE", "CONFIRMED"].map((outcome) =>
        priceCheckPassed({ outcome: outcome as "PASSED" }),
      ),
    ).toEqual([true, false, false, false, true]);
    expect(priceCheckPassed(null)).toBe(false);
  });

  propTest.prop(
    [fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000 })],
    RUNS,
  )(
    "the shopper is asked exactly when the new total is beyond paid + tolerance, and then for the full difference",
    (paidFen, requotedFen, toleranceFen) => {
      const decision = decidePriceCheck({ paidFen, requotedFen, toleranceFen, outOfStock: false });
      expect(decision.outcome === "PRICE_ROSE").toBe(requotedFen - paidFen > toleranceFen);
      if (decision.outcome === "PRICE_ROSE") expect(paidFen + decision.extraFen).toBe(requotedFen);
      expect(decision.absorbedFen).toBeLessThanOrEqual(toleranceFen);
    },
  );
});

describe("the guarantee report", () => {
  test("by China-time month, store, agent and stage, with net totals and distinct order counts", () => {
    const at = (iso: string) => new Date(iso);
    const rows = [
      { orderId: "o1", agentId: "a1", storeName: "US Audio", stage: "PURCHASED", amountFen: 1500, createdAt: at("2026-11-30T15:59:59Z") },
      // 16:00 UTC on the 30th is 00:00 on 1 December in China.
      {
        orderId: "o1",
        agentId: "a1",
        storeName: "US Audio",
        stage: "AT_WAREHOUSE",
        amountFen: -500,
        createdAt: at("2026-11-30T16:00:00Z"),
      },
      { orderId: "o2", agentId: null, storeName: "JP Toys", stage: "PRICE_CHECK", amountFen: 800, createdAt: at("2026-12-05T02:00:00Z") },
    ];
    const summary = summarizeGuarantee(rows);
    expect(summary).toMatchObject({ totalFen: 1800, orderCount: 2 });
    expect(summary.byMonth).toEqual([
      { key: "2026-12", totalFen: 300, orderCount: 2 },
      { key: "2026-11", totalFen: 1500, orderCount: 1 },
    ]);
    expect(summary.byStore).toEqual([
      { key: "US Audio", totalFen: 1000, orderCount: 1 },
      { key: "JP Toys", totalFen: 800, orderCount: 1 },
    ]);
    expect(summary.byAgent).toEqual([
      { key: "a1", totalFen: 1000, orderCount: 1 },
      { key: "", totalFen: 800, orderCount: 1 },
    ]);
    expect(chinaMonth(at("2026-12-31T16:00:00Z"))).toBe("2027-01");
    expect(summarizeGuarantee([])).toEqual({ totalFen: 0, orderCount: 0, byMonth: [], byStore: [], byAgent: [], byStage: [] });
  });
});

describe("deliveryEstimate", () => {
  test("the line's ETA from payment, or from now while unpaid", () => {
    const paid = new Date("2026-12-01T02:00:00Z");
    const now = new Date("2026-12-03T02:00:00Z");
    expect(deliveryEstimate({ etaDaysMin: 7, etaDaysMax: 15 }, paid, now)).toEqual({
      from: paid,
      earliest: new Date("2026-12-08T02:00:00Z"),
      latest: new Date("2026-12-16T02:00:00Z"),
      fromPayment: true,
    });
    expect(deliveryEstimate({ etaDaysMin: 3, etaDaysMax: 3 }, null, now)).toMatchObject({
      earliest: new Date("2026-12-06T02:00:00Z"),
      fromPayment: false,
    });
    expect(() => deliveryEstimate({ etaDaysMin: 5, etaDaysMax: 2 }, null, now)).toThrow(RangeError);
  });
});

describe("differenceLines", () => {
  test("line by line in the spec's order, with a missing line as 0.00", () => {
    const before = quote({
      goods: "2033.80",
      domestic_shipping: "0.00",
      service_fee: "101.69",
      international_shipping: "172.00",
      import_tax: "284.91",
    });
    const after = quote({
      goods: "2180.00",
      domestic_shipping: "36.32",
      service_fee: "109.00",
      international_shipping: "140.00",
      insurance: "22.16",
      import_tax: "305.20",
    });
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
  const quoteArb = fc
    .record(Object.fromEntries(LINE_CODES.map((code) => [code, amount])) as Record<LineCode, fc.Arbitrary<string>>, { requiredKeys: [] })
    .map(quote);

  propTest.prop([quoteArb, quoteArb], RUNS)("the deltas add up to new total − old total exactly", (before, after) => {
    const lines = differenceLines(before, after);
    expect(lines.map((line) => line.code)).toEqual([...LINE_CODES]);
    const deltaSum = lines.reduce((total, line) => total + toFen(line.delta), 0);
    expect(deltaSum).toBe(toFen(after.total) - toFen(before.total));
    for (const line of lines) expect(toFen(line.new) - toFen(line.old)).toBe(toFen(line.delta));
  });
});
