import { fromJsonColumn } from "~/domain/stored";
import { calculateLandedCost, fromFen, quoteResultSchema, toFen, type QuoteResult } from "~/domain/landed-cost";
import { actualCostRequest, dutiableFen, parsePriceCheck, refundRoute, settleStage, type ActualData } from "~/domain/orders";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Tx } from "~/utils/db.server";
import { getGuaranteeSettings, recordGuaranteeRows, recordedGuaranteeFen } from "./guarantee.server";
import { notifyAboutOrder, recordEvent, type EventInput } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { storedQuote, storeQuoteRow } from "./order-quotes.server";
import { paymentProvider, refundedToParams } from "./payments.server";

// After PURCHASED the platform never asks for more (cost-difference.ts decides; this writes it).
// At PURCHASED and AT_WAREHOUSE the order's confirmed quote is re-run on its own context with the
// agent's figures: dearer is guarantee cost, whatever the amount; cheaper is owed back — but only
// paid when the goods reach the warehouse, and above the approval amount only after an admin's yes.

type OrderUpdate = Parameters<Tx["order"]["updateMany"]>[0]["data"];

export type SettledOrder = {
  id: string;
  userId: string;
  agentId: string | null;
  storeName: string;
  quoteId: string;
  totalFen: number;
  priceCheck: string | null;
  refundState: string;
};

export type StageOutcome = {
  /** Columns for the move's own conditional update. */
  data: OrderUpdate;
  /** Timeline events after the move's own. */
  events: EventInput[];
  /** Paid back now (inside the move's transaction): the caller subtracts it from paidFen. */
  refundFen: number;
};

const FAR_FUTURE_MS = 365 * 86_400_000;

/**
 * Settles one stage inside the move's transaction. `actual` carries the figures so far: the cost paid
 * abroad, and at the warehouse the parcel as measured.
 */
export async function settleAfterPurchase(
  tx: Tx,
  order: SettledOrder,
  stage: "PURCHASED" | "AT_WAREHOUSE",
  actual: ActualData,
  now: Date,
): Promise<StageOutcome> {
  const quote = await storedQuote(tx, order.quoteId);
  const request = actualCostRequest(quote.request, actual);
  const outcome = calculateLandedCost(request, quote.context);
  const events: EventInput[] = [];
  const money = (messageKey: string, params: Record<string, string | number | null>): EventInput => ({
    orderId: order.id,
    kind: "MONEY",
    actorId: null,
    actorRole: "SYSTEM",
    messageKey,
    params,
  });
  if (!outcome.ok) {
    // The figures no longer price on the order's line (a customs limit, say): nothing is asked of the
    // shopper and nothing is refunded on figures the calculator cannot price; staff see why.
    events.push(money("costUnpriced", { reason: outcome.error.code }));
    return { data: {}, events, refundFen: 0 };
  }
  const actualFen = toFen(outcome.quote.total);
  const recordedFen = await recordedGuaranteeFen(tx, order.id);
  const settled = settleStage({
    confirmedFen: order.totalFen,
    actualFen,
    recordedFen,
    stage,
    priceCheckAbsorbedFen: parsePriceCheck(order.priceCheck)?.absorbedFen ?? 0,
  });
  await recordGuaranteeRows(tx, order, settled.guarantee, now);
  const absorbedFen = Math.max(0, actualFen - order.totalFen);
  const data: OrderUpdate = { absorbedFen };
  const change = settled.guarantee.reduce((total, row) => total + row.amountFen, 0);
  if (absorbedFen > 0 && change !== 0) events.push(money("absorbed", { amount: fromFen(absorbedFen) }));

  const { refundApprovalFen } = await getGuaranteeSettings(tx);
  const route = refundRoute(settled.owedFen, stage === "AT_WAREHOUSE", refundApprovalFen);
  data.pendingRefundFen = settled.owedFen;
  if (route === "NONE") {
    Object.assign(data, { refundState: "NONE", refundQuoteId: null });
    // The parcel cost more than the purchase saved: nothing is owed back after all.
    if (order.refundState === "WAITING_WAREHOUSE") events.push(money("refundCancelled", {}));
    return { data, events, refundFen: 0 };
  }
  if (route === "WAITING_WAREHOUSE") {
    Object.assign(data, { refundState: "WAITING_WAREHOUSE", refundQuoteId: null });
    events.push(money("refundWaitingWarehouse", { amount: fromFen(settled.owedFen) }));
    return { data, events, refundFen: 0 };
  }
  // At the warehouse: the actual-cost quote is what the order will be re-based on when the refund is paid.
  const refundQuoteId = await storeQuoteRow(
    tx,
    order.userId,
    request,
    quote.context,
    outcome.quote,
    new Date(now.getTime() + FAR_FUTURE_MS),
    now,
  );
  if (route === "WAITING_APPROVAL") {
    Object.assign(data, { refundState: "WAITING_APPROVAL", refundQuoteId });
    events.push(money("refundWaitingApproval", { amount: fromFen(settled.owedFen) }));
    return { data, events, refundFen: 0 };
  }
  Object.assign(data, { refundState: "PAID", refundQuoteId: null, ...rebase(refundQuoteId, actualFen, outcome.quote) });
  const to = await paymentProvider.refund(tx, {
    userId: order.userId,
    amountFen: settled.owedFen,
    orderId: order.id,
    note: "cost-difference",
  });
  events.push(money("refundedDifference", { amount: fromFen(settled.owedFen), ...refundedToParams(to) }));
  return { data, events, refundFen: settled.owedFen };
}

/**
 * A cheaper outcome re-bases the order on its actual-cost quote when the refund is paid: the returns
 * code prices from "the order's stored quote", which must be what was paid.
 */
function rebase(quoteId: string, totalFen: number, result: QuoteResult) {
  return { quoteId, totalFen, dutiableFen: dutiableFen(result) };
}

export type RefundDecision = { decision: "APPROVE" | "REJECT"; reason?: string };
export type RefundDecisionOutcome = { ok: true } | { ok: false; reason: "notFound" | "alreadyDecided" | "reasonRequired" };

/**
 * An admin decides a refund waiting for approval. The claim (refundState WAITING_APPROVAL → PAID or
 * REJECTED) is one conditional update in the transaction that pays, so double clicks and two admins
 * pay once. A rejection needs a reason; both are audited and on the timeline.
 */
export async function decideRefund(
  admin: Pick<SessionUser, "id">,
  orderId: string,
  input: RefundDecision,
  now = new Date(),
): Promise<RefundDecisionOutcome> {
  const reason = input.reason?.trim() ?? "";
  if (input.decision === "REJECT" && reason === "") return { ok: false, reason: "reasonRequired" };
  const outcome = await db.$transaction(async (tx): Promise<RefundDecisionOutcome> => {
    const order = await tx.order.findUnique({
      where: { id: orderId },
      select: {
        id: true,
        number: true,
        userId: true,
        refundState: true,
        pendingRefundFen: true,
        refundQuoteId: true,
        user: { select: { email: true } },
      },
    });
    if (!order) return { ok: false, reason: "notFound" };
    if (order.refundState !== "WAITING_APPROVAL" || !order.refundQuoteId) return { ok: false, reason: "alreadyDecided" };
    const approve = input.decision === "APPROVE";
    let data: OrderUpdate = { refundState: "REJECTED", refundDecidedById: admin.id, refundQuoteId: null, version: { increment: 1 } };
    if (approve) {
      const quote = await tx.quote.findUniqueOrThrow({ where: { id: order.refundQuoteId }, select: { totalFen: true, result: true } });
      data = {
        ...data,
        refundState: "PAID",
        paidFen: { decrement: order.pendingRefundFen },
        ...rebase(order.refundQuoteId, quote.totalFen, fromJsonColumn(quoteResultSchema, "Quote.result", quote.result)),
      };
    }
    const claimed = await tx.order.updateMany({ where: { id: order.id, refundState: "WAITING_APPROVAL" }, data });
    if (claimed.count === 0) return { ok: false, reason: "alreadyDecided" };
    const amount = fromFen(order.pendingRefundFen);
    const to = approve
      ? await paymentProvider.refund(tx, {
          userId: order.userId,
          amountFen: order.pendingRefundFen,
          orderId: order.id,
          note: "cost-difference",
          createdById: admin.id,
        })
      : "WALLET";
    await recordEvent(
      tx,
      {
        orderId: order.id,
        kind: "MONEY",
        actorId: admin.id,
        actorRole: "ADMIN",
        messageKey: approve ? "refundApproved" : "refundRejected",
        params: { amount, ...refundedToParams(to) },
        note: reason || null,
      },
      now,
    );
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "OrderRefund",
        entityId: order.id,
        action: approve ? "approve" : "reject",
        before: JSON.stringify({ refundState: "WAITING_APPROVAL", pendingRefundFen: order.pendingRefundFen }),
        after: JSON.stringify({ refundState: approve ? "PAID" : "REJECTED", reason: reason || null }),
      },
    });
    await notifyAboutOrder(
      tx,
      { userId: order.userId, email: order.user.email },
      order,
      approve ? "ORDER_REFUND_PAID" : "ORDER_REFUND_REJECTED",
      { amount, ...refundedToParams(to) },
    );
    return { ok: true };
  });
  if (outcome.ok) publishOrderChange(orderId);
  return outcome;
}
