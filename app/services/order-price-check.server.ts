import { fromColumn } from "~/domain/stored";
import { calculateLandedCost, fromFen, toFen } from "~/domain/landed-cost";
import {
  checkTransition,
  decidePriceCheck,
  mayRecordPriceCheck,
  orderStatusSchema,
  parsePriceCheck,
  priceCheckPayloadSchema,
  priceCheckRequest,
  quotedStoreShipping,
  statusAfterPriceCheck,
  type PriceCheckRecord,
} from "~/domain/orders";
import { fieldErrorsOf } from "~/domain/field-errors";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getGuaranteeSettings } from "./guarantee.server";
import { notifyAboutOrder, recordEvent, type EventInput } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { quoteResults, storedQuote, storeQuoteRow } from "./order-quotes.server";
import {
  loadOrder,
  lockOrderAtVersion,
  type TransitionActor,
  type TransitionFailureCode,
  type TransitionOutcome,
} from "./order-transitions.server";
import { atVersion, moveFailure, requireMoved, Rollback, runMove } from "./state-moves.server";

// The price check before buying: the assigned agent (or an admin) records the store's price per item,
// the stock and the store's shipping, with a screenshot or the product page's link. The order's own
// stored request is re-quoted with those prices on its own stored context (same rates, fees, line:
// no exchange-rate risk for the shopper) and compared with what the shopper paid.

// A new quote offered to the shopper stands until they decide: it is on the order's own rates.
const OFFER_DAYS_MS = 30 * 86_400_000;

export type PriceCheckInput = { version: number; payload: unknown };
export type PriceCheckOutcome = TransitionOutcome & { check?: PriceCheckRecord };

const refuse = moveFailure<TransitionFailureCode>;

export async function recordPriceCheck(
  actor: TransitionActor,
  orderId: string,
  input: PriceCheckInput,
  now = new Date(),
): Promise<PriceCheckOutcome> {
  const loaded = atVersion("orders", await loadOrder(actor, orderId), input.version);
  if (!loaded.ok) return loaded;
  const order = loaded.row;
  const from = fromColumn(orderStatusSchema, "Order.status", order.status);
  if (!mayRecordPriceCheck(from, actor.role)) {
    return mayRecordPriceCheck("PURCHASING", actor.role)
      ? refuse("NOT_ALLOWED", "orders:errors.priceCheckNotNow")
      : refuse("WRONG_ROLE", "orders:errors.wrongRole");
  }
  if (actor.role === "AGENT" && order.agentId !== actor.id) return refuse("NOT_ASSIGNED", "orders:errors.notAssigned");

  const parsed = priceCheckPayloadSchema.safeParse(input.payload ?? {});
  if (!parsed.success) return refuse("MISSING_FIELDS", "orders:errors.missingFields", fieldErrorsOf(parsed.error));
  const payload = parsed.data;
  const items = await db.orderItem.findMany({
    where: { orderId: order.id },
    select: { position: true, title: true, titleZh: true, price: true },
    orderBy: { position: "asc" },
  });
  // Every item of the order is checked, and only those.
  const positions = new Set(payload.items.map((item) => item.position));
  if (items.length !== positions.size || items.some((item) => !positions.has(item.position)))
    return refuse("MISSING_FIELDS", "orders:errors.missingFields", { items: ["orders:errors.checkItemsRequired"] });

  const { priceToleranceFen } = await getGuaranteeSettings();
  const checked = await runMove<PriceCheckRecord, TransitionFailureCode>(async (tx) => {
    await lockOrderAtVersion(tx, order.id, order.version);
    const quote = await storedQuote(tx, order.quoteId);
    const request = priceCheckRequest(quote.request, payload.items, payload.storeShipping);
    const outOfStock = payload.items.some((item) => !item.inStock);
    const requote = outOfStock ? null : calculateLandedCost(request, quote.context);
    const requotedFen = requote?.ok ? toFen(requote.quote.total) : null;
    const decision = decidePriceCheck({ paidFen: order.paidFen, requotedFen, toleranceFen: priceToleranceFen, outOfStock });
    const newQuoteId =
      decision.outcome === "PRICE_ROSE" && requote?.ok
        ? await storeQuoteRow(tx, order.userId, request, quote.context, requote.quote, new Date(now.getTime() + OFFER_DAYS_MS), now)
        : null;
    const record: PriceCheckRecord = {
      checkedAt: now.toISOString(),
      by: { id: actor.id, role: actor.role },
      currency: quote.request.items[0]?.currency ?? "",
      items: items.map((item) => {
        const checked = payload.items.find((candidate) => candidate.position === item.position);
        return {
          position: item.position,
          title: item.titleZh || item.title,
          quotedPrice: quote.request.items[item.position]?.price ?? item.price,
          price: checked?.price ?? null,
          inStock: checked?.inStock ?? false,
        };
      }),
      quotedStoreShipping: quotedStoreShipping(quote.request),
      storeShipping: payload.storeShipping ?? null,
      evidence: { photos: payload.evidencePhotos ?? [], url: payload.evidenceUrl ?? null },
      note: payload.note || null,
      paidFen: order.paidFen,
      requotedFen,
      newQuoteId,
      extraFen: decision.extraFen,
      absorbedFen: decision.absorbedFen,
      outcome: decision.outcome,
    };
    const to = statusAfterPriceCheck(decision.outcome === "PASSED");
    if (to !== from) {
      // The status a check leads to is the table's to allow, like any move.
      const allowed = checkTransition({
        from,
        to,
        role: actor.role,
        isOwner: false,
        isAssignedAgent: actor.id === order.agentId,
        via: "PRICE_CHECK",
        payload,
      });
      if (!allowed.ok) throw new Rollback(refuse(allowed.code, allowed.message));
    }
    requireMoved(
      "orders",
      await tx.order.updateMany({
        where: { id: order.id, version: order.version },
        data: { priceCheck: JSON.stringify(record), status: to, version: { increment: 1 } },
      }),
    );

    const params = {
      outcome: decision.outcome,
      total: requotedFen === null ? null : fromFen(requotedFen),
      amount: fromFen(decision.extraFen || decision.absorbedFen),
      ...(payload.evidenceUrl ? { evidenceUrl: payload.evidenceUrl } : {}),
    };
    const events: EventInput[] = [
      {
        orderId: order.id,
        kind: "CHECK",
        actorId: actor.id,
        actorRole: actor.role,
        messageKey: `check.${decision.outcome}`,
        params,
        note: payload.note || null,
        attachments: payload.evidencePhotos ?? [],
      },
    ];
    if (to !== from)
      events.push({
        orderId: order.id,
        kind: "STATUS",
        actorId: null,
        actorRole: "SYSTEM",
        fromStatus: from,
        toStatus: to,
        messageKey: to === "AWAITING_SHOPPER" ? `waiting.${decision.outcome}` : "checkPassedAgain",
      });
    let at = now.getTime();
    for (const event of events) await recordEvent(tx, event, new Date((at += 1)));
    if (to === "AWAITING_SHOPPER" || to !== from) {
      await notifyAboutOrder(
        tx,
        { userId: order.userId, email: order.user.email },
        order,
        to === "AWAITING_SHOPPER" ? `ORDER_AWAITING_${decision.outcome}` : "ORDER_PURCHASING",
        { amount: fromFen(decision.extraFen) },
      );
    }
    return record;
  });
  if (!checked.ok) return checked;
  publishOrderChange(order.id);
  return { ok: true, status: statusAfterPriceCheck(checked.value.outcome === "PASSED"), check: checked.value };
}

/**
 * The shopper of an out-of-stock order chooses to wait for a restock: nothing moves, the agent is
 * told and checks again later. Only the owner, only while the order waits for them.
 */
export async function waitForRestock(shopper: Pick<SessionUser, "id">, orderId: string, version: number, now = new Date()) {
  const order = await db.order.findFirst({
    where: { id: orderId, userId: shopper.id },
    select: { id: true, number: true, status: true, version: true, priceCheck: true, agentId: true, agent: { select: { email: true } } },
  });
  if (!order) return { ok: false as const, reason: "notFound" as const };
  const check = parsePriceCheck(order.priceCheck);
  if (order.status !== "AWAITING_SHOPPER" || check?.outcome !== "OUT_OF_STOCK")
    return { ok: false as const, reason: "notWaiting" as const };
  if (order.version !== version) return { ok: false as const, reason: "conflict" as const };
  const done = await db.$transaction(async (tx) => {
    const moved = await tx.order.updateMany({
      where: { id: order.id, version: order.version },
      data: { priceCheck: JSON.stringify({ ...check, waiting: true }), version: { increment: 1 } },
    });
    if (moved.count === 0) return false;
    await recordEvent(
      tx,
      { orderId: order.id, kind: "CHECK", actorId: shopper.id, actorRole: "SHOPPER", messageKey: "check.shopperWaits" },
      now,
    );
    if (order.agentId && order.agent)
      await notifyAboutOrder(tx, { userId: order.agentId, email: order.agent.email }, order, "ORDER_SHOPPER_DECIDED", { status: "WAIT" });
    return true;
  });
  if (!done) return { ok: false as const, reason: "conflict" as const };
  publishOrderChange(order.id);
  return { ok: true as const };
}

/** For the order page: the latest check, and when it offers a new quote, the old and new results side by side. */
export async function priceCheckView(order: { quoteId: string; priceCheck: string | null }) {
  const check = parsePriceCheck(order.priceCheck);
  if (!check) return null;
  const offered = check.outcome === "PRICE_ROSE" && check.newQuoteId ? check.newQuoteId : null;
  if (!offered) return { check, current: null, offered: null };
  const results = await quoteResults([order.quoteId, offered]);
  return { check, current: results.get(order.quoteId) ?? null, offered: results.get(offered) ?? null };
}
