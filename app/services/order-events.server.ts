import type { Actor, OrderStatus } from "~/domain/orders";
import { fromJsonColumn, storedNamesSchema, storedParamsSchema } from "~/domain/stored";
import type { Tx } from "~/utils/db.server";
import { notify, orderProductParams, type Recipient } from "./notifications.server";

// Every change to an order is one OrderEvent row, written in the same transaction as the change,
// and every status change tells the shopper: in the app and by mail (the outbox; the mailer job sends it).

/** What a timeline row says, for an order's or a return's timeline alike. */
export type TimelineEntry = {
  /** CHECK: a price check before buying; NOTICE: a customs hold or delay, posted without a status change. */
  kind: "STATUS" | "MESSAGE" | "MONEY" | "DISPUTE" | "CHECK" | "NOTICE";
  actorId: string | null;
  actorRole: Actor | "SYSTEM";
  fromStatus?: string | null;
  toStatus?: string | null;
  messageKey?: string | null;
  params?: Record<string, string | number | null>;
  note?: string | null;
  attachments?: string[];
};

/** The columns a timeline row stores (JSON as text, absent as null). */
export function timelineRow(entry: TimelineEntry, at: Date) {
  return {
    kind: entry.kind,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    messageKey: entry.messageKey ?? null,
    params: JSON.stringify(entry.params ?? {}),
    note: entry.note ?? null,
    attachments: JSON.stringify(entry.attachments ?? []),
    createdAt: at,
  };
}

/** A timeline's events as its page reads them (an order's, a return's, a complaint's), oldest first. */
export const timelineEventsSelect = {
  select: {
    id: true,
    kind: true,
    actorRole: true,
    fromStatus: true,
    toStatus: true,
    messageKey: true,
    params: true,
    note: true,
    attachments: true,
    createdAt: true,
    actor: { select: { name: true } },
  },
  orderBy: { createdAt: "asc" as const },
} as const;

/** Those events with their JSON columns parsed; `table` names the column in a StoredValueError. */
export function parsedTimeline<E extends { params: string; attachments: string }>(
  table: "OrderEvent" | "ReturnEvent" | "ComplaintEvent" | "ParcelClaimEvent",
  events: E[],
) {
  return events.map((event) => ({
    ...event,
    params: fromJsonColumn(storedParamsSchema, `${table}.params`, event.params),
    attachments: fromJsonColumn(storedNamesSchema, `${table}.attachments`, event.attachments),
  }));
}

export type EventInput = TimelineEntry & {
  orderId: string;
  kind: "STATUS" | "MESSAGE" | "MONEY" | "CHECK" | "NOTICE";
  fromStatus?: OrderStatus | null;
  toStatus?: OrderStatus | null;
};

export async function recordEvent(tx: Tx, event: EventInput, at = new Date()) {
  await tx.orderEvent.create({ data: { orderId: event.orderId, ...timelineRow(event, at) } });
  await tx.order.update({ where: { id: event.orderId }, data: { lastEventAt: at } });
}

export type { Recipient };
/** An in-app notification and its mail for one user about one order or return: the one path (notifications.server.ts). */
export { notify as notifyWithMail };

export async function notifyAboutOrder(
  tx: Tx,
  recipient: Recipient,
  order: { id: string; number: string },
  kind: string,
  params: Record<string, string | number | null> = {},
) {
  const product = await orderProductParams(tx, order.id);
  await notify(tx, recipient, kind, { number: order.number, ...product, ...params }, `/orders/${order.id}`);
}
