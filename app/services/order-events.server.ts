import type { Actor, OrderStatus } from "~/domain/orders";
import type { Tx } from "~/utils/db.server";
import { i18next } from "~/utils/i18n.server";
import { getEnv } from "~/utils/env.server";
import { formatMoney } from "~/utils/format";

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

export type Recipient = { userId: string; email: string };

/**
 * An in-app notification and an email for one user about one order or return. Shoppers read Chinese
 * first, so the mail is written in zh-CN; the in-app text follows the reader's language.
 */
export async function notifyWithMail(
  tx: Tx,
  recipient: Recipient,
  kind: string,
  params: Record<string, string | number | null>,
  link: string,
) {
  await tx.notification.create({ data: { userId: recipient.userId, kind, params: JSON.stringify(params), link } });
  const t = await i18next.getFixedT("zh-CN", "common");
  const amount = typeof params.amount === "string" ? formatMoney(params.amount, "CNY", "zh-CN") : "";
  const text = t(`notifications.kinds.${kind}`, { ...params, amount, defaultValue: kind });
  const fallback = t("notifications.mailSubject", { number: params.number });
  await tx.emailOutbox.create({
    data: {
      to: recipient.email,
      subject: t(`notifications.mailSubjects.${kind}`, { number: params.number, defaultValue: fallback }),
      body: `${text}\n\n${t("notifications.mailLink")}: ${siteOrigin()}${link}`,
    },
  });
}

export async function notifyAboutOrder(
  tx: Tx,
  recipient: Recipient,
  order: { id: string; number: string },
  kind: string,
  params: Record<string, string | number | null> = {},
) {
  await notifyWithMail(tx, recipient, kind, { number: order.number, ...params }, `/orders/${order.id}`);
}

function siteOrigin() {
  const env = getEnv();
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
}
