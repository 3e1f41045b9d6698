import type { Actor } from "~/domain/returns";
import type { Tx } from "~/utils/db.server";
import { notifyWithMail, type Recipient } from "./order-events.server";

// A return's timeline: every change one ReturnEvent row, written in the transaction of the change.

export type ReturnEventInput = {
  returnId: string;
  kind: "STATUS" | "MESSAGE" | "MONEY" | "DISPUTE";
  actorId: string | null;
  actorRole: Actor;
  fromStatus?: string | null;
  toStatus?: string | null;
  messageKey?: string | null;
  params?: Record<string, string | number | null>;
  note?: string | null;
  attachments?: string[];
};

export async function recordReturnEvent(tx: Tx, event: ReturnEventInput, at = new Date()) {
  await tx.returnEvent.create({
    data: {
      returnId: event.returnId,
      kind: event.kind,
      actorId: event.actorId,
      actorRole: event.actorRole,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      messageKey: event.messageKey ?? null,
      params: JSON.stringify(event.params ?? {}),
      note: event.note ?? null,
      attachments: JSON.stringify(event.attachments ?? []),
      createdAt: at,
    },
  });
  await tx.returnRequest.update({ where: { id: event.returnId }, data: { lastEventAt: at } });
}

export async function notifyAboutReturn(tx: Tx, recipient: Recipient, entry: { id: string; number: string }, kind: string, params: Record<string, string | number | null> = {}) {
  await notifyWithMail(tx, recipient, kind, { number: entry.number, ...params }, `/returns/${entry.id}`);
}
