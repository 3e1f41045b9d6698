import crypto from "node:crypto";
import { calculateLandedCost, fromFen, toFen, type QuoteContext, type QuoteRequest, type QuoteResult } from "~/domain/landed-cost";
import {
  actualCostRequest,
  checkTransition,
  decideCostDifference,
  dutiableFen,
  type AcceptQuotePayload,
  type Actor,
  type ActualData,
  type AtWarehousePayload,
  type ExceptionPayload,
  type OrderStatus,
  type PurchasedPayload,
  type ShippedPayload,
  type TransitionErrorCode,
} from "~/domain/orders";
import { db, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { withCustomsRules } from "./customs-rules.server";
import { notifyAboutOrder, recordEvent, type EventInput } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { visibleOrders } from "./orders.server";
import { paymentProvider } from "./payments.server";

// Moving an order along the state machine (app/domain/orders/status-machine.ts decides whether a
// move is allowed). A move is one transaction: the order row (only if its version is the one the
// actor saw), the timeline events, the money, the shopper's notification.

export type TransitionActor = { id: string | null; role: Actor };

export type TransitionOutcome =
  | { ok: true; status: OrderStatus }
  | {
      ok: false;
      code: TransitionErrorCode | "NOT_FOUND" | "CONFLICT" | "INSUFFICIENT_FUNDS" | "NO_NEW_QUOTE";
      message: string;
      fieldErrors?: Record<string, string[]>;
    };

const fail = (code: Exclude<TransitionOutcome, { ok: true }>["code"], message: string): TransitionOutcome => ({ ok: false, code, message });

class Rollback extends Error {
  constructor(readonly outcome: TransitionOutcome) {
    super(outcome.ok ? "ok" : outcome.code);
  }
}

const orderSelect = {
  id: true,
  number: true,
  userId: true,
  agentId: true,
  status: true,
  previousStatus: true,
  version: true,
  quoteId: true,
  totalFen: true,
  paidFen: true,
  absorbedFen: true,
  actualCost: true,
  exceptionQuoteId: true,
  exceptionExtraFen: true,
  user: { select: { email: true } },
} as const;

type OrderRow = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

function loadOrder(actor: TransitionActor, orderId: string) {
  const scope = actor.role === "SYSTEM" || !actor.id ? {} : visibleOrders({ id: actor.id, role: actor.role });
  return db.order.findFirst({ where: { AND: [{ id: orderId }, scope] }, select: orderSelect });
}

export type TransitionInput = { to: OrderStatus; version: number; payload?: unknown };

export async function transitionOrder(actor: TransitionActor, orderId: string, input: TransitionInput, now = new Date()): Promise<TransitionOutcome> {
  const order = await loadOrder(actor, orderId);
  if (!order) return fail("NOT_FOUND", "orders:errors.notFound");
  // Someone saved the order since this actor loaded it: they must see that change first.
  if (order.version !== input.version) return fail("CONFLICT", "orders:errors.conflict");
  const from = order.status as OrderStatus;
  const check = checkTransition({
    from,
    to: input.to,
    role: actor.role,
    isOwner: actor.id === order.userId,
    isAssignedAgent: actor.id !== null && actor.id === order.agentId,
    isUnclaimed: order.agentId === null,
    previousStatus: order.previousStatus as OrderStatus | null,
    payload: input.payload,
  });
  if (!check.ok) return { ok: false, code: check.code, message: check.message, ...(check.fieldErrors ? { fieldErrors: check.fieldErrors } : {}) };
  // Paying is the payment provider's move (order-payment.server.ts): it charges and moves together.
  if (input.to === "PAID") return fail("NOT_ALLOWED", "orders:errors.transitionNotAllowed");
  if (from === "EXCEPTION" && actor.role === "SHOPPER" && input.to !== "CANCELLED" && !order.exceptionQuoteId) return fail("NO_NEW_QUOTE", "orders:errors.noNewQuote");

  let finalStatus: OrderStatus = input.to;
  try {
    await db.$transaction(async (tx) => {
      finalStatus = await applyMove(tx, actor, order, from, input.to, check.payload, now);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
  publishOrderChange(order.id);
  return { ok: true, status: finalStatus };
}

type OrderUpdate = Parameters<Tx["order"]["updateMany"]>[0]["data"];

async function applyMove(tx: Tx, actor: TransitionActor, order: OrderRow, from: OrderStatus, to: OrderStatus, payload: unknown, now: Date): Promise<OrderStatus> {
  const data: OrderUpdate = { status: to, version: { increment: 1 } };
  const event: EventInput = { orderId: order.id, kind: "STATUS", actorId: actor.id, actorRole: actor.role, fromStatus: from, toStatus: to, note: (payload as { note?: string }).note || null };
  const after: EventInput[] = [];
  let finalStatus = to;
  let paidFen = order.paidFen;
  let refundFen = 0;

  // The way back from EXCEPTION (accepting the new quote, an admin resolving) is the default branch,
  // whichever status it returns to: never the first-time PURCHASED or AT_WAREHOUSE step.
  switch (from === "EXCEPTION" && to !== "CANCELLED" ? null : to) {
    case "PURCHASING":
      if (actor.role === "AGENT" && order.agentId === null) data.agentId = actor.id;
      break;
    case "PURCHASED": {
      const { foreignOrderNumber, actualCost } = payload as PurchasedPayload;
      Object.assign(data, { foreignOrderNumber, actualCost });
      event.params = { foreignOrderNumber, actualCost };
      const cost = await checkCost(tx, order, { actualCost }, to, now);
      Object.assign(data, cost.data);
      after.push(...cost.events);
      refundFen = cost.refundFen;
      finalStatus = cost.status;
      break;
    }
    case "AT_WAREHOUSE": {
      const { weightGrams, dimensionsCm, photos } = payload as AtWarehousePayload;
      Object.assign(data, { weightGrams, dimensionsCm: JSON.stringify(dimensionsCm) });
      event.params = { weightGrams, dimensions: dimensionsCm.join(" × ") };
      event.attachments = photos;
      const cost = await checkCost(tx, order, { actualCost: order.actualCost, parcel: { weightGrams, dimensionsCm } }, to, now);
      Object.assign(data, cost.data);
      after.push(...cost.events);
      refundFen = cost.refundFen;
      finalStatus = cost.status;
      break;
    }
    case "SHIPPED": {
      const { carrier, trackingNumber } = payload as ShippedPayload;
      Object.assign(data, { carrier, trackingNumber });
      event.params = { carrier, trackingNumber };
      break;
    }
    case "DELIVERED":
      data.deliveredAt = now;
      break;
    case "CANCELLED":
      // Before the goods are bought, or the shopper's choice in EXCEPTION: everything paid goes back.
      refundFen = order.paidFen;
      Object.assign(data, { previousStatus: null, exceptionQuoteId: null, exceptionExtraFen: null });
      break;
    case "EXCEPTION": {
      const { reason } = payload as ExceptionPayload;
      Object.assign(data, { previousStatus: from, exceptionQuoteId: null, exceptionExtraFen: null });
      event.params = { reason };
      break;
    }
    default:
      if (from === "EXCEPTION") {
        Object.assign(data, { previousStatus: null, exceptionQuoteId: null, exceptionExtraFen: null });
        if (actor.role === "SHOPPER") {
          const accepted = await acceptNewQuote(tx, order, payload as AcceptQuotePayload);
          Object.assign(data, accepted.data);
          paidFen = accepted.paidFen;
          event.params = { amount: fromFen(accepted.extraFen) };
          event.messageKey = "acceptedQuote";
        } else {
          // An admin resolving a price exception: the platform pays the difference itself.
          if (order.exceptionExtraFen) data.absorbedFen = order.absorbedFen + order.exceptionExtraFen;
          event.messageKey = "resolved";
        }
      }
  }

  if (refundFen > 0) {
    await paymentProvider.refund(tx, { userId: order.userId, amountFen: refundFen, orderId: order.id, note: to === "CANCELLED" ? "cancelled" : "cost-difference", createdById: actor.id });
    paidFen -= refundFen;
    after.push({ orderId: order.id, kind: "MONEY", actorId: null, actorRole: "SYSTEM", messageKey: to === "CANCELLED" ? "refundedFull" : "refundedDifference", params: { amount: fromFen(refundFen) } });
  }
  data.paidFen = paidFen;
  if (finalStatus !== to) data.status = finalStatus;

  const moved = await tx.order.updateMany({ where: { id: order.id, version: order.version }, data });
  if (moved.count === 0) throw new Rollback(fail("CONFLICT", "orders:errors.conflict"));

  await recordEvent(tx, event, now);
  let at = now.getTime();
  for (const extra of after) await recordEvent(tx, extra, new Date((at += 1)));
  await notifyAboutOrder(tx, { userId: order.userId, email: order.user.email }, order, `ORDER_${finalStatus}`, { amount: refundFen > 0 ? fromFen(refundFen) : null });
  return finalStatus;
}

function absorbLimitFen() {
  return toFen(getEnv().ORDER_ABSORB_LIMIT_CNY);
}

async function storedQuote(tx: Tx, quoteId: string) {
  const row = await tx.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { request: true, context: true, result: true } });
  return { request: JSON.parse(row.request) as QuoteRequest, context: await withCustomsRules(JSON.parse(row.context), tx), result: JSON.parse(row.result) as QuoteResult };
}

/**
 * The order's cost re-run with what the agent recorded, on the quote's own context, against what the
 * shopper has paid: cheaper → the difference back to the wallet; dearer within the limit → the
 * platform absorbs it; beyond → EXCEPTION with a new quote for the shopper to accept or refuse.
 */
async function checkCost(tx: Tx, order: OrderRow, actual: ActualData, reached: OrderStatus, now: Date) {
  const quote = await storedQuote(tx, order.quoteId);
  const request = actualCostRequest(quote.request, actual);
  const outcome = calculateLandedCost(request, quote.context);
  const data: OrderUpdate = {};
  const events: EventInput[] = [];
  if (!outcome.ok) {
    // The actual goods no longer fit the line's customs limits: nothing to accept, only to refund or resolve.
    Object.assign(data, { previousStatus: reached, exceptionQuoteId: null, exceptionExtraFen: null });
    events.push({ orderId: order.id, kind: "STATUS", actorId: null, actorRole: "SYSTEM", fromStatus: reached, toStatus: "EXCEPTION", messageKey: "costOverLimit", params: { reason: outcome.error.code } });
    return { data, events, refundFen: 0, status: "EXCEPTION" as OrderStatus };
  }
  const actualFen = toFen(outcome.quote.total);
  const decision = decideCostDifference({ quotedFen: order.paidFen, actualFen, absorbLimitFen: absorbLimitFen() });
  if (decision.kind === "REFUND_DIFFERENCE") {
    // The order now costs what it really cost: its quote becomes the recomputed one, so everything
    // priced from "the order's quote" later (a return's refund) starts from what was paid.
    const settledQuoteId = await storeQuoteRow(tx, order.userId, request, quote.context, outcome.quote, now, now);
    Object.assign(data, { quoteId: settledQuoteId, totalFen: actualFen, dutiableFen: dutiableFen(outcome.quote) });
    return { data, events, refundFen: decision.refundFen, status: reached };
  }
  if (decision.kind === "ABSORB") {
    if (decision.absorbedFen > 0) {
      data.absorbedFen = decision.absorbedFen;
      events.push({ orderId: order.id, kind: "MONEY", actorId: null, actorRole: "SYSTEM", messageKey: "absorbed", params: { amount: fromFen(decision.absorbedFen) } });
    }
    return { data, events, refundFen: 0, status: reached };
  }
  // Computed on the order's own rates: the offer stands until the shopper decides.
  const exceptionQuoteId = await storeQuoteRow(tx, order.userId, request, quote.context, outcome.quote, new Date(now.getTime() + 30 * 86_400_000), now);
  Object.assign(data, { previousStatus: reached, exceptionQuoteId, exceptionExtraFen: decision.extraFen });
  events.push({ orderId: order.id, kind: "STATUS", actorId: null, actorRole: "SYSTEM", fromStatus: reached, toStatus: "EXCEPTION", messageKey: "priceRose", params: { reason: "PRICE_ROSE", amount: fromFen(decision.extraFen), total: fromFen(actualFen) } });
  return { data, events, refundFen: 0, status: "EXCEPTION" as OrderStatus };
}

async function storeQuoteRow(tx: Tx, userId: string, request: QuoteRequest, context: QuoteContext, result: QuoteResult, validUntil: Date, now: Date) {
  const id = crypto.randomUUID();
  await tx.quote.create({ data: { id, userId, request: JSON.stringify(request), context: JSON.stringify(context), result: JSON.stringify(result), totalFen: toFen(result.total), validUntil, createdAt: now } });
  return id;
}

/** The shopper takes the new quote: the difference (and only it) is charged; the order carries the new quote. */
async function acceptNewQuote(tx: Tx, order: OrderRow, payload: AcceptQuotePayload) {
  if (!order.exceptionQuoteId || payload.acceptedQuoteId !== order.exceptionQuoteId) throw new Rollback(fail("NO_NEW_QUOTE", "orders:errors.noNewQuote"));
  const quote = await tx.quote.findUniqueOrThrow({ where: { id: order.exceptionQuoteId }, select: { totalFen: true, result: true } });
  const extraFen = order.exceptionExtraFen ?? 0;
  if (extraFen > 0) {
    const charged = await paymentProvider.charge(tx, { userId: order.userId, amountFen: extraFen, orderId: order.id, note: "accepted-new-quote" });
    if (!charged.ok) throw new Rollback(fail("INSUFFICIENT_FUNDS", "orders:errors.insufficientFunds"));
  }
  return {
    data: { quoteId: order.exceptionQuoteId, totalFen: quote.totalFen, dutiableFen: dutiableFen(JSON.parse(quote.result) as QuoteResult) },
    paidFen: order.paidFen + extraFen,
    extraFen,
  };
}

/** For the EXCEPTION page: the old and the new quote side by side. */
export async function exceptionQuotes(order: { quoteId: string; exceptionQuoteId: string | null }) {
  if (!order.exceptionQuoteId) return null;
  const [current, offered] = await Promise.all([
    db.quote.findUnique({ where: { id: order.quoteId }, select: { result: true } }),
    db.quote.findUnique({ where: { id: order.exceptionQuoteId }, select: { result: true } }),
  ]);
  if (!current || !offered) return null;
  return { current: JSON.parse(current.result) as QuoteResult, offered: JSON.parse(offered.result) as QuoteResult };
}
