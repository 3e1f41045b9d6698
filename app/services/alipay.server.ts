import crypto from "node:crypto";
import { chinaDayStamp } from "~/domain/china-time";
import {
  alipayAmount,
  alipayNoticeSchema,
  judgeTradeReport,
  TRADE_STATUSES,
  type Judgement,
  type TradeReport,
  type TradeStatus,
} from "~/domain/payments/alipay-notice";
import { fromColumn } from "~/domain/stored";
import type { Alipay } from "~/integrations/payments/alipay.server";
import { db, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { publishOrderChange } from "./order-feed.server";
import { payOrderWithin } from "./order-payment.server";
import { alipay } from "./alipay-client.server";
import { acceptRefundNotice } from "./alipay-refunds.server";
import { creditWallet } from "./payments.server";
import { z } from "zod";

// Wallet top-ups and order payments through Alipay. The shopper is sent to Alipay's cashier with a trade of ours; the
// money is in only when Alipay says so — its signed asynchronous notification, or our signed query of
// the trade when the notification is late — and it is credited once: the trade moves CREATED → PAID
// in a conditional update behind its row lock, and the ledger entry is unique per trade. An order's
// payment goes through the wallet's ledger too (in, then out to the order, in one transaction).

const PROVIDER = "ALIPAY";
/** A shopper has at most this many unpaid trades open at once. */
const MAX_OPEN_TRADES = 5;
/** The return page asks Alipay about a trade no more often than this. */
const QUERY_EVERY_MS = 5_000;

const storedStatus = (value: string) => fromColumn(z.enum(TRADE_STATUSES), "PaymentTrade.status", value);

export type StartOutcome =
  { ok: true; tradeId: string; cashierUrl: string } | { ok: false; reason: "unavailable" | "tooManyOpen" | "notPayable" | "quoteExpired" };

type TradeRequest = { purpose: "TOPUP" | "ORDER"; orderId?: string; amountFen: number; subject: string; expiresAt: Date };

/** Opens a trade and returns the cashier link to send the shopper to. */
async function openTrade(
  provider: Alipay,
  user: { id: string },
  request: TradeRequest,
  device: "wap" | "page",
  now: Date,
): Promise<StartOutcome> {
  const open = await db.paymentTrade.count({ where: { userId: user.id, status: "CREATED", expiresAt: { gt: now } } });
  if (open >= MAX_OPEN_TRADES) return { ok: false, reason: "tooManyOpen" };
  const trade = await db.paymentTrade.create({
    data: {
      provider: PROVIDER,
      outTradeNo: `${request.purpose === "ORDER" ? "PO" : "TU"}${chinaDayStamp(now)}${crypto.randomBytes(6).toString("hex").toUpperCase()}`,
      userId: user.id,
      purpose: request.purpose,
      orderId: request.orderId ?? null,
      amountFen: request.amountFen,
      expiresAt: request.expiresAt,
      createdAt: now,
    },
    select: { id: true, outTradeNo: true },
  });
  const cashierUrl = provider.cashierUrl({
    outTradeNo: trade.outTradeNo,
    amount: alipayAmount(request.amountFen),
    subject: request.subject,
    device,
    returnUrl: new URL(`/payments/${trade.id}`, getEnv().APP_ORIGIN).toString(),
    expiresAt: request.expiresAt,
  });
  return { ok: true, tradeId: trade.id, cashierUrl };
}

const tradeWindow = (now: Date) => new Date(now.getTime() + getEnv().ALIPAY_TRADE_MINUTES * 60_000);

/** A wallet top-up through Alipay. */
export async function startAlipayTopUp(user: { id: string }, amountFen: number, device: "wap" | "page", now = new Date()) {
  const provider = alipay();
  if (!provider) return { ok: false as const, reason: "unavailable" as const };
  const subject = `环球代购钱包充值 ${alipayAmount(amountFen)} 元`;
  return openTrade(provider, user, { purpose: "TOPUP", amountFen, subject, expiresAt: tradeWindow(now) }, device, now);
}

/** Paying an unpaid order through Alipay: its quote's total, and the trade closes when the quote does. */
export async function startAlipayOrderPayment(user: { id: string }, orderId: string, device: "wap" | "page", now = new Date()) {
  const provider = alipay();
  if (!provider) return { ok: false as const, reason: "unavailable" as const };
  const order = await db.order.findFirst({
    where: { id: orderId, userId: user.id },
    select: { number: true, status: true, totalFen: true, quoteId: true },
  });
  if (!order) return { ok: false as const, reason: "notFound" as const };
  if (order.status !== "PENDING_PAYMENT") return { ok: false as const, reason: "notPayable" as const };
  const quote = await db.quote.findUnique({ where: { id: order.quoteId }, select: { validUntil: true } });
  if (!quote) return { ok: false as const, reason: "quoteExpired" as const };
  // Alipay refuses a payment after time_expire, so a trade that ends with the quote is paid within it.
  const expiresAt = new Date(Math.min(tradeWindow(now).getTime(), quote.validUntil.getTime()));
  if (expiresAt.getTime() - now.getTime() < 2 * 60_000) return { ok: false as const, reason: "quoteExpired" as const };
  const subject = `环球代购订单 ${order.number}`;
  return openTrade(provider, user, { purpose: "ORDER", orderId, amountFen: order.totalFen, subject, expiresAt }, device, now);
}

type Settled = { outcome: Judgement["outcome"] | "KEPT_IN_WALLET"; detail?: string; tradeId: string; paidOrderId?: string };

/** Applies one report on the trade numbered `outTradeNo`, in one transaction behind the trade's lock. */
async function settle(provider: Alipay, outTradeNo: string, report: TradeReport, now: Date): Promise<Settled | null> {
  const settled = await settleWithin(provider, outTradeNo, report, now);
  if (settled?.paidOrderId) publishOrderChange(settled.paidOrderId);
  return settled;
}

function settleWithin(provider: Alipay, outTradeNo: string, report: TradeReport, now: Date): Promise<Settled | null> {
  return transactionWithRetry(async (tx: Tx) => {
    const found = await tx.paymentTrade.findUnique({ where: { outTradeNo }, select: { id: true } });
    if (!found) return null;
    await lockRow(tx, "PaymentTrade", found.id);
    const trade = await tx.paymentTrade.findUniqueOrThrow({
      where: { id: found.id },
      select: { id: true, userId: true, amountFen: true, status: true, providerTradeNo: true, version: true, orderId: true },
    });
    const status: TradeStatus = storedStatus(trade.status);
    const judgement = judgeTradeReport(report, { appId: provider.appId, sellerId: provider.sellerId }, { ...trade, status });
    if (judgement.act === "credit") {
      // The order before the wallet, as every payment locks them.
      if (trade.orderId) await lockRow(tx, "Order", trade.orderId);
      const moved = await tx.paymentTrade.updateMany({
        where: { id: trade.id, status, version: trade.version },
        data: { status: "PAID", providerTradeNo: report.tradeNo, paidAt: now, version: { increment: 1 } },
      });
      if (moved.count === 1)
        await creditWallet(tx, {
          userId: trade.userId,
          kind: "DEPOSIT",
          amountFen: trade.amountFen,
          tradeId: trade.id,
          reference: outTradeNo,
          note: `支付宝 ${report.tradeNo}`,
        });
      else return { outcome: "DUPLICATE" as const, tradeId: trade.id };
      if (trade.orderId) {
        // The money is the shopper's either way: it pays the order, or (paid meanwhile from the
        // wallet, cancelled) it stays in the wallet, and the notice says so.
        const paid = await payOrderWithin(tx, trade.userId, trade.orderId, now);
        if (paid === "paid") {
          // The order's own payment: refunds may go back through it (payments.server.ts, paymentProvider.refund).
          await tx.paymentTrade.update({ where: { id: trade.id }, data: { refundableFen: trade.amountFen } });
          return { outcome: judgement.outcome, tradeId: trade.id, paidOrderId: trade.orderId };
        }
        return {
          outcome: "KEPT_IN_WALLET" as const,
          detail: "the order was no longer payable: the payment stays in the wallet",
          tradeId: trade.id,
        };
      }
    } else if (judgement.act === "close") {
      await tx.paymentTrade.updateMany({
        where: { id: trade.id, status: "CREATED", version: trade.version },
        data: { status: "CLOSED", version: { increment: 1 } },
      });
    }
    return { outcome: judgement.outcome, detail: judgement.act === "flag" ? judgement.detail : undefined, tradeId: trade.id };
  });
}

/**
 * Alipay's asynchronous notification: verified, judged, applied at most once, recorded whatever it
 * was. The answer is what Alipay expects: "success" stops its retries, anything else asks it to send
 * again (only when the signature failed or we could not judge it, so a real notification comes back).
 */
export async function acceptAlipayNotice(fields: Record<string, string>, now = new Date()): Promise<"success" | "failure"> {
  const provider = alipay();
  if (!provider) return "failure";
  const record = (outcome: string, detail?: string) =>
    db.paymentNotice.create({
      data: {
        provider: PROVIDER,
        outTradeNo: fields.out_trade_no?.slice(0, 64) ?? null,
        providerTradeNo: fields.trade_no?.slice(0, 64) ?? null,
        tradeStatus: fields.trade_status?.slice(0, 32) ?? null,
        amount: fields.total_amount?.slice(0, 16) ?? null,
        outcome,
        detail: detail?.slice(0, 500) ?? null,
        receivedAt: now,
      },
    });
  const parsed = alipayNoticeSchema.safeParse(fields);
  if (!parsed.success) {
    await record("MALFORMED", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
    return "failure";
  }
  if (!provider.verifyNotice(fields)) {
    await record("BAD_SIGNATURE");
    logger.warn({ outTradeNo: parsed.data.out_trade_no }, "alipay notification with a bad signature");
    return "failure";
  }
  const notice = parsed.data;
  const refunded = await acceptRefundNotice(provider, notice, now);
  if (refunded) {
    await record(refunded.outcome, refunded.detail ?? `refund ${fields.out_biz_no} refund_fee ${fields.refund_fee ?? ""}`);
    return "success";
  }
  const settled = await settle(
    provider,
    notice.out_trade_no,
    {
      appId: notice.app_id,
      sellerId: notice.seller_id ?? null,
      currency: notice.trans_currency ?? notice.currency ?? null,
      tradeStatus: notice.trade_status,
      totalAmount: notice.total_amount,
      tradeNo: notice.trade_no,
    },
    now,
  );
  if (!settled) {
    await record("UNKNOWN_TRADE");
    return "success";
  }
  await record(settled.outcome, settled.detail);
  if (settled.outcome === "MISMATCH" || settled.outcome === "MALFORMED")
    logger.warn({ outTradeNo: notice.out_trade_no, detail: settled.detail }, "alipay notification flagged");
  return "success";
}

/** Asks Alipay how an unpaid trade stands and applies the answer; for the return page and the job. */
async function queryAndSettle(provider: Alipay, trade: { id: string; outTradeNo: string }, now: Date) {
  await db.paymentTrade.update({ where: { id: trade.id }, data: { checkedAt: now } });
  const answer = await provider.queryTrade(trade.outTradeNo);
  if (!answer.ok) {
    logger.warn({ outTradeNo: trade.outTradeNo, code: answer.code, message: answer.message }, "alipay trade query failed");
    return null;
  }
  if (!answer.found) return null;
  return settle(
    provider,
    trade.outTradeNo,
    { sellerId: answer.sellerId, tradeStatus: answer.tradeStatus, totalAmount: answer.totalAmount, tradeNo: answer.tradeNo },
    now,
  );
}

/**
 * The shopper's trade for the page Alipay sends them back to. Until Alipay has said the trade is paid
 * it is "checking": while it is open, this asks Alipay (at most every few seconds) instead of waiting
 * only for the notification.
 */
export async function getPaymentTrade(user: { id: string }, tradeId: string, now = new Date()) {
  const select = {
    id: true,
    outTradeNo: true,
    purpose: true,
    orderId: true,
    amountFen: true,
    status: true,
    expiresAt: true,
    paidAt: true,
    checkedAt: true,
    createdAt: true,
  };
  const trade = await db.paymentTrade.findFirst({ where: { id: tradeId, userId: user.id }, select });
  if (!trade) return null;
  const provider = alipay();
  const due = !trade.checkedAt || now.getTime() - trade.checkedAt.getTime() >= QUERY_EVERY_MS;
  if (provider && trade.status === "CREATED" && due) {
    await queryAndSettle(provider, trade, now);
    const fresh = await db.paymentTrade.findFirstOrThrow({ where: { id: tradeId, userId: user.id }, select });
    return { ...fresh, status: storedStatus(fresh.status) };
  }
  return { ...trade, status: storedStatus(trade.status) };
}

/**
 * The job for notifications that never came: every open trade not checked in the last minute is
 * queried; one still unpaid a few minutes after its expiry is closed (Alipay has closed it too).
 */
export async function checkOpenTrades(now = new Date(), onProgress?: (done: number, total: number) => void) {
  const provider = alipay();
  if (!provider) return { checked: 0, paid: 0, closed: 0 };
  const open = await db.paymentTrade.findMany({
    where: {
      status: "CREATED",
      createdAt: { lte: new Date(now.getTime() - 60_000) },
      OR: [{ checkedAt: null }, { checkedAt: { lte: new Date(now.getTime() - 60_000) } }],
    },
    select: { id: true, outTradeNo: true, expiresAt: true, version: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  let paid = 0;
  let closed = 0;
  for (const [index, trade] of open.entries()) {
    const settled = await queryAndSettle(provider, trade, now);
    if (settled?.outcome === "CREDITED" || settled?.outcome === "LATE_CREDITED") paid += 1;
    else if (settled?.outcome === "CLOSED") closed += 1;
    else if (!settled || settled.outcome === "WAITING") {
      if (trade.expiresAt.getTime() + 5 * 60_000 <= now.getTime()) {
        const moved = await db.paymentTrade.updateMany({
          where: { id: trade.id, status: "CREATED" },
          data: { status: "CLOSED", version: { increment: 1 } },
        });
        closed += moved.count;
      }
    }
    onProgress?.(index + 1, open.length);
  }
  return { checked: open.length, paid, closed };
}
