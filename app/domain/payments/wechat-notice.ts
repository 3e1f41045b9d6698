import { z } from "zod";
import { alipayAmount, type FieldNames, type TradeReport } from "./alipay-notice";
import type { RefundStatus, RefundStep } from "./alipay-refund";

// What WeChat Pay's reports mean, held against what we asked for. The signature is checked and the
// resource decrypted before this (integrations/payments/wechat-pay*.server.ts). A transaction is
// turned into the same TradeReport Alipay's are, so one judgement (judgeTradeReport) decides both;
// refunds have their own rules here. Pure.

const field = (max: number) => z.string().trim().min(1).max(max);

/** A notification's envelope (the signed JSON body): the event and its encrypted resource. Bounded. */
export const wechatNoticeSchema = z.object({
  id: field(64),
  event_type: field(64),
  resource_type: field(64).optional(),
  create_time: z.string().max(64).optional(),
  summary: z.string().max(256).optional(),
  resource: z.object({
    algorithm: field(32),
    ciphertext: field(16_000),
    nonce: field(64),
    associated_data: z.string().max(256).optional(),
    original_type: z.string().max(64).optional(),
  }),
});
export type WechatNotice = z.infer<typeof wechatNoticeSchema>;

const fen = z.number().int().min(0).max(100_000_000_000);

/** A transaction (a TRANSACTION.SUCCESS resource, or the trade query's answer). */
export const wechatTransactionSchema = z.object({
  appid: field(32),
  mchid: field(32),
  out_trade_no: field(64),
  transaction_id: z.string().trim().max(64).optional(),
  trade_state: field(32),
  amount: z.object({ total: fen, currency: z.string().max(16).optional(), payer_total: fen.optional() }).optional(),
});
export type WechatTransaction = z.infer<typeof wechatTransactionSchema>;

/** A refund's resource (REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED). */
export const wechatRefundResourceSchema = z.object({
  mchid: field(32),
  out_trade_no: field(64),
  transaction_id: z.string().trim().max(64).optional(),
  out_refund_no: field(64),
  refund_id: z.string().trim().max(64).optional(),
  refund_status: field(32),
  amount: z.object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() }),
});
export type WechatRefundResource = z.infer<typeof wechatRefundResourceSchema>;

export const TRANSACTION_EVENT = "TRANSACTION.SUCCESS";
export const REFUND_EVENTS = ["REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"] as const;

/** WeChat Pay's names for the fields a judgement's detail quotes (the amount read in yuan). */
const WECHAT_NAMES: FieldNames = {
  appId: "appid",
  sellerId: "mchid",
  totalAmount: "amount.total (yuan)",
  tradeNo: "transaction_id",
  tradeStatus: "trade_state",
};

/**
 * trade_state in Alipay's words, for judgeTradeReport: SUCCESS (and REFUND, a payment since partly
 * refunded) is paid; CLOSED and REVOKED are closed; NOTPAY, USERPAYING and PAYERROR wait.
 */
const STATE_AS_ALIPAY: Record<string, string> = {
  SUCCESS: "TRADE_SUCCESS",
  REFUND: "TRADE_SUCCESS",
  CLOSED: "TRADE_CLOSED",
  REVOKED: "TRADE_CLOSED",
  NOTPAY: "WAIT_BUYER_PAY",
  USERPAYING: "WAIT_BUYER_PAY",
  PAYERROR: "WAIT_BUYER_PAY",
};

/**
 * A WeChat transaction as the report judgeTradeReport weighs: our appid (APPID), our merchant (mchid
 * as the seller), CNY, the amount in fen (as yuan), the state. A paid one must name its transaction_id
 * and amount; an unknown state is passed through, so the judgement calls it MALFORMED.
 */
export function wechatTradeReport(transaction: WechatTransaction): TradeReport {
  const total = transaction.amount?.total;
  return {
    appId: transaction.appid,
    sellerId: transaction.mchid,
    currency: transaction.amount?.currency ?? null,
    // An undocumented state is prefixed, so it can never read as one of Alipay's (TRADE_SUCCESS…): MALFORMED.
    tradeStatus: STATE_AS_ALIPAY[transaction.trade_state] ?? `WECHAT_${transaction.trade_state}`,
    // Without an amount a paid report is MALFORMED (an unpaid one is read with withAmountOf).
    totalAmount: total === undefined ? "" : alipayAmount(total),
    tradeNo: transaction.transaction_id ?? "",
    names: WECHAT_NAMES,
  };
}

/** The trade report of an unpaid answer without an amount: judged against the trade's own amount (nothing is credited on it). */
export function withAmountOf(report: TradeReport, amountFen: number): TradeReport {
  return report.totalAmount === "" && report.tradeStatus !== "TRADE_SUCCESS" ? { ...report, totalAmount: alipayAmount(amountFen) } : report;
}

/**
 * Refusals that can pass (WeChat Pay busy, the merchant's balance short, asked to slow down): tried
 * again later. Every other signed refusal is final and the money goes to the wallet instead.
 */
const PASSING_REFUSALS = new Set(["SYSTEM_ERROR", "NOT_ENOUGH", "FREQUENCY_LIMITED", "HTTP_500"]);

/** WeChat Pay's answer on a refund, or its refund query's, as the next step. */
export function judgeWechatRefundAnswer(
  answer:
    | { ok: true; found: true; status: string }
    | { ok: true; found: false }
    | { ok: false; code: string; subCode?: string; signed?: boolean; message: string },
): RefundStep {
  if (answer.ok) {
    if (!answer.found) return { act: "retry", error: "WeChat Pay does not know the refund yet" };
    if (answer.status === "SUCCESS") return { act: "succeeded" };
    if (answer.status === "PROCESSING") return { act: "retry", error: "WeChat Pay has not paid the refund out yet" };
    if (answer.status === "CLOSED" || answer.status === "ABNORMAL")
      return { act: "toWallet", error: `WeChat Pay: refund ${answer.status}` };
    return { act: "retry", error: `WeChat Pay: refund status ${answer.status.slice(0, 32)}` };
  }
  if (answer.code === "PROVIDER_ERROR" && answer.signed && !PASSING_REFUSALS.has(answer.subCode ?? ""))
    return { act: "toWallet", error: answer.message };
  return { act: "retry", error: answer.message };
}

export type WechatRefundNoticeJudgement =
  | { act: "succeed"; outcome: "REFUNDED" }
  | { act: "toWallet"; outcome: "TO_WALLET"; detail: string }
  | { act: "none"; outcome: "DUPLICATE" | "STALE" }
  | { act: "flag"; outcome: "MISMATCH" | "MALFORMED"; detail: string };

/**
 * A refund notification against the refund it names: our merchant, its trade, the refund's amount
 * out of the trade's. SUCCESS settles a pending refund; CLOSED or ABNORMAL (the money could not go
 * back) sends it to the wallet. A success for a refund already put in the wallet is flagged: the
 * shopper would have it twice.
 */
export function judgeWechatRefundNotice(
  resource: WechatRefundResource,
  expected: { mchId: string },
  refund: { status: RefundStatus; amountFen: number; tradeAmountFen: number; outTradeNo: string; providerTradeNo: string | null },
): WechatRefundNoticeJudgement {
  if (resource.mchid !== expected.mchId) return { act: "flag", outcome: "MISMATCH", detail: `mchid ${resource.mchid} is not ours` };
  if (resource.out_trade_no !== refund.outTradeNo)
    return { act: "flag", outcome: "MISMATCH", detail: `out_trade_no ${resource.out_trade_no} is not the refunded trade` };
  if (refund.providerTradeNo && resource.transaction_id && resource.transaction_id !== refund.providerTradeNo)
    return { act: "flag", outcome: "MISMATCH", detail: `transaction_id ${resource.transaction_id} is not the refunded trade's` };
  if (resource.amount.refund !== refund.amountFen || resource.amount.total !== refund.tradeAmountFen)
    return {
      act: "flag",
      outcome: "MISMATCH",
      detail: `refund ${resource.amount.refund} of ${resource.amount.total} fen, expected ${refund.amountFen} of ${refund.tradeAmountFen}`,
    };
  const state = resource.refund_status;
  if (state === "SUCCESS") {
    if (refund.status === "SUCCEEDED") return { act: "none", outcome: "DUPLICATE" };
    if (refund.status === "TO_WALLET")
      return {
        act: "flag",
        outcome: "MISMATCH",
        detail: "WeChat Pay refunded a refund already credited to the wallet: the shopper has it twice",
      };
    return { act: "succeed", outcome: "REFUNDED" };
  }
  if (state === "CLOSED" || state === "ABNORMAL") {
    if (refund.status !== "PENDING") return { act: "none", outcome: refund.status === "TO_WALLET" ? "DUPLICATE" : "STALE" };
    return { act: "toWallet", outcome: "TO_WALLET", detail: `WeChat Pay: refund ${state}` };
  }
  return { act: "flag", outcome: "MALFORMED", detail: `refund_status ${state.slice(0, 32)}` };
}
