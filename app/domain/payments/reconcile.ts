import { z } from "zod";
import { chinaDay, chinaLocalToInstant } from "~/domain/china-time";
import type { BillKind, BillRow } from "./alipay-bill";

// The daily reconciliation: one China day of the provider's bill held against our ledger for that
// day. A payment is matched by our trade number (outTradeNo), a refund by its trade and refund
// request number; amounts are compared in fen. What is left over is a difference an admin reads:
//   MISSING_IN_LEDGER  the provider has it, we never credited it (money received, nobody given it)
//   MISSING_IN_BILL    we credited it, the provider's bill does not have it (money given, never received)
//   AMOUNT_DIFFERS     both have it, for different amounts
// The day's edge: our clock (paidAt) and the provider's (完成时间) can put a payment made around
// midnight on different days. So our rows are selected with a margin either side of the day; a
// bill row not among them is looked up among all our paid trades before it is called missing; and
// only our rows strictly inside the day are called missing from the bill (the ones in the margin
// belong to the neighbouring day's bill); one of ours booked in the day's first minutes that the
// bill lacks may be on the previous day's bill, so the service asks the provider about it first.
// Pure: the service loads both sides and stores the result.

export const DIFFERENCE_KINDS = ["MISSING_IN_LEDGER", "MISSING_IN_BILL", "AMOUNT_DIFFERS"] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];
export const RUN_STATUSES = ["RUNNING", "MATCHED", "DIFFERENCES", "FAILED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Our rows selected this far either side of the China day. */
export const DAY_MARGIN_MS = 15 * 60_000;
/** The oldest day a person may ask to reconcile (the provider keeps its bills for a limited time). */
export const MAX_BILL_AGE_DAYS = 90;

export type LedgerRow = {
  kind: BillKind;
  outTradeNo: string;
  providerTradeNo: string | null;
  refundRequestNo: string | null;
  amountFen: number;
  /** When we booked it (a payment's paidAt). */
  at: Date;
  tradeId: string | null;
};

export type Difference = {
  kind: DifferenceKind;
  entry: BillKind;
  outTradeNo: string;
  providerTradeNo: string | null;
  refundRequestNo: string | null;
  billAmountFen: number | null;
  ledgerAmountFen: number | null;
  tradeId: string | null;
  /** The bill's 完成时间, China time, when the bill has it. */
  billFinishedAt: string | null;
  /** When we booked it, when we have it. */
  ledgerAt: Date | null;
};

export type Reconciliation = { billRows: number; ledgerRows: number; matched: number; differences: Difference[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A China day "yyyy-MM-dd" as [from, to), or null when it is no real day. */
export function chinaDayWindow(billDate: string): { from: Date; to: Date } | null {
  if (!DAY.test(billDate)) return null;
  const from = chinaLocalToInstant(billDate);
  if (!from) return null;
  return { from, to: new Date(from.getTime() + 24 * 3_600_000) };
}

/** Our rows to load for the day: the day and its margins. */
export function ledgerSelection(day: { from: Date; to: Date }) {
  return { from: new Date(day.from.getTime() - DAY_MARGIN_MS), to: new Date(day.to.getTime() + DAY_MARGIN_MS) };
}

/** The China day before the one `now` is in: the day whose bill the daily job reads. */
export function previousChinaDay(now: Date): string {
  return chinaDay(new Date(now.getTime() - 24 * 3_600_000));
}

/** Why `billDate` cannot be reconciled at `now` (null when it can): a real, finished China day, not too old. */
export function billDateProblem(billDate: string, now: Date): "invalid" | "notFinished" | "tooOld" | null {
  const day = chinaDayWindow(billDate);
  if (!day) return "invalid";
  const today = chinaDay(now);
  if (billDate >= today) return "notFinished";
  const ageDays = Math.round(((chinaDayWindow(today) as { from: Date }).from.getTime() - day.from.getTime()) / (24 * 3_600_000));
  if (ageDays > MAX_BILL_AGE_DAYS) return "tooOld";
  return null;
}

export const billDateSchema = z
  .string()
  .trim()
  .regex(DAY)
  .refine((value) => chinaDayWindow(value) !== null);

type Keyed = { outTradeNo: string; kind: BillKind; refundRequestNo: string | null };
const keyOf = (row: Keyed) =>
  row.kind === "PAYMENT" ? `PAYMENT ${row.outTradeNo}` : `REFUND ${row.outTradeNo} ${row.refundRequestNo ?? ""}`;

/** Rows of one side by key, amounts of the same key added up (a key is on a side once, normally). */
function byKey<T extends Keyed & { amountFen: number }>(rows: readonly T[]) {
  const map = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const seen = map.get(key);
    map.set(key, seen ? { ...seen, amountFen: seen.amountFen + row.amountFen } : row);
  }
  return map;
}

/** The bill rows our day's selection does not have: the numbers to look up among all our paid trades. */
export function billRowsToLookUp(bill: readonly BillRow[], ledger: readonly LedgerRow[]) {
  const ours = new Set(ledger.map(keyOf));
  const missing = bill.filter((row) => !ours.has(keyOf(row)));
  return {
    outTradeNos: [...new Set(missing.filter((row) => row.kind === "PAYMENT").map((row) => row.outTradeNo))],
    refundRequestNos: [...new Set(missing.filter((row) => row.kind === "REFUND").map((row) => row.refundRequestNo ?? ""))],
  };
}

const inDay = (row: LedgerRow, day: { from: Date; to: Date }) =>
  row.at.getTime() >= day.from.getTime() && row.at.getTime() < day.to.getTime();

const ORDER: Record<DifferenceKind, number> = { MISSING_IN_LEDGER: 0, MISSING_IN_BILL: 1, AMOUNT_DIFFERS: 2 };

/**
 * The day's bill against our rows: `ledger` is our selection for the day and its margins, `elsewhere`
 * our rows outside it that the bill names (found with billRowsToLookUp).
 */
export function reconcile(input: {
  day: { from: Date; to: Date };
  bill: readonly BillRow[];
  ledger: readonly LedgerRow[];
  elsewhere?: readonly LedgerRow[];
}): Reconciliation {
  const bill = byKey(input.bill);
  const ledger = byKey(input.ledger);
  const elsewhere = byKey(input.elsewhere ?? []);
  const seen = new Set<string>();
  const differences: Difference[] = [];
  let matched = 0;
  for (const [key, row] of bill) {
    const ours = ledger.get(key) ?? elsewhere.get(key);
    const common = {
      entry: row.kind,
      outTradeNo: row.outTradeNo,
      providerTradeNo: row.providerTradeNo,
      refundRequestNo: row.refundRequestNo,
      billAmountFen: row.amountFen,
      billFinishedAt: row.finishedAt || null,
    };
    if (!ours) {
      differences.push({ kind: "MISSING_IN_LEDGER", ...common, ledgerAmountFen: null, tradeId: null, ledgerAt: null });
      continue;
    }
    seen.add(key);
    if (ours.amountFen !== row.amountFen)
      differences.push({ kind: "AMOUNT_DIFFERS", ...common, ledgerAmountFen: ours.amountFen, tradeId: ours.tradeId, ledgerAt: ours.at });
    else matched += 1;
  }
  for (const [key, row] of ledger) {
    if (seen.has(key)) continue;
    if (!inDay(row, input.day)) continue;
    differences.push({
      kind: "MISSING_IN_BILL",
      entry: row.kind,
      outTradeNo: row.outTradeNo,
      providerTradeNo: row.providerTradeNo,
      refundRequestNo: row.refundRequestNo,
      billAmountFen: null,
      ledgerAmountFen: row.amountFen,
      tradeId: row.tradeId,
      billFinishedAt: null,
      ledgerAt: row.at,
    });
  }
  differences.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || keyOf({ ...a, kind: a.entry }).localeCompare(keyOf({ ...b, kind: b.entry })));
  const ledgerRows = input.ledger.filter((row) => inDay(row, input.day)).length;
  return { billRows: input.bill.length, ledgerRows, matched, differences };
}

/**
 * Our payments booked in the day's first minutes that the bill lacks: the provider may have finished
 * them before midnight and put them on the previous day's bill. These are the only ones the service
 * asks the provider about (a trade query) before it calls them missing from the bill.
 */
export function nearDayStart(result: Reconciliation, day: { from: Date }): Difference[] {
  const edge = day.from.getTime() + DAY_MARGIN_MS;
  return result.differences.filter(
    (difference) =>
      difference.kind === "MISSING_IN_BILL" &&
      difference.entry === "PAYMENT" &&
      difference.ledgerAt &&
      difference.ledgerAt.getTime() < edge,
  );
}

/** The result with the payments the provider confirmed paid, for our amount, counted as matched. */
export function withConfirmed(result: Reconciliation, confirmed: ReadonlySet<string>): Reconciliation {
  const kept = result.differences.filter(
    (difference) => !(difference.kind === "MISSING_IN_BILL" && difference.entry === "PAYMENT" && confirmed.has(difference.outTradeNo)),
  );
  return { ...result, matched: result.matched + result.differences.length - kept.length, differences: kept };
}

/** What identifies a difference across re-runs of a day, so an admin's "handled" is kept when it comes back unchanged. */
export function differenceKey(
  difference: { kind: string; entry: string } & Pick<Difference, "outTradeNo" | "refundRequestNo" | "billAmountFen" | "ledgerAmountFen">,
) {
  return [
    difference.kind,
    difference.entry,
    difference.outTradeNo,
    difference.refundRequestNo ?? "",
    difference.billAmountFen ?? "",
    difference.ledgerAmountFen ?? "",
  ].join("|");
}
