import {
  alipayRefundFieldsSchema,
  judgeRefundAnswer,
  judgeRefundNotice,
  nextRefundAttempt,
  REFUND_DESTINATIONS,
  REFUND_STATUSES,
  type RefundDestination,
  type RefundStep,
} from "~/domain/payments/alipay-refund";
import { alipayAmount } from "~/domain/payments/alipay-notice";
import { fromFen } from "~/domain/landed-cost";
import { fromColumn } from "~/domain/stored";
import type { Alipay } from "~/integrations/payments/alipay.server";
import { db, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { logger } from "~/utils/logger.server";
import { z } from "zod";
import { alipay } from "./alipay-client.server";
import { notifyAboutOrder, recordEvent } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { creditWallet } from "./payments.server";

// Refunds back to the Alipay payment that paid an order (recorded by paymentProvider.refund in the
// transaction that owes them): sent by the payments-check job, settled once behind the refund's row
// lock — by Alipay's answer, its refund query or its refund notification, whichever comes first — and,
// if Alipay refuses one for good, paid into the wallet instead so the shopper never waits on nothing.

const storedRefundStatus = (value: string) => fromColumn(z.enum(REFUND_STATUSES), "PaymentRefund.status", value);
/** At most this many refunds are sent by one run of the job. */
const BATCH = 200;

type Settlement = { act: "succeeded" } | { act: "toWallet"; error: string };

/** Settles a PENDING refund once, with its timeline row and the shopper's notice: its order, or null when it was settled already. */
async function settleRefund(tx: Tx, refundId: string, settlement: Settlement, now: Date): Promise<string | null> {
  await lockRow(tx, "PaymentRefund", refundId);
  const refund = await tx.paymentRefund.findUniqueOrThrow({
    where: { id: refundId },
    select: { status: true, userId: true, orderId: true, returnId: true, amountFen: true, reason: true, outRequestNo: true },
  });
  if (storedRefundStatus(refund.status) !== "PENDING") return null;
  await tx.paymentRefund.update({
    where: { id: refundId },
    data: {
      status: settlement.act === "succeeded" ? "SUCCEEDED" : "TO_WALLET",
      settledAt: now,
      lastError: settlement.act === "toWallet" ? settlement.error.slice(0, 500) : null,
      version: { increment: 1 },
    },
  });
  if (settlement.act === "toWallet")
    await creditWallet(tx, {
      userId: refund.userId,
      kind: "REFUND",
      amountFen: refund.amountFen,
      orderId: refund.orderId,
      returnId: refund.returnId,
      reference: refund.outRequestNo,
      note: `${refund.reason} (Alipay refused the refund)`,
    });
  const messageKey = settlement.act === "succeeded" ? "refundReachedAlipay" : "refundAlipayToWallet";
  const amount = fromFen(refund.amountFen);
  await recordEvent(
    tx,
    { orderId: refund.orderId, kind: "MONEY", actorId: null, actorRole: "SYSTEM", messageKey, params: { amount } },
    now,
  );
  const order = await tx.order.findUniqueOrThrow({
    where: { id: refund.orderId },
    select: { id: true, number: true, user: { select: { email: true } } },
  });
  await notifyAboutOrder(
    tx,
    { userId: refund.userId, email: order.user.email },
    order,
    settlement.act === "succeeded" ? "ORDER_REFUND_ALIPAY" : "ORDER_REFUND_ALIPAY_TO_WALLET",
    { amount },
  );
  return refund.orderId;
}

async function applyStep(refund: { id: string }, step: RefundStep, now: Date) {
  if (step.act === "retry") {
    await db.paymentRefund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { lastError: step.error.slice(0, 500) } });
    return "retry" as const;
  }
  const orderId = await transactionWithRetry((tx: Tx) => settleRefund(tx, refund.id, step, now));
  if (!orderId) return "settledAlready" as const;
  publishOrderChange(orderId);
  return step.act;
}

/** One attempt at one refund: claimed first (attempts and the next time move on), so two workers never send it at once. */
async function sendRefund(
  provider: Alipay,
  refund: { id: string; version: number; attempts: number; outRequestNo: string; amountFen: number; reason: string; outTradeNo: string },
  now: Date,
) {
  const claimed = await db.paymentRefund.updateMany({
    where: { id: refund.id, status: "PENDING", version: refund.version },
    data: { version: { increment: 1 }, attempts: { increment: 1 }, nextAttemptAt: nextRefundAttempt(refund.attempts + 1, now) },
  });
  if (claimed.count === 0) return "skipped" as const;
  const which = { outTradeNo: refund.outTradeNo, outRequestNo: refund.outRequestNo };
  let answer = await provider.refundTrade({ ...which, amount: alipayAmount(refund.amountFen), reason: refund.reason.slice(0, 64) });
  // Sent before (the same outRequestNo), Alipay answers without moving money again: its refund query says whether it did.
  if (answer.ok && !answer.refunded) answer = await provider.queryRefund(which);
  const step = judgeRefundAnswer(answer);
  if (step.act !== "succeeded") logger.warn({ outRequestNo: refund.outRequestNo, step }, "alipay refund not done");
  return applyStep(refund, step, now);
}

/** The job's step for refunds: every PENDING refund whose time has come is sent (again). */
export async function sendPendingRefunds(now = new Date(), onProgress?: (done: number, total: number) => void) {
  const provider = alipay();
  if (!provider) return { sent: 0, refunded: 0, toWallet: 0 };
  const due = await db.paymentRefund.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    select: {
      id: true,
      version: true,
      attempts: true,
      outRequestNo: true,
      amountFen: true,
      reason: true,
      trade: { select: { outTradeNo: true } },
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
  let refunded = 0;
  let toWallet = 0;
  for (const [index, refund] of due.entries()) {
    const done = await sendRefund(provider, { ...refund, outTradeNo: refund.trade.outTradeNo }, now);
    if (done === "succeeded") refunded += 1;
    if (done === "toWallet") toWallet += 1;
    onProgress?.(index + 1, due.length);
  }
  return { sent: due.length, refunded, toWallet };
}

/**
 * Alipay's notification of a refund (a trade notification carrying out_biz_no and refund_fee), its
 * signature already checked: judged against the refund it names and applied once. Returns the notice's
 * outcome, or null when the fields are not a refund notification's.
 */
export async function acceptRefundNotice(
  provider: Alipay,
  fields: { app_id: string; out_trade_no: string; trade_no: string } & Record<string, string>,
  now: Date,
): Promise<{ outcome: string; detail?: string } | null> {
  if (fields.out_biz_no === undefined) return null;
  const parsed = alipayRefundFieldsSchema.safeParse(fields);
  if (!parsed.success) return { outcome: "MALFORMED", detail: "refund notification: out_biz_no or refund_fee malformed" };
  const refund = await db.paymentRefund.findUnique({
    where: { outRequestNo: parsed.data.out_biz_no },
    select: { id: true, status: true, amountFen: true, trade: { select: { outTradeNo: true, amountFen: true, providerTradeNo: true } } },
  });
  if (!refund || refund.trade.outTradeNo !== fields.out_trade_no)
    return { outcome: "UNKNOWN_TRADE", detail: `refund ${parsed.data.out_biz_no}` };
  const judgement = judgeRefundNotice(
    { appId: fields.app_id, refundFee: parsed.data.refund_fee, tradeNo: fields.trade_no },
    { appId: provider.appId },
    {
      status: storedRefundStatus(refund.status),
      amountFen: refund.amountFen,
      tradeAmountFen: refund.trade.amountFen,
      providerTradeNo: refund.trade.providerTradeNo,
    },
  );
  if (judgement.act === "flag") return { outcome: judgement.outcome, detail: judgement.detail };
  if (judgement.act === "none") return { outcome: judgement.outcome };
  const settled = await applyStep(refund, { act: "succeeded" }, now);
  return { outcome: settled === "succeeded" ? "REFUNDED" : "DUPLICATE" };
}

export type RefundChoice = {
  /** The order was paid with Alipay, and that payment can still take refunds: the shopper may choose. */
  canChoose: boolean;
  refundTo: RefundDestination;
  refunds: { id: string; amountFen: number; status: (typeof REFUND_STATUSES)[number]; createdAt: Date; settledAt: Date | null }[];
};

/** The order page's refund section: where refunds go, and those sent back to Alipay. */
export async function getRefundChoice(user: { id: string }, orderId: string): Promise<RefundChoice | null> {
  const order = await db.order.findFirst({ where: { id: orderId, userId: user.id }, select: { refundTo: true } });
  if (!order) return null;
  const [payable, refunds] = await Promise.all([
    db.paymentTrade.count({ where: { orderId, userId: user.id, purpose: "ORDER", status: "PAID", refundableFen: { gt: 0 } } }),
    db.paymentRefund.findMany({
      where: { orderId, userId: user.id },
      select: { id: true, amountFen: true, status: true, createdAt: true, settledAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    canChoose: payable > 0,
    refundTo: fromColumn(z.enum(REFUND_DESTINATIONS), "Order.refundTo", order.refundTo),
    refunds: refunds.map((refund) => ({ ...refund, status: storedRefundStatus(refund.status) })),
  };
}

/** The shopper's choice of where the order's refunds go; ORIGINAL only for an order paid with Alipay. */
export async function setRefundDestination(user: { id: string }, orderId: string, refundTo: RefundDestination) {
  const choice = await getRefundChoice(user, orderId);
  if (!choice) return { ok: false as const, reason: "notFound" as const };
  if (refundTo === "ORIGINAL" && !choice.canChoose) return { ok: false as const, reason: "notPaidWithAlipay" as const };
  await db.order.updateMany({ where: { id: orderId, userId: user.id }, data: { refundTo } });
  return { ok: true as const };
}
