import { storageEnded, storageTerms } from "~/domain/orders/storage";
import { quoteResultSchema, type QuoteRequest } from "~/domain/landed-cost";
import {
  deliveryEstimate,
  mayPostNotice,
  orderStatusSchema,
  quotedStoreShipping,
  type Actor,
  type NoticePayload,
  type OrderStatus,
} from "~/domain/orders";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { decryptIdentity } from "~/utils/identity-crypto.server";
import { notifyAboutOrder, parsedTimeline, recordEvent, timelineEventsSelect } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { orderArrival } from "./arrival-estimates.server";
import { findShippingLine } from "./pricing-context.server";
import { fromColumn, fromJsonColumn } from "~/domain/stored";
import { personalizationValuesSchema } from "~/domain/catalog/personalization";
import { countTabs, statusesOfTab, type OrderTab } from "~/domain/orders/order-tabs";
import { withEnglishNames } from "./item-names.server";

// Who sees which order, in one place: a shopper their own, an agent the unassigned ones and their
// own, an admin all. Every query here puts the rule in its `where`, so a changed id finds nothing.

export type Viewer = Pick<SessionUser, "id" | "role">;

export function visibleOrders(viewer: Viewer): Prisma.OrderWhereInput {
  if (viewer.role === "ADMIN") return {};
  if (viewer.role === "AGENT") return { OR: [{ agentId: viewer.id }, { agentId: null }] };
  return { userId: viewer.id };
}

/**
 * Who reads an order's delivery address, phone and (masked) resident id, in one place: the shopper
 * their own, an admin every order, an agent only an order they claimed, never while it is unpaid.
 * An agent browsing unassigned orders sees what to buy, not where it goes.
 */
export function maySeeDelivery(viewer: Viewer, order: { userId: string; agentId: string | null; status: string }) {
  if (viewer.role === "ADMIN") return true;
  if (viewer.role === "AGENT") return order.agentId === viewer.id && order.status !== ("PENDING_PAYMENT" satisfies OrderStatus);
  return order.userId === viewer.id;
}

/** The order's own agent, or an admin: who records its price checks, notices and packed parcel. */
export function isStaffOfOrder(viewer: Viewer, order: { agentId: string | null }) {
  return viewer.role === "ADMIN" || (viewer.role === "AGENT" && order.agentId === viewer.id);
}

/** Statuses in which an order waits on its agent: silence there is what the stale flag is about. */
export const AGENT_ACTIVE_STATUSES: OrderStatus[] = ["PAID", "PURCHASING", "PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS"];

export function isStale(order: { status: string; lastEventAt: Date }, now: Date, staleHours = getEnv().ORDER_STALE_HOURS) {
  return (
    (AGENT_ACTIVE_STATUSES as string[]).includes(order.status) && now.getTime() - order.lastEventAt.getTime() >= staleHours * 3_600_000
  );
}

const orderDetailSelect = {
  id: true,
  number: true,
  userId: true,
  agentId: true,
  status: true,
  version: true,
  storeName: true,
  currency: true,
  shippingLineCode: true,
  storeId: true,
  customsRegime: true,
  totalFen: true,
  paidFen: true,
  absorbedFen: true,
  quoteId: true,
  address: true,
  identityMasked: true,
  foreignOrderNumber: true,
  actualCost: true,
  weightGrams: true,
  dimensionsCm: true,
  carrier: true,
  trackingNumber: true,
  priceCheck: true,
  purchaseEvidence: true,
  pendingRefundFen: true,
  refundState: true,
  paidAt: true,
  deliveredAt: true,
  freeStorageDays: true,
  arrivedAt: true,
  packedWeightGrams: true,
  packedDimensionsCm: true,
  packedAt: true,
  lastEventAt: true,
  createdAt: true,
  user: { select: { name: true } },
  agent: { select: { name: true } },
  items: {
    select: {
      id: true,
      title: true,
      titleZh: true,
      variantName: true,
      price: true,
      quantity: true,
      imageUrl: true,
      sourceUrl: true,
      position: true,
      personalization: true,
    },
    orderBy: { position: "asc" as const },
  },
  events: timelineEventsSelect,
} as const;

/** The order as `viewer` may see it: null when it is not theirs to see; delivery details null when maySeeDelivery says no. */
export async function getOrder(viewer: Viewer, orderId: string) {
  const order = await db.order.findFirst({ where: { AND: [{ id: orderId }, visibleOrders(viewer)] }, select: orderDetailSelect });
  if (!order) return null;
  const delivery = maySeeDelivery(viewer, order);
  return {
    ...order,
    address: delivery ? (JSON.parse(order.address) as Record<string, string>) : null,
    identityMasked: delivery ? order.identityMasked : null,
    dimensionsCm: order.dimensionsCm ? (JSON.parse(order.dimensionsCm) as number[]) : null,
    packedDimensionsCm: order.packedDimensionsCm ? (JSON.parse(order.packedDimensionsCm) as number[]) : null,
    storage: storageView(order),
    events: parsedTimeline("OrderEvent", order.events),
    items: withEnglishNames(order.items).map((item) => ({
      ...item,
      personalization: fromJsonColumn(personalizationValuesSchema, "OrderItem.personalization", item.personalization),
    })),
  };
}

/**
 * Free storage as the order page states it: the days the order was placed with and, once the goods
 * reached the warehouse, the last free day (China) and whether it has passed. Null for orders placed
 * before storage days existed.
 */
export function storageView(order: { freeStorageDays: number | null; arrivedAt: Date | null }, now = new Date()) {
  if (order.freeStorageDays === null) return null;
  if (!order.arrivedAt) return { freeDays: order.freeStorageDays, freeUntilDay: null, ended: false };
  const terms = storageTerms(order.arrivedAt, order.freeStorageDays);
  return { freeDays: order.freeStorageDays, freeUntilDay: terms.freeUntilDay, ended: storageEnded(terms, now) };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrder>>>;

/** The newest event's time and count: what the live timeline compares to decide whether to refresh. */
export async function orderTimelineMark(viewer: Viewer, orderId: string) {
  const order = await db.order.findFirst({
    where: { AND: [{ id: orderId }, visibleOrders(viewer)] },
    select: { version: true, _count: { select: { events: true } } },
  });
  return order ? `${order.version}:${order._count.events}` : null;
}

const listSelect = {
  id: true,
  number: true,
  status: true,
  storeName: true,
  totalFen: true,
  agentId: true,
  lastEventAt: true,
  createdAt: true,
  user: { select: { name: true } },
  agent: { select: { name: true } },
  items: { select: { titleZh: true, title: true, quantity: true, imageUrl: true }, orderBy: { position: "asc" }, take: 3 },
  _count: { select: { items: true } },
} as const;

const AFTER_SALES: Prisma.OrderWhereInput = { OR: [{ returns: { some: {} } }, { complaints: { some: {} } }] };

function tabWhere(tab: OrderTab): Prisma.OrderWhereInput {
  if (tab === "all") return {};
  if (tab === "after-sales") return AFTER_SALES;
  return { status: { in: statusesOfTab(tab) } };
}

/** The shopper's order centre: one tab's orders (newest first) and every tab's count. */
export async function listShopperOrders(userId: string, tab: OrderTab = "all") {
  const [orders, byStatus, afterSales] = await Promise.all([
    db.order.findMany({ where: { userId, ...tabWhere(tab) }, select: listSelect, orderBy: { createdAt: "desc" }, take: 100 }),
    db.order.groupBy({ by: ["status"], where: { userId }, _count: { _all: true } }),
    db.order.count({ where: { userId, ...AFTER_SALES } }),
  ]);
  const counts = countTabs(
    byStatus.map((row) => ({ status: row.status, count: row._count._all })),
    afterSales,
  );
  return { orders: orders.map((order) => ({ ...order, items: withEnglishNames(order.items) })), counts };
}

export type QueueFilter = {
  view: "unassigned" | "mine" | "all";
  status?: OrderStatus | null;
  minAgeHours?: number | null;
  staleOnly?: boolean;
};

/** The agent workspace (admins see every order): unassigned orders, mine, filtered by status and age. */
export async function listOrderQueue(viewer: Viewer, filter: QueueFilter, now = new Date()) {
  const staleHours = getEnv().ORDER_STALE_HOURS;
  const view: Prisma.OrderWhereInput =
    filter.view === "unassigned"
      ? { agentId: null, status: { notIn: ["PENDING_PAYMENT", "CANCELLED"] } }
      : filter.view === "mine"
        ? { agentId: viewer.id }
        : {};
  const ageHours = filter.staleOnly ? staleHours : filter.minAgeHours;
  const where: Prisma.OrderWhereInput = {
    AND: [
      visibleOrders(viewer),
      view,
      filter.status ? { status: filter.status } : {},
      filter.staleOnly ? { status: { in: AGENT_ACTIVE_STATUSES } } : {},
      ageHours ? { lastEventAt: { lte: new Date(now.getTime() - ageHours * 3_600_000) } } : {},
    ],
  };
  const rows = await db.order.findMany({ where, select: listSelect, orderBy: { lastEventAt: "asc" }, take: 200 });
  return rows.map((row) => ({ ...row, items: withEnglishNames(row.items), stale: isStale(row, now, staleHours) }));
}

/**
 * The buyer's real name and ID number in full: only for the shopper who placed the order and for
 * admins (an admin's look is audited). Everyone else gets null, as if there were none.
 */
export async function revealIdentity(viewer: Viewer, orderId: string) {
  if (viewer.role !== "ADMIN" && viewer.role !== "SHOPPER") return null;
  const order = await db.order.findFirst({
    where: { id: orderId, ...(viewer.role === "ADMIN" ? {} : { userId: viewer.id }) },
    select: { id: true, identityCipher: true },
  });
  if (!order?.identityCipher) return null;
  const identity = decryptIdentity(order.identityCipher, order.id);
  if (identity && viewer.role === "ADMIN") {
    await db.auditLog.create({ data: { actorId: viewer.id, entity: "Order", entityId: order.id, action: "reveal-identity" } });
  }
  return identity;
}

function roleOf(viewer: Viewer): Actor {
  return viewer.role;
}

/**
 * A message on the order's timeline, between the shopper and the agent (admins may join). The other
 * side is notified. An agent writes only on orders assigned to them.
 */
export async function postOrderMessage(viewer: Viewer, orderId: string, text: string) {
  const order = await db.order.findFirst({
    where: { AND: [{ id: orderId }, visibleOrders(viewer)] },
    select: { id: true, number: true, userId: true, agentId: true, user: { select: { email: true } }, agent: { select: { email: true } } },
  });
  if (!order) return { ok: false as const, reason: "notFound" as const };
  if (viewer.role === "AGENT" && order.agentId !== viewer.id) return { ok: false as const, reason: "notAssigned" as const };
  await db.$transaction(async (tx) => {
    await recordEvent(tx, { orderId: order.id, kind: "MESSAGE", actorId: viewer.id, actorRole: roleOf(viewer), note: text });
    if (viewer.role === "SHOPPER") {
      if (order.agentId && order.agent)
        await notifyAboutOrder(tx, { userId: order.agentId, email: order.agent.email }, order, "ORDER_MESSAGE");
    } else {
      await notifyAboutOrder(tx, { userId: order.userId, email: order.user.email }, order, "ORDER_MESSAGE");
    }
  });
  publishOrderChange(order.id);
  return { ok: true as const };
}

/**
 * A notice on the timeline — a customs hold, a delay — from the order's agent, an admin or SYSTEM:
 * the shopper is told; nothing about the order's status or money changes (after PURCHASED the
 * platform never asks for more).
 */
export async function postOrderNotice(viewer: Viewer, orderId: string, notice: NoticePayload) {
  const order = await db.order.findFirst({
    where: { AND: [{ id: orderId }, visibleOrders(viewer)] },
    select: { id: true, number: true, status: true, userId: true, agentId: true, user: { select: { email: true } } },
  });
  if (!order) return { ok: false as const, reason: "notFound" as const };
  if (viewer.role === "AGENT" && order.agentId !== viewer.id) return { ok: false as const, reason: "notAssigned" as const };
  if (!mayPostNotice(fromColumn(orderStatusSchema, "Order.status", order.status), viewer.role))
    return { ok: false as const, reason: "notNow" as const };
  await db.$transaction(async (tx) => {
    await recordEvent(tx, {
      orderId: order.id,
      kind: "NOTICE",
      actorId: viewer.id,
      actorRole: roleOf(viewer),
      messageKey: `notice.${notice.reason}`,
      params: { reason: notice.reason },
      note: notice.note,
    });
    await notifyAboutOrder(tx, { userId: order.userId, email: order.user.email }, order, "ORDER_NOTICE");
  });
  publishOrderChange(order.id);
  return { ok: true as const };
}

/** The quote an order charges, as the calculator returned it, for the breakdown on the order page. */
export async function orderQuote(order: { quoteId: string }) {
  const row = await db.quote.findUnique({ where: { id: order.quoteId }, select: { result: true, request: true, validUntil: true } });
  if (!row) return null;
  const request = JSON.parse(row.request) as QuoteRequest;
  return {
    result: fromJsonColumn(quoteResultSchema, "Quote.result", row.result),
    validUntil: row.validUntil,
    quotedStoreShipping: quotedStoreShipping(request),
  };
}

/**
 * The order's shipping line as the page names it (zh and en), its customs regime and the delivery
 * window: the line's ETA from payment, or from now while unpaid, and the date predicted from past
 * deliveries (from the order's own events when the caller has them). A line removed since keeps its code.
 */
export async function orderShipping(order: Parameters<typeof orderArrival>[0] & { customsRegime: string }, now = new Date()) {
  const [line, arrival] = await Promise.all([findShippingLine(order.shippingLineCode), orderArrival(order, now)]);
  return {
    code: order.shippingLineCode,
    nameZh: line?.nameZh ?? order.shippingLineCode,
    nameEn: line?.nameEn ?? order.shippingLineCode,
    regime: order.customsRegime,
    estimate: line ? deliveryEstimate(line, order.paidAt, now) : null,
    etaDays: line ? { min: line.etaDaysMin, max: line.etaDaysMax } : null,
    // Learned from past deliveries and where this order stands; the line's range above stays beside it.
    arrival,
  };
}
