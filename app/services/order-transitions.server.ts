import { fromColumn, fromJsonColumn } from "~/domain/stored";
import { fromFen, quoteResultSchema } from "~/domain/landed-cost";
import {
  checkTransition,
  orderStatusSchema,
  dutiableFen,
  parsePriceCheck,
  priceCheckPassed,
  purchaseNeedsEvidence,
  type AcceptQuotePayload,
  type AtWarehousePayload,
  type OrderStatus,
  type PurchasedPayload,
  type ShippedPayload,
  type TransitionErrorCode,
} from "~/domain/orders";
import { db, type Tx } from "~/utils/db.server";
import { notifyAboutOrder, recordEvent, type EventInput } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { storedQuote } from "./order-quotes.server";
import { settleAfterPurchase } from "./order-settlement.server";
import { visibleOrders } from "./orders.server";
import { paymentProvider, refundedToParams } from "./payments.server";
import {
  actorScope,
  atVersion,
  lockAtVersion,
  moveFailure,
  requireMoved,
  Rollback,
  runMove,
  type MoveActor,
  type MoveFailure,
} from "./state-moves.server";

// Moving an order along the state machine (app/domain/orders/status-machine.ts decides whether a
// move is allowed). A move is one transaction: the order row (only if its version is the one the
// actor saw), the timeline events, the money, the shopper's notification (its scaffolding, shared
// with a return's moves, is state-moves.server.ts). The price check before
// buying is order-price-check.server.ts; what a cheaper or dearer purchase means, order-settlement.
// Stored quotes are re-run on their own context in order-quotes.server.ts (storedQuote).

export type TransitionActor = MoveActor;

export type TransitionFailureCode = TransitionErrorCode | "NOT_FOUND" | "CONFLICT" | "INSUFFICIENT_FUNDS" | "NO_NEW_QUOTE";
export type TransitionOutcome = { ok: true; status: OrderStatus } | MoveFailure<TransitionFailureCode>;

const fail = moveFailure<TransitionFailureCode>;

export const orderMoveSelect = {
  id: true,
  number: true,
  userId: true,
  agentId: true,
  status: true,
  version: true,
  quoteId: true,
  storeName: true,
  totalFen: true,
  paidFen: true,
  actualCost: true,
  priceCheck: true,
  refundState: true,
  user: { select: { email: true } },
  agent: { select: { email: true } },
} as const;

type OrderRow = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

export function loadOrder(actor: TransitionActor, orderId: string) {
  return db.order.findFirst({ where: { AND: [{ id: orderId }, actorScope(actor, visibleOrders)] }, select: orderMoveSelect });
}

export type TransitionInput = { to: OrderStatus; version: number; payload?: unknown };

export async function transitionOrder(
  actor: TransitionActor,
  orderId: string,
  input: TransitionInput,
  now = new Date(),
): Promise<TransitionOutcome> {
  const loaded = atVersion("orders", await loadOrder(actor, orderId), input.version);
  if (!loaded.ok) return loaded;
  const order = loaded.row;
  const from = fromColumn(orderStatusSchema, "Order.status", order.status);
  const check = checkTransition({
    from,
    to: input.to,
    role: actor.role,
    isOwner: actor.id === order.userId,
    isAssignedAgent: actor.id !== null && actor.id === order.agentId,
    isUnclaimed: order.agentId === null,
    priceCheckPassed: priceCheckPassed(parsePriceCheck(order.priceCheck)),
    payload: input.payload,
  });
  if (!check.ok) return fail(check.code, check.message, check.fieldErrors);
  // Paying is the payment provider's move (order-payment.server.ts): it charges and moves together.
  if (input.to === "PAID") return fail("NOT_ALLOWED", "orders:errors.transitionNotAllowed");

  const moved = await runMove<void, TransitionFailureCode>(async (tx) => {
    await lockOrderAtVersion(tx, order.id, order.version);
    await applyMove(tx, actor, order, from, input.to, check.payload, now);
  });
  if (!moved.ok) return moved;
  publishOrderChange(order.id);
  return { ok: true, status: input.to };
}

type OrderUpdate = Parameters<Tx["order"]["updateMany"]>[0]["data"];

/** First in an order move's transaction: the order's row lock, then its version (state-moves.server.ts, lockAtVersion). */
export function lockOrderAtVersion(tx: Tx, orderId: string, version: number) {
  return lockAtVersion(tx, "orders", orderId, () => tx.order.findUnique({ where: { id: orderId }, select: { version: true } }), version);
}

async function applyMove(tx: Tx, actor: TransitionActor, order: OrderRow, from: OrderStatus, to: OrderStatus, payload: unknown, now: Date) {
  const data: OrderUpdate = { status: to, version: { increment: 1 } };
  const event: EventInput = {
    orderId: order.id,
    kind: "STATUS",
    actorId: actor.id,
    actorRole: actor.role,
    fromStatus: from,
    toStatus: to,
    note: (payload as { note?: string }).note || null,
  };
  const after: EventInput[] = [];
  let paidDelta = 0;
  let notifyAmountFen = 0;
  let tellAgent = false;

  switch (to) {
    case "PURCHASING":
      if (from === "AWAITING_SHOPPER") {
        // The shopper confirms the price check's new quote: only the difference is charged, now, before anything is bought.
        const accepted = await acceptNewQuote(tx, order, payload as AcceptQuotePayload);
        Object.assign(data, accepted.data);
        paidDelta = accepted.extraFen;
        after.push({
          orderId: order.id,
          kind: "MONEY",
          actorId: actor.id,
          actorRole: actor.role,
          messageKey: "acceptedQuote",
          params: { amount: fromFen(accepted.extraFen), total: fromFen(accepted.totalFen) },
        });
        tellAgent = true;
      } else if (actor.role === "AGENT" && order.agentId === null) data.agentId = actor.id;
      break;
    case "PURCHASED": {
      const { foreignOrderNumber, actualCost, evidencePhotos = [], evidenceUrl } = payload as PurchasedPayload;
      const quote = await storedQuote(tx, order.quoteId);
      // A cost below the quoted foreign total becomes a refund from these figures: it needs the receipt or the store's order page.
      if (purchaseNeedsEvidence(quote.request, actualCost) && evidencePhotos.length === 0 && !evidenceUrl) {
        throw new Rollback(fail("MISSING_FIELDS", "orders:errors.missingFields", { evidence: ["orders:errors.purchaseEvidenceRequired"] }));
      }
      Object.assign(data, {
        foreignOrderNumber,
        actualCost,
        purchaseEvidence: JSON.stringify({
          photos: evidencePhotos,
          url: evidenceUrl ?? null,
          foreignOrderNumber,
          recordedAt: now.toISOString(),
        }),
      });
      event.params = { foreignOrderNumber, actualCost, ...(evidenceUrl ? { evidenceUrl } : {}) };
      event.attachments = evidencePhotos;
      const settled = await settleAfterPurchase(tx, order, "PURCHASED", { actualCost }, now);
      Object.assign(data, settled.data);
      after.push(...settled.events);
      break;
    }
    case "AT_WAREHOUSE": {
      const { weightGrams, dimensionsCm, photos } = payload as AtWarehousePayload;
      Object.assign(data, { weightGrams, dimensionsCm: JSON.stringify(dimensionsCm), arrivedAt: now });
      event.params = { weightGrams, dimensions: dimensionsCm.join(" × ") };
      event.attachments = photos;
      const settled = await settleAfterPurchase(
        tx,
        order,
        "AT_WAREHOUSE",
        { actualCost: order.actualCost, parcel: { weightGrams, dimensionsCm } },
        now,
      );
      Object.assign(data, settled.data);
      after.push(...settled.events);
      paidDelta = -settled.refundFen;
      notifyAmountFen = settled.refundFen;
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
      // Only before anything is bought: everything paid goes back.
      if (order.paidFen > 0) {
        const to = await paymentProvider.refund(tx, {
          userId: order.userId,
          amountFen: order.paidFen,
          orderId: order.id,
          note: "cancelled",
          createdById: actor.id,
        });
        after.push({
          orderId: order.id,
          kind: "MONEY",
          actorId: null,
          actorRole: "SYSTEM",
          messageKey: "refundedFull",
          params: { amount: fromFen(order.paidFen), ...refundedToParams(to) },
        });
        paidDelta = -order.paidFen;
        notifyAmountFen = order.paidFen;
      }
      tellAgent = from === "AWAITING_SHOPPER";
      break;
    default:
      break;
  }

  // Relative, so a refund decided meanwhile (its own conditional update) is never overwritten.
  if (paidDelta !== 0) data.paidFen = { increment: paidDelta };
  requireMoved("orders", await tx.order.updateMany({ where: { id: order.id, version: order.version }, data }));

  await recordEvent(tx, event, now);
  let at = now.getTime();
  for (const extra of after) await recordEvent(tx, extra, new Date((at += 1)));
  await notifyAboutOrder(tx, { userId: order.userId, email: order.user.email }, order, `ORDER_${to}`, {
    amount: notifyAmountFen > 0 ? fromFen(notifyAmountFen) : null,
  });
  if (tellAgent && order.agentId && order.agent)
    await notifyAboutOrder(tx, { userId: order.agentId, email: order.agent.email }, order, "ORDER_SHOPPER_DECIDED", { status: to });
}

/** The shopper takes the price check's new quote: the difference (and only it) is charged; the order carries the new quote. */
async function acceptNewQuote(tx: Tx, order: OrderRow, payload: AcceptQuotePayload) {
  const check = parsePriceCheck(order.priceCheck);
  if (!check || check.outcome !== "PRICE_ROSE" || !check.newQuoteId || payload.acceptedQuoteId !== check.newQuoteId)
    throw new Rollback(fail("NO_NEW_QUOTE", "orders:errors.noNewQuote"));
  const quote = await tx.quote.findUniqueOrThrow({ where: { id: check.newQuoteId }, select: { totalFen: true, result: true } });
  const extraFen = Math.max(0, quote.totalFen - order.paidFen);
  if (extraFen > 0) {
    const charged = await paymentProvider.charge(tx, {
      userId: order.userId,
      amountFen: extraFen,
      orderId: order.id,
      note: "accepted-new-quote",
    });
    if (!charged.ok) throw new Rollback(fail("INSUFFICIENT_FUNDS", "orders:errors.insufficientFunds"));
  }
  return {
    data: {
      quoteId: check.newQuoteId,
      totalFen: quote.totalFen,
      dutiableFen: dutiableFen(fromJsonColumn(quoteResultSchema, "Quote.result", quote.result)),
      priceCheck: JSON.stringify({ ...check, outcome: "CONFIRMED", extraFen }),
    },
    extraFen,
    totalFen: quote.totalFen,
  };
}
