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
import type { WechatPay } from "~/integrations/payments/wechat-pay.server";
import { judgeWechatRefundAnswer, judgeWechatRefundNotice, type WechatRefundResource } from "~/domain/payments/wechat-notice";
import { getEnv } from "~/utils/env.server";
import { db, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { logger } from "~/utils/logger.server";
import { z } from "zod";
import { alipay } from "./alipay-client.server";
import { WECHAT_NOTIFY_PATH, wechatPay } from "./wechat-pay-client.server";
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

/** What a refund's provider changes in its wording: the timeline's and the notice's i18next context, the ledger note. */
const PROVIDER_WORDING: Record<string, { context?: string; name: string }> = {
  ALIPAY: { name: "Alipay" },
  WECHAT: { context: "wechat", name: "WeChat Pay" },
};

/** Settles a PENDING refund once, with its timeline row and the shopper's notice: its order, or null when it was settled already. */
async function settleRefund(tx: Tx, refundId: string, settlement: Settlement, now: Date): Promise<string | null> {
  await lockRow(tx, "PaymentRefund", refundId);
  const refund = await tx.paymentRefund.findUniqueOrThrow({
    where: { id: refundId },
    select: {
      status: true,
      userId: true,
      orderId: true,
      returnId: true,
      amountFen: true,
      reason: true,
      outRequestNo: true,
      trade: { select: { provider: true } },
    },
  });
  if (storedRefundStatus(refund.status) !== "PENDING") return null;
  const wording = PROVIDER_WORDING[refund.trade.provider] ?? { name: refund.trade.provider };
  const context: Record<string, string> = wording.context ? { context: wording.context } : {};
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
      note: `${refund.reason} (${wording.name} refused the refund)`,
    });
  const messageKey = settlement.act === "succeeded" ? "refundReachedAlipay" : "refundAlipayToWallet";
  const amount = fromFen(refund.amountFen);
  await recordEvent(
    tx,
    { orderId: refund.orderId, kind: "MONEY", actorId: null, actorRole: "SYSTEM", messageKey, params: { amount, ...context } },
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
    { amount, ...context },
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

type DueRefund = {
  id: string;
  version: number;
  attempts: number;
  outRequestNo: string;
  amountFen: number;
  reason: string;
  outTradeNo: string;
  tradeAmountFen: number;
};
/** One provider's way of sending a refund (again) and reading its answer as the next step. */
type RefundSender = (refund: DueRefund) => Promise<RefundStep>;

function alipaySender(provider: Alipay): RefundSender {
  return async (refund) => {
    const which = { outTradeNo: refund.outTradeNo, outRequestNo: refund.outRequestNo };
    let answer = await provider.refundTrade({ ...which, amount: alipayAmount(refund.amountFen), reason: refund.reason.slice(0, 64) });
    // Sent before (the same outRequestNo), Alipay answers without moving money again: its refund query says whether it did.
    if (answer.ok && !answer.refunded) answer = await provider.queryRefund(which);
    return judgeRefundAnswer(answer);
  };
}

function wechatSender(provider: WechatPay): RefundSender {
  return async (refund) => {
    // Sent before: WeChat Pay's refund query says where it stands; a refund it never received is sent (the same out_refund_no).
    if (refund.attempts > 0) {
      const known = await provider.queryRefund(refund.outRequestNo);
      if (!known.ok || known.found) return judgeWechatRefundAnswer(known);
    }
    const answer = await provider.refund({
      outTradeNo: refund.outTradeNo,
      outRefundNo: refund.outRequestNo,
      refundFen: refund.amountFen,
      totalFen: refund.tradeAmountFen,
      reason: refund.reason,
      notifyUrl: new URL(WECHAT_NOTIFY_PATH, getEnv().APP_ORIGIN).toString(),
    });
    return judgeWechatRefundAnswer(answer);
  };
}

/** The refund senders of the providers configured in this process, by provider id. */
function refundSenders(): Map<string, RefundSender> {
  const senders = new Map<string, RefundSender>();
  const alipayClient = alipay();
  if (alipayClient) senders.set("ALIPAY", alipaySender(alipayClient));
  const wechatClient = wechatPay();
  if (wechatClient) senders.set("WECHAT", wechatSender(wechatClient));
  return senders;
}

/** One attempt at one refund: claimed first (attempts and the next time move on), so two workers never send it at once. */
async function sendRefund(send: RefundSender, refund: DueRefund, now: Date) {
  const claimed = await db.paymentRefund.updateMany({
    where: { id: refund.id, status: "PENDING", version: refund.version },
    data: { version: { increment: 1 }, attempts: { increment: 1 }, nextAttemptAt: nextRefundAttempt(refund.attempts + 1, now) },
  });
  if (claimed.count === 0) return "skipped" as const;
  const step = await send(refund);
  if (step.act !== "succeeded") logger.warn({ outRequestNo: refund.outRequestNo, step }, "refund to the original payment not done");
  return applyStep(refund, step, now);
}

/** The job's step for refunds: every PENDING refund whose time has come is sent (again), by its trade's provider. */
export async function sendPendingRefunds(now = new Date(), onProgress?: (done: number, total: number) => void) {
  const senders = refundSenders();
  if (senders.size === 0) return { sent: 0, refunded: 0, toWallet: 0 };
  const due = await db.paymentRefund.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, trade: { provider: { in: [...senders.keys()] } } },
    select: {
      id: true,
      version: true,
      attempts: true,
      outRequestNo: true,
      amountFen: true,
      reason: true,
      trade: { select: { outTradeNo: true, amountFen: true, provider: true } },
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
  let refunded = 0;
  let toWallet = 0;
  for (const [index, refund] of due.entries()) {
    const send = senders.get(refund.trade.provider);
    const done = send
      ? await sendRefund(send, { ...refund, outTradeNo: refund.trade.outTradeNo, tradeAmountFen: refund.trade.amountFen }, now)
      : "skipped";
    if (done === "succeeded") refunded += 1;
    if (done === "toWallet") toWallet += 1;
    onProgress?.(index + 1, due.length);
  }
  return { sent: due.length, refunded, toWallet };
}

/**
 * WeChat Pay's notification of a refund (REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED), its
 * signature checked and its resource decrypted: judged against the refund it names (out_refund_no is
 * our request number) and applied once.
 */
export async function acceptWechatRefundNotice(
  provider: { mchId: string },
  resource: WechatRefundResource,
  now: Date,
): Promise<{ outcome: string; detail?: string }> {
  const refund = await db.paymentRefund.findUnique({
    where: { outRequestNo: resource.out_refund_no },
    select: {
      id: true,
      status: true,
      amountFen: true,
      trade: { select: { provider: true, outTradeNo: true, amountFen: true, providerTradeNo: true } },
    },
  });
  if (!refund || refund.trade.provider !== "WECHAT") return { outcome: "UNKNOWN_TRADE", detail: `refund ${resource.out_refund_no}` };
  const judgement = judgeWechatRefundNotice(
    resource,
    { mchId: provider.mchId },
    {
      status: storedRefundStatus(refund.status),
      amountFen: refund.amountFen,
      tradeAmountFen: refund.trade.amountFen,
      outTradeNo: refund.trade.outTradeNo,
      providerTradeNo: refund.trade.providerTradeNo,
    },
  );
  if (judgement.act === "flag") return { outcome: judgement.outcome, detail: judgement.detail };
  if (judgement.act === "none") return { outcome: judgement.outcome };
  const step: RefundStep = judgement.act === "succeed" ? { act: "succeeded" } : { act: "toWallet", error: judgement.detail };
  const settled = await applyStep(refund, step, now);
  if (settled === "settledAlready") return { outcome: "DUPLICATE" };
  return judgement.act === "succeed" ? { outcome: "REFUNDED" } : { outcome: judgement.outcome, detail: judgement.detail };
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
  /** The order was paid with Alipay or WeChat Pay, and that payment can still take refunds: the shopper may choose. */
  canChoose: boolean;
  refundTo: RefundDestination;
  /** Which provider "back to the original payment" means (its wording on the page): null without one. */
  provider: "ALIPAY" | "WECHAT" | null;
  refunds: { id: string; amountFen: number; status: (typeof REFUND_STATUSES)[number]; createdAt: Date; settledAt: Date | null }[];
};

/** The order page's refund section: where refunds go, and those sent back to the payment (Alipay, WeChat Pay). */
export async function getRefundChoice(user: { id: string }, orderId: string): Promise<RefundChoice | null> {
  const order = await db.order.findFirst({ where: { id: orderId, userId: user.id }, select: { refundTo: true } });
  if (!order) return null;
  const [refunds, paid] = await Promise.all([
    db.paymentRefund.findMany({
      where: { orderId, userId: user.id },
      select: { id: true, amountFen: true, status: true, createdAt: true, settledAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.paymentTrade.findFirst({
      where: { orderId, userId: user.id, purpose: "ORDER", status: "PAID", refundableFen: { gt: 0 } },
      select: { provider: true },
    }),
  ]);
  const refunded = paid
    ? null
    : await db.paymentRefund.findFirst({ where: { orderId, userId: user.id }, select: { trade: { select: { provider: true } } } });
  const provider = paid?.provider ?? refunded?.trade.provider ?? null;
  return {
    canChoose: paid !== null,
    refundTo: fromColumn(z.enum(REFUND_DESTINATIONS), "Order.refundTo", order.refundTo),
    provider: provider === "WECHAT" ? "WECHAT" : provider === "ALIPAY" ? "ALIPAY" : null,
    refunds: refunds.map((refund) => ({ ...refund, status: storedRefundStatus(refund.status) })),
  };
}

/** The shopper's choice of where the order's refunds go; ORIGINAL only for an order paid with Alipay or WeChat Pay. */
export async function setRefundDestination(user: { id: string }, orderId: string, refundTo: RefundDestination) {
  const choice = await getRefundChoice(user, orderId);
  if (!choice) return { ok: false as const, reason: "notFound" as const };
  if (refundTo === "ORIGINAL" && !choice.canChoose) return { ok: false as const, reason: "notPaidWithAlipay" as const };
  await db.order.updateMany({ where: { id: orderId, userId: user.id }, data: { refundTo } });
  return { ok: true as const };
}
