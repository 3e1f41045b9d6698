import { fromJsonColumn } from "~/domain/stored";
import { fromFen, quoteResultSchema, toFen, type QuoteContext, type QuoteRequest } from "~/domain/landed-cost";
import { dutiableFen } from "~/domain/orders";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Tx } from "~/utils/db.server";
import { notifyAboutOrder, recordEvent } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { paymentProvider } from "./payments.server";
import { getAnnualCbecUsedCny, quoteDocument } from "./quote.server";

// Paying an order placed unpaid (or paid at checkout): the order turns PAID and the wallet is
// charged its quote's total in one transaction, or neither happens.

export type PayOutcome = { ok: true } | { ok: false; reason: "notFound" | "notPayable" | "insufficientFunds" | "quoteExpired" };

export class InsufficientFunds extends Error {}

export async function payOrder(user: Pick<SessionUser, "id">, orderId: string, now = new Date()): Promise<PayOutcome> {
  const order = await db.order.findFirst({ where: { id: orderId, userId: user.id }, select: { status: true, quoteId: true } });
  if (!order) return { ok: false, reason: "notFound" };
  if (order.status !== "PENDING_PAYMENT") return { ok: false, reason: "notPayable" };
  const quote = await db.quote.findUnique({ where: { id: order.quoteId }, select: { validUntil: true } });
  if (!quote || quote.validUntil <= now) return { ok: false, reason: "quoteExpired" };
  let paid: "paid" | "notPayable";
  try {
    paid = await db.$transaction((tx) => payOrderWithin(tx, user.id, orderId, now));
  } catch (error) {
    if (error instanceof InsufficientFunds) return { ok: false, reason: "insufficientFunds" };
    throw error;
  }
  if (paid !== "paid") return { ok: false, reason: paid };
  publishOrderChange(orderId);
  return { ok: true };
}

/**
 * Pays the shopper's unpaid order from their wallet inside `tx`: PAID with its timeline event and
 * notice, or "notPayable" with nothing written (it was paid, cancelled or moved meanwhile). Too little
 * in the wallet throws InsufficientFunds, rolling the transaction back. Callers publish the change
 * after the commit. Used by the pay button and by a provider's payment of the order (payment-trades.server.ts).
 */
export async function payOrderWithin(tx: Tx, userId: string, orderId: string, now: Date): Promise<"paid" | "notPayable"> {
  const order = await tx.order.findFirst({
    where: { id: orderId, userId },
    select: { id: true, number: true, status: true, version: true, totalFen: true, user: { select: { email: true } } },
  });
  if (!order || order.status !== "PENDING_PAYMENT") return "notPayable";
  const moved = await tx.order.updateMany({
    where: { id: order.id, status: "PENDING_PAYMENT", version: order.version },
    data: { status: "PAID", paidFen: order.totalFen, paidAt: now, version: { increment: 1 } },
  });
  if (moved.count === 0) return "notPayable";
  const charged = await paymentProvider.charge(tx, { userId, amountFen: order.totalFen, orderId: order.id });
  if (!charged.ok) throw new InsufficientFunds();
  await recordEvent(
    tx,
    {
      orderId: order.id,
      kind: "STATUS",
      actorId: null,
      actorRole: "SYSTEM",
      fromStatus: "PENDING_PAYMENT",
      toStatus: "PAID",
      messageKey: "paid",
      params: { amount: fromFen(order.totalFen), provider: paymentProvider.id },
    },
    now,
  );
  await notifyAboutOrder(tx, { userId, email: order.user.email }, order, "ORDER_PAID", { amount: fromFen(order.totalFen) });
  return "paid";
}

/**
 * An unpaid order whose quote expired: the same request on today's rates and fees, stored as a new
 * quote. Nothing changes on the order until the shopper confirms the new total (confirmNewQuote).
 */
export async function requoteOrder(user: Pick<SessionUser, "id">, orderId: string, now = new Date()) {
  const order = await db.order.findFirst({
    where: { id: orderId, userId: user.id, status: "PENDING_PAYMENT" },
    select: { quoteId: true, shippingLineCode: true, dutiableFen: true },
  });
  if (!order) return { ok: false as const, reason: "notPayable" as const };
  const stored = await db.quote.findUniqueOrThrow({ where: { id: order.quoteId }, select: { request: true } });
  // Today's allowance, less the share this unpaid order itself holds in it.
  const used = Math.max(0, toFen(await getAnnualCbecUsedCny(user.id, now)) - order.dutiableFen);
  const request: QuoteRequest = { ...(JSON.parse(stored.request) as QuoteRequest), annualCbecUsedCny: fromFen(used) };
  const outcome = await quoteDocument(
    { request, context: { shippingLine: order.shippingLineCode } },
    { userId: user.id, store: true, now },
  );
  if (!outcome.ok) return { ok: false as const, reason: "quoteFailed" as const, error: outcome.error };
  return { ok: true as const, quoteId: outcome.quoteId ?? "", total: outcome.quote.total, validUntil: outcome.quote.validUntil };
}

/** The shopper confirmed the new total: the order takes the new quote, then is paid. */
export async function confirmNewQuote(
  user: Pick<SessionUser, "id">,
  orderId: string,
  quoteId: string,
  now = new Date(),
): Promise<PayOutcome> {
  const [order, quote] = await Promise.all([
    db.order.findFirst({
      where: { id: orderId, userId: user.id },
      select: { id: true, status: true, version: true, shippingLineCode: true, totalFen: true },
    }),
    db.quote.findFirst({
      where: { id: quoteId, userId: user.id },
      select: { id: true, context: true, result: true, totalFen: true, validUntil: true },
    }),
  ]);
  if (!order) return { ok: false, reason: "notFound" };
  if (order.status !== "PENDING_PAYMENT") return { ok: false, reason: "notPayable" };
  if (!quote || quote.validUntil <= now || (JSON.parse(quote.context) as QuoteContext).shippingLine.code !== order.shippingLineCode)
    return { ok: false, reason: "quoteExpired" };
  // The quote API stores any document a shopper sends, prices and rates included: the order takes the
  // server's own quote of its request, and only when that is the total the shopper confirmed.
  const fresh = await requoteOrder(user, order.id, now);
  if (!fresh.ok || toFen(fresh.total) !== quote.totalFen) return { ok: false, reason: "quoteExpired" };
  const adopted = await db.quote.findUniqueOrThrow({ where: { id: fresh.quoteId }, select: { id: true, result: true, totalFen: true } });
  const moved = await db.$transaction(async (tx) => {
    const updated = await tx.order.updateMany({
      where: { id: order.id, status: "PENDING_PAYMENT", version: order.version },
      data: {
        quoteId: adopted.id,
        totalFen: adopted.totalFen,
        dutiableFen: dutiableFen(fromJsonColumn(quoteResultSchema, "Quote.result", adopted.result)),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) return false;
    await recordEvent(
      tx,
      {
        orderId: order.id,
        kind: "MONEY",
        actorId: user.id,
        actorRole: "SHOPPER",
        messageKey: "requoted",
        params: { before: fromFen(order.totalFen), total: fromFen(adopted.totalFen) },
      },
      now,
    );
    return true;
  });
  if (!moved) return { ok: false, reason: "notPayable" };
  return payOrder(user, order.id, now);
}
