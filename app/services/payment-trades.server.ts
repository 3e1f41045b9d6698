import crypto from "node:crypto";
import { isIP } from "node:net";
import { chinaDayStamp } from "~/domain/china-time";
import {
  alipayAmount,
  judgeTradeReport,
  TRADE_STATUSES,
  type Judgement,
  type TradeReport,
  type TradeStatus,
} from "~/domain/payments/alipay-notice";
import { fromColumn } from "~/domain/stored";
import { db, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { publishOrderChange } from "./order-feed.server";
import { payOrderWithin } from "./order-payment.server";
import { creditWallet } from "./payments.server";
import { configuredProviders, tradeProvider, type ProviderId, type TradeProvider } from "./trade-providers.server";
import { z } from "zod";

// Wallet top-ups and order payments through Alipay and WeChat Pay (each a TradeProvider,
// trade-providers.server.ts). The shopper is sent to the provider's cashier with a trade of ours; the
// money is in only when the provider says so — its signed asynchronous notification, or our signed query of
// the trade when the notification is late — and it is credited once: the trade moves CREATED → PAID
// in a conditional update behind its row lock, and the ledger entry is unique per trade. An order's
// payment goes through the wallet's ledger too (in, then out to the order, in one transaction).

/** A shopper has at most this many unpaid trades open at once. */
const MAX_OPEN_TRADES = 5;
/** The return page asks the provider about a trade no more often than this. */
const QUERY_EVERY_MS = 5_000;

const storedStatus = (value: string) => fromColumn(z.enum(TRADE_STATUSES), "PaymentTrade.status", value);

export type StartOutcome =
  | { ok: true; tradeId: string; cashierUrl: string }
  | { ok: false; reason: "unavailable" | "tooManyOpen" | "notPayable" | "quoteExpired" | "notFound" };

type TradeRequest = { purpose: "TOPUP" | "ORDER"; orderId?: string; amountFen: number; subject: string; expiresAt: Date };
/** How the shopper pays: the provider, their device (a phone or not) and their address (WeChat's H5 asks for it). */
export type Payer = { provider: ProviderId; device: "wap" | "page"; clientIp?: string };

/**
 * Opens a trade and returns the link to send the shopper to: the provider's cashier, or (WeChat Pay
 * on a desktop) our own /payments/:id showing the QR code. A trade the provider would not open is
 * closed at once.
 */
async function openTrade(
  provider: TradeProvider,
  user: { id: string },
  request: TradeRequest,
  payer: Payer,
  now: Date,
): Promise<StartOutcome> {
  const open = await db.paymentTrade.count({ where: { userId: user.id, status: "CREATED", expiresAt: { gt: now } } });
  if (open >= MAX_OPEN_TRADES) return { ok: false, reason: "tooManyOpen" };
  const trade = await db.paymentTrade.create({
    data: {
      provider: provider.id,
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
  const opened = await provider.open({
    outTradeNo: trade.outTradeNo,
    amountFen: request.amountFen,
    subject: request.subject,
    device: payer.device,
    returnUrl: new URL(`/payments/${trade.id}`, getEnv().APP_ORIGIN).toString(),
    expiresAt: request.expiresAt,
    // WeChat's H5 order wants the payer's address; the socket's, as our server recorded it.
    clientIp: payerAddress(payer.clientIp),
  });
  if (!opened.ok) {
    logger.warn({ outTradeNo: trade.outTradeNo, provider: provider.id, message: opened.message }, "payment trade not opened");
    await db.paymentTrade.updateMany({ where: { id: trade.id, status: "CREATED" }, data: { status: "CLOSED", version: { increment: 1 } } });
    return { ok: false, reason: "unavailable" };
  }
  if (opened.codeUrl) await db.paymentTrade.update({ where: { id: trade.id }, data: { codeUrl: opened.codeUrl } });
  return { ok: true, tradeId: trade.id, cashierUrl: opened.cashierUrl };
}

/** The payer's IP address as a provider takes it: an IPv4-mapped address as IPv4, no address as loopback. */
function payerAddress(raw: string | undefined) {
  const address = raw?.startsWith("::ffff:") && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
  return address && isIP(address) ? address : "127.0.0.1";
}

const tradeWindow = (now: Date) => new Date(now.getTime() + getEnv().ALIPAY_TRADE_MINUTES * 60_000);

/** A wallet top-up through a payment provider (Alipay, WeChat Pay). */
export async function startTopUp(user: { id: string }, amountFen: number, payer: Payer, now = new Date()): Promise<StartOutcome> {
  const provider = tradeProvider(payer.provider);
  if (!provider) return { ok: false, reason: "unavailable" };
  const subject = `环球代购钱包充值 ${alipayAmount(amountFen)} 元`;
  return openTrade(provider, user, { purpose: "TOPUP", amountFen, subject, expiresAt: tradeWindow(now) }, payer, now);
}

/** Paying an unpaid order through a provider: its quote's total, and the trade closes when the quote does. */
export async function startOrderPayment(user: { id: string }, orderId: string, payer: Payer, now = new Date()): Promise<StartOutcome> {
  const provider = tradeProvider(payer.provider);
  if (!provider) return { ok: false, reason: "unavailable" };
  const order = await db.order.findFirst({
    where: { id: orderId, userId: user.id },
    select: { number: true, status: true, totalFen: true, quoteId: true },
  });
  if (!order) return { ok: false, reason: "notFound" };
  if (order.status !== "PENDING_PAYMENT") return { ok: false, reason: "notPayable" };
  const quote = await db.quote.findUnique({ where: { id: order.quoteId }, select: { validUntil: true } });
  if (!quote) return { ok: false, reason: "quoteExpired" };
  // The provider refuses a payment after time_expire, so a trade that ends with the quote is paid within it.
  const expiresAt = new Date(Math.min(tradeWindow(now).getTime(), quote.validUntil.getTime()));
  if (expiresAt.getTime() - now.getTime() < 2 * 60_000) return { ok: false, reason: "quoteExpired" };
  const subject = `环球代购订单 ${order.number}`;
  return openTrade(provider, user, { purpose: "ORDER", orderId, amountFen: order.totalFen, subject, expiresAt }, payer, now);
}

type Settled = { outcome: Judgement["outcome"] | "KEPT_IN_WALLET"; detail?: string; tradeId: string; paidOrderId?: string };

type Judge = Pick<TradeProvider, "id" | "label" | "expected">;

/** Applies one report on the trade numbered `outTradeNo`, in one transaction behind the trade's lock. */
export async function settle(provider: Judge, outTradeNo: string, report: TradeReport, now: Date): Promise<Settled | null> {
  const settled = await settleWithin(provider, outTradeNo, report, now);
  if (settled?.paidOrderId) publishOrderChange(settled.paidOrderId);
  return settled;
}

function settleWithin(provider: Judge, outTradeNo: string, report: TradeReport, now: Date): Promise<Settled | null> {
  return transactionWithRetry(async (tx: Tx) => {
    const found = await tx.paymentTrade.findUnique({ where: { outTradeNo }, select: { id: true } });
    if (!found) return null;
    await lockRow(tx, "PaymentTrade", found.id);
    const trade = await tx.paymentTrade.findUniqueOrThrow({
      where: { id: found.id },
      select: {
        id: true,
        provider: true,
        userId: true,
        amountFen: true,
        status: true,
        providerTradeNo: true,
        version: true,
        orderId: true,
      },
    });
    if (trade.provider !== provider.id)
      return { outcome: "MISMATCH" as const, detail: `the trade is paid through ${trade.provider}, not ${provider.id}`, tradeId: trade.id };
    const status: TradeStatus = storedStatus(trade.status);
    const judgement = judgeTradeReport(report, provider.expected, { ...trade, status });
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
          note: `${provider.label} ${report.tradeNo}`,
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

/** Asks the trade's provider how an unpaid trade stands and applies the answer; for the return page and the job. */
async function queryAndSettle(provider: TradeProvider, trade: { id: string; outTradeNo: string; amountFen: number }, now: Date) {
  await db.paymentTrade.update({ where: { id: trade.id }, data: { checkedAt: now } });
  const answer = await provider.query(trade);
  if (!answer.ok) {
    logger.warn({ outTradeNo: trade.outTradeNo, provider: provider.id, code: answer.code, message: answer.message }, "trade query failed");
    return null;
  }
  if (!answer.report) return null;
  return settle(provider, trade.outTradeNo, answer.report, now);
}

/**
 * The shopper's trade for the page the provider sends them back to (and where a desktop sees WeChat
 * Pay's QR code). Until the provider has said the trade is paid it is "checking": while it is open,
 * this asks the provider (at most every few seconds) instead of waiting only for the notification.
 */
export async function getPaymentTrade(user: { id: string }, tradeId: string, now = new Date()) {
  const select = {
    id: true,
    provider: true,
    outTradeNo: true,
    purpose: true,
    orderId: true,
    amountFen: true,
    status: true,
    codeUrl: true,
    expiresAt: true,
    paidAt: true,
    checkedAt: true,
    createdAt: true,
  };
  const trade = await db.paymentTrade.findFirst({ where: { id: tradeId, userId: user.id }, select });
  if (!trade) return null;
  const provider = tradeProvider(trade.provider);
  const due = !trade.checkedAt || now.getTime() - trade.checkedAt.getTime() >= QUERY_EVERY_MS;
  if (provider && trade.status === "CREATED" && due) {
    await queryAndSettle(provider, trade, now);
    const fresh = await db.paymentTrade.findFirstOrThrow({ where: { id: tradeId, userId: user.id }, select });
    return { ...fresh, status: storedStatus(fresh.status) };
  }
  return { ...trade, status: storedStatus(trade.status) };
}

/**
 * The job for notifications that never came: every open trade of a configured provider not checked
 * in the last minute is queried; one still unpaid a few minutes after its expiry is closed (the
 * provider has closed it too).
 */
export async function checkOpenTrades(now = new Date(), onProgress?: (done: number, total: number) => void) {
  const providers = new Map(configuredProviders().map((provider) => [provider.id as string, provider]));
  if (providers.size === 0) return { checked: 0, paid: 0, closed: 0 };
  const open = await db.paymentTrade.findMany({
    where: {
      status: "CREATED",
      provider: { in: [...providers.keys()] },
      createdAt: { lte: new Date(now.getTime() - 60_000) },
      OR: [{ checkedAt: null }, { checkedAt: { lte: new Date(now.getTime() - 60_000) } }],
    },
    select: { id: true, provider: true, outTradeNo: true, amountFen: true, expiresAt: true, version: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  let paid = 0;
  let closed = 0;
  for (const [index, trade] of open.entries()) {
    const provider = providers.get(trade.provider);
    const settled = provider ? await queryAndSettle(provider, trade, now) : null;
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
