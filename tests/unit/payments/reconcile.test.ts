import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import type { BillRow } from "~/domain/payments/alipay-bill";
import {
  billDateProblem,
  billRowsToLookUp,
  chinaDayWindow,
  DAY_MARGIN_MS,
  differenceKey,
  ledgerSelection,
  nearDayStart,
  previousChinaDay,
  reconcile,
  type LedgerRow,
  withConfirmed,
} from "~/domain/payments/reconcile";

// One China day of Alipay's bill against our ledger: a payment matched by our trade number, a refund
// by its request number; what is left is MISSING_IN_LEDGER, MISSING_IN_BILL or AMOUNT_DIFFERS. Around
// midnight our clock and Alipay's may disagree on the day: only our rows strictly inside the day are
// missing from its bill, and a bill row outside our selection is looked for among all our trades.

const day = chinaDayWindow("2026-12-03") as { from: Date; to: Date };
const at = (minutesIntoDay: number) => new Date(day.from.getTime() + minutesIntoDay * 60_000);

const billRow = (n: number, amountFen = 8800, overrides: Partial<BillRow> = {}): BillRow => ({
  kind: "PAYMENT",
  providerTradeNo: `20261203220014${String(n).padStart(5, "0")}`,
  outTradeNo: `TU261203${String(n).padStart(4, "0")}`,
  amountFen,
  refundRequestNo: null,
  finishedAt: "2026-12-03 10:00:05",
  ...overrides,
});
const ledgerRow = (n: number, amountFen = 8800, minutes = 600, overrides: Partial<LedgerRow> = {}): LedgerRow => ({
  kind: "PAYMENT",
  outTradeNo: `TU261203${String(n).padStart(4, "0")}`,
  providerTradeNo: `20261203220014${String(n).padStart(5, "0")}`,
  refundRequestNo: null,
  amountFen,
  at: at(minutes),
  tradeId: `trade-${n}`,
  ...overrides,
});

describe("the China day", () => {
  test("a bill date is the China day [00:00, 24:00) in UTC+8; our rows are selected with a margin", () => {
    expect(day.from.toISOString()).toBe("2026-12-02T16:00:00.000Z");
    expect(day.to.toISOString()).toBe("2026-12-03T16:00:00.000Z");
    const selection = ledgerSelection(day);
    expect(day.from.getTime() - selection.from.getTime()).toBe(DAY_MARGIN_MS);
    expect(selection.to.getTime() - day.to.getTime()).toBe(DAY_MARGIN_MS);
    expect(chinaDayWindow("2026-02-30")).toBeNull();
    expect(chinaDayWindow("2026-12-3")).toBeNull();
  });

  test("the daily job reads yesterday's China day, also just after midnight in China", () => {
    expect(previousChinaDay(new Date("2026-12-04T02:15:00Z"))).toBe("2026-12-03"); // 10:15 in China
    expect(previousChinaDay(new Date("2026-12-03T16:05:00Z"))).toBe("2026-12-03"); // 00:05 on the 4th in China
  });

  test.each([
    ["2026-12-03", null],
    ["2026-12-04", "notFinished"],
    ["2026-12-05", "notFinished"],
    ["2026-09-05", null],
    ["2026-09-03", "tooOld"],
    ["2026-13-01", "invalid"],
    ["yesterday", "invalid"],
  ])("reconciling %s on 2026-12-04 is %s", (billDate, problem) => {
    expect(billDateProblem(billDate, new Date("2026-12-04T02:15:00Z"))).toBe(problem);
  });
});

describe("comparing", () => {
  test("the same trades for the same amounts match", () => {
    expect(reconcile({ day, bill: [billRow(1), billRow(2, 100)], ledger: [ledgerRow(1), ledgerRow(2, 100)] })).toEqual({
      billRows: 2,
      ledgerRows: 2,
      matched: 2,
      differences: [],
    });
  });

  test("a trade the bill has and we never credited, one we credited the bill lacks, and an amount that differs", () => {
    const result = reconcile({ day, bill: [billRow(1), billRow(2), billRow(3, 9900)], ledger: [ledgerRow(1), ledgerRow(3), ledgerRow(4)] });
    expect(result.matched).toBe(1);
    expect(result.differences).toEqual([
      expect.objectContaining({ kind: "MISSING_IN_LEDGER", outTradeNo: "TU2612030002", billAmountFen: 8800, ledgerAmountFen: null }),
      expect.objectContaining({ kind: "MISSING_IN_BILL", outTradeNo: "TU2612030004", billAmountFen: null, ledgerAmountFen: 8800 }),
      expect.objectContaining({
        kind: "AMOUNT_DIFFERS",
        outTradeNo: "TU2612030003",
        billAmountFen: 9900,
        ledgerAmountFen: 8800,
        tradeId: "trade-3",
      }),
    ]);
  });

  test("around midnight: our rows in the margins are the neighbouring day's, unless this bill has them", () => {
    const beforeMidnight = ledgerRow(1, 8800, -3); // we booked it at 23:57 the day before
    const afterMidnight = ledgerRow(2, 8800, 24 * 60 + 3); // at 00:03 the next day
    const lateHere = ledgerRow(3, 8800, 24 * 60 + 5); // Alipay finished it at 23:59, we booked it at 00:05
    const result = reconcile({
      day,
      bill: [billRow(3, 8800, { finishedAt: "2026-12-03 23:59:58" })],
      ledger: [beforeMidnight, afterMidnight, lateHere],
    });
    expect(result).toEqual({ billRows: 1, ledgerRows: 0, matched: 1, differences: [] });
  });

  test("a bill row outside our selection is matched among our other paid trades before it is called missing", () => {
    const bill = [billRow(1), billRow(2)];
    const ledger = [ledgerRow(1)];
    expect(billRowsToLookUp(bill, ledger)).toEqual({ outTradeNos: ["TU2612030002"], refundRequestNos: [] });
    const bookedLate = ledgerRow(2, 8800, 24 * 60 + 120); // the notification was lost; we credited it two hours later
    expect(reconcile({ day, bill, ledger, elsewhere: [bookedLate] }).differences).toEqual([]);
    expect(reconcile({ day, bill, ledger, elsewhere: [{ ...bookedLate, amountFen: 100 }] }).differences).toEqual([
      expect.objectContaining({ kind: "AMOUNT_DIFFERS", billAmountFen: 8800, ledgerAmountFen: 100 }),
    ]);
  });

  test("ours booked in the day's first minutes and missing from the bill are the ones to ask about; confirmed, they match", () => {
    const result = reconcile({ day, bill: [], ledger: [ledgerRow(1, 500, 3), ledgerRow(2, 600, 20), ledgerRow(3, 700, 24 * 60 - 1)] });
    expect(result.differences.map((d) => d.kind)).toEqual(["MISSING_IN_BILL", "MISSING_IN_BILL", "MISSING_IN_BILL"]);
    const edge = nearDayStart(result, day);
    expect(edge.map((d) => d.outTradeNo)).toEqual(["TU2612030001"]);
    const confirmed = withConfirmed(result, new Set(["TU2612030001"]));
    expect(confirmed.matched).toBe(1);
    expect(confirmed.differences.map((d) => d.outTradeNo)).toEqual(["TU2612030002", "TU2612030003"]);
  });

  test("refunds match by their request number, not by the trade they refund", () => {
    const refund = (request: string, amountFen: number): BillRow => billRow(1, amountFen, { kind: "REFUND", refundRequestNo: request });
    const ours = (request: string, amountFen: number) => ledgerRow(1, amountFen, 700, { kind: "REFUND", refundRequestNo: request });
    const result = reconcile({
      day,
      bill: [billRow(1), refund("RF1", 2000), refund("RF2", 1000)],
      ledger: [ledgerRow(1), ours("RF1", 2000), ours("RF3", 500)],
    });
    expect(result.matched).toBe(2);
    expect(result.differences.map((d) => [d.kind, d.entry, d.refundRequestNo])).toEqual([
      ["MISSING_IN_LEDGER", "REFUND", "RF2"],
      ["MISSING_IN_BILL", "REFUND", "RF3"],
    ]);
    expect(billRowsToLookUp([refund("RF2", 1000)], []).refundRequestNos).toEqual(["RF2"]);
  });

  test("a difference's key stays the same across re-runs and changes with its amounts", () => {
    const [first] = reconcile({ day, bill: [billRow(1, 9900)], ledger: [ledgerRow(1)] }).differences;
    const [again] = reconcile({ day, bill: [billRow(1, 9900)], ledger: [ledgerRow(1)] }).differences;
    const [changed] = reconcile({ day, bill: [billRow(1, 9800)], ledger: [ledgerRow(1)] }).differences;
    expect(first && differenceKey(first)).toBe(again && differenceKey(again));
    expect(first && differenceKey(first)).not.toBe(changed && differenceKey(changed));
  });
});

// One day's trades, each in the bill, in the ledger, or both (maybe for another amount); the
// reconciliation finds exactly the ones on one side only and the ones whose amounts differ.
const trade = fc.record({
  side: fc.constantFrom("both", "billOnly", "ledgerOnly"),
  amountFen: fc.integer({ min: 1, max: 10_000_000 }),
  ledgerDelta: fc.oneof(fc.constant(0), fc.integer({ min: -5000, max: 5000 })),
  minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
});

describe("property", () => {
  propTest.prop([fc.array(trade, { maxLength: 80 })], { numRuns: 300 })(
    "every trade is matched or exactly one difference of the right kind, whatever the order",
    (trades) => {
      const bill: BillRow[] = [];
      const ledger: LedgerRow[] = [];
      trades.forEach((t, n) => {
        const ledgerFen = Math.max(1, t.amountFen + t.ledgerDelta);
        if (t.side !== "ledgerOnly") bill.push(billRow(n, t.amountFen));
        if (t.side !== "billOnly") ledger.push(ledgerRow(n, ledgerFen, t.minutes));
      });
      const result = reconcile({ day, bill: [...bill].reverse(), ledger });
      const count = (kind: string) => result.differences.filter((d) => d.kind === kind).length;
      const differs = trades.filter((t) => t.side === "both" && Math.max(1, t.amountFen + t.ledgerDelta) !== t.amountFen).length;
      expect(count("MISSING_IN_LEDGER")).toBe(trades.filter((t) => t.side === "billOnly").length);
      expect(count("MISSING_IN_BILL")).toBe(trades.filter((t) => t.side === "ledgerOnly").length);
      expect(count("AMOUNT_DIFFERS")).toBe(differs);
      expect(result.matched).toBe(trades.filter((t) => t.side === "both").length - differs);
      expect(new Set(result.differences.map((d) => d.outTradeNo)).size).toBe(result.differences.length);
    },
  );
});
