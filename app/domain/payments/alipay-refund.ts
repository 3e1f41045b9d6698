import { z } from "zod";
import { alipayAmount, alipayAmountFen } from "./alipay-notice";

// Refunds back to the Alipay payment that paid an order: where a refund goes, what Alipay's answer on
// it means, when to try again, and what a refund notification is worth. Pure: the service
// (services/payment-refunds.server.ts) applies it behind the refund's row lock.

export const REFUND_DESTINATIONS = ["WALLET", "ORIGINAL"] as const;
export type RefundDestination = (typeof REFUND_DESTINATIONS)[number];
export const REFUND_STATUSES = ["PENDING", "SUCCEEDED", "TO_WALLET"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Where a refund of `amountFen` goes: to the order's Alipay payment when the shopper chose it and that
 * payment can take the refund whole (never split: one refund, one place); otherwise to the wallet.
 */
export function refundGoesTo(
  preference: RefundDestination,
  payment: { refundableFen: number } | null,
  amountFen: number,
): "ALIPAY" | "WALLET" {
  return preference === "ORIGINAL" && payment !== null && payment.refundableFen >= amountFen ? "ALIPAY" : "WALLET";
}

/**
 * Refusals that can pass (Alipay's system busy, the merchant's balance short until it is topped up):
 * tried again later. Every other signed refusal is final and the money goes to the wallet instead.
 */
const PASSING_REFUSALS = new Set(["ACQ.SYSTEM_ERROR", "ACQ.SELLER_BALANCE_NOT_ENOUGH", "ACQ.REFUND_CHARGE_ERROR", "aop.ACQ.SYSTEM_ERROR"]);

export type RefundAnswerLike =
  { ok: true; refunded: boolean } | { ok: false; code: string; subCode?: string; signed?: boolean; message: string };

export type RefundStep =
  | { act: "succeeded" }
  /** Alipay accepted it but has not moved the money yet, or we could not hear: ask again later. */
  | { act: "retry"; error: string }
  | { act: "toWallet"; error: string };

export function judgeRefundAnswer(answer: RefundAnswerLike): RefundStep {
  if (answer.ok) return answer.refunded ? { act: "succeeded" } : { act: "retry", error: "Alipay has not paid the refund out yet" };
  if (answer.code === "PROVIDER_ERROR" && answer.signed && !PASSING_REFUSALS.has(answer.subCode ?? ""))
    return { act: "toWallet", error: answer.message };
  return { act: "retry", error: answer.message };
}

/** 1, 2, 4 … minutes after each failed attempt, at most six hours apart: a refund is never given up on unheard. */
export function nextRefundAttempt(attempts: number, now: Date): Date {
  const minutes = Math.min(2 ** Math.max(0, attempts - 1), 360);
  return new Date(now.getTime() + minutes * 60_000);
}

/** Our refund request number: the refund's own, so sending it again is the same refund at Alipay. */
export const refundRequestNo = (refundId: string) => `RF${refundId}`.slice(0, 64);

/** The fields a refund notification adds to a trade notification (Alipay sends it to the trade's notify_url). */
export const alipayRefundFieldsSchema = z.object({
  out_biz_no: z.string().trim().min(1).max(64),
  refund_fee: z.string().trim().min(1).max(16),
  gmt_refund: z.string().trim().max(32).optional(),
});

export type RefundNoticeJudgement =
  | { act: "succeed"; outcome: "REFUNDED" }
  | { act: "none"; outcome: "DUPLICATE" }
  | { act: "flag"; outcome: "MISMATCH" | "MALFORMED"; detail: string };

/**
 * A refund notification against the refund it names. refund_fee is the trade's refunded total so far,
 * so it covers this refund and never exceeds what was paid. A refund we already sent to the wallet that
 * Alipay then paid too is flagged: the shopper would have it twice.
 */
export function judgeRefundNotice(
  notice: { appId: string; refundFee: string; tradeNo: string },
  expected: { appId: string },
  refund: { status: RefundStatus; amountFen: number; tradeAmountFen: number; providerTradeNo: string | null },
): RefundNoticeJudgement {
  if (notice.appId !== expected.appId) return { act: "flag", outcome: "MISMATCH", detail: `app_id ${notice.appId} is not ours` };
  if (refund.providerTradeNo && notice.tradeNo !== refund.providerTradeNo)
    return { act: "flag", outcome: "MISMATCH", detail: `trade_no ${notice.tradeNo} is not the refunded trade's ${refund.providerTradeNo}` };
  const fee = alipayAmountFen(notice.refundFee);
  if (fee === null) return { act: "flag", outcome: "MALFORMED", detail: `refund_fee ${notice.refundFee}` };
  if (fee < refund.amountFen || fee > refund.tradeAmountFen)
    return {
      act: "flag",
      outcome: "MISMATCH",
      detail: `refund_fee ${notice.refundFee} does not cover this refund of ${alipayAmount(refund.amountFen)} within the trade's ${alipayAmount(refund.tradeAmountFen)}`,
    };
  if (refund.status === "SUCCEEDED") return { act: "none", outcome: "DUPLICATE" };
  if (refund.status === "TO_WALLET")
    return {
      act: "flag",
      outcome: "MISMATCH",
      detail: "Alipay refunded a refund already credited to the wallet: the shopper has it twice",
    };
  return { act: "succeed", outcome: "REFUNDED" };
}
