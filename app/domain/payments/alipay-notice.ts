import { z } from "zod";

// What an Alipay report on a trade (its asynchronous notification, or our query's answer) means for
// the trade it names. The signature is checked before this (integrations/payments/alipay.server.ts);
// here the report is held against what we asked for: our app, our merchant, our amount in CNY, and
// the trade as it stands. Pure: the service applies the judgement in one transaction.

export const PAID_TRADE_STATUSES = ["TRADE_SUCCESS", "TRADE_FINISHED"] as const;
export const TRADE_STATUSES = ["CREATED", "PAID", "CLOSED"] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

const field = (max: number) => z.string().trim().min(1).max(max);

/**
 * A notification's fields as Alipay posts them (application/x-www-form-urlencoded). Bounded: a value
 * longer than Alipay ever sends is not a notification. Unknown fields are kept (they are signed too).
 */
export const alipayNoticeSchema = z
  .object({
    notify_id: field(128),
    app_id: field(32),
    out_trade_no: field(64),
    trade_no: field(64),
    trade_status: field(32),
    total_amount: field(16),
    seller_id: field(32).optional(),
    sign: field(1024),
    sign_type: z.enum(["RSA2"]),
  })
  .catchall(z.string().max(1024));
export type AlipayNoticeFields = z.infer<typeof alipayNoticeSchema>;

export type TradeReport = {
  appId?: string;
  sellerId?: string | null;
  /** trans_currency or currency when Alipay names one: it must be CNY. */
  currency?: string | null;
  tradeStatus: string;
  totalAmount: string;
  tradeNo: string;
  /** How the provider names these fields, for the judgement's detail (Alipay's names unless told). */
  names?: FieldNames;
};

export type FieldNames = { appId: string; sellerId: string; totalAmount: string; tradeNo: string; tradeStatus: string };
const ALIPAY_NAMES: FieldNames = {
  appId: "app_id",
  sellerId: "seller_id",
  totalAmount: "total_amount",
  tradeNo: "trade_no",
  tradeStatus: "trade_status",
};

export type Judgement =
  | { act: "credit"; outcome: "CREDITED" | "LATE_CREDITED" }
  | { act: "close"; outcome: "CLOSED" }
  | { act: "none"; outcome: "DUPLICATE" | "WAITING" | "STALE" }
  | { act: "flag"; outcome: "MISMATCH" | "MALFORMED"; detail: string };

const AMOUNT = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "12.34" → 1234; null when it is not a CNY amount of at most two decimals. */
export function alipayAmountFen(amount: string): number | null {
  const match = AMOUNT.exec(amount);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** How much to pay in Alipay's spelling: 1234 → "12.34". */
export function alipayAmount(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

export function judgeTradeReport(
  report: TradeReport,
  expected: { appId: string; sellerId: string },
  trade: { status: TradeStatus; amountFen: number; providerTradeNo: string | null },
): Judgement {
  const names = report.names ?? ALIPAY_NAMES;
  if (report.appId !== undefined && report.appId !== expected.appId)
    return { act: "flag", outcome: "MISMATCH", detail: `${names.appId} ${report.appId} is not ours` };
  if (report.sellerId && report.sellerId !== expected.sellerId)
    return { act: "flag", outcome: "MISMATCH", detail: `${names.sellerId} ${report.sellerId} is not ours` };
  if (report.currency && report.currency !== "CNY")
    return { act: "flag", outcome: "MISMATCH", detail: `currency ${report.currency}, not CNY` };
  const paid = (PAID_TRADE_STATUSES as readonly string[]).includes(report.tradeStatus);
  const fen = alipayAmountFen(report.totalAmount);
  if (fen === null) return { act: "flag", outcome: "MALFORMED", detail: `${names.totalAmount} ${report.totalAmount}` };
  if (fen !== trade.amountFen)
    return {
      act: "flag",
      outcome: "MISMATCH",
      detail: `${names.totalAmount} ${report.totalAmount}, expected ${alipayAmount(trade.amountFen)}`,
    };
  if (trade.status === "PAID") {
    if (!paid) return { act: "none", outcome: "STALE" };
    if (trade.providerTradeNo === report.tradeNo) return { act: "none", outcome: "DUPLICATE" };
    return {
      act: "flag",
      outcome: "MISMATCH",
      detail: `${names.tradeNo} ${report.tradeNo} pays a trade already paid by ${trade.providerTradeNo}`,
    };
  }
  if (paid) return { act: "credit", outcome: trade.status === "CLOSED" ? "LATE_CREDITED" : "CREDITED" };
  if (report.tradeStatus === "TRADE_CLOSED")
    return trade.status === "CREATED" ? { act: "close", outcome: "CLOSED" } : { act: "none", outcome: "STALE" };
  if (report.tradeStatus === "WAIT_BUYER_PAY") return { act: "none", outcome: "WAITING" };
  return { act: "flag", outcome: "MALFORMED", detail: `${names.tradeStatus} ${report.tradeStatus}` };
}
