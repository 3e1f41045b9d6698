import type { Tx } from "~/utils/db.server";
import { notifyWithMail, timelineRow, type Recipient, type TimelineEntry } from "./order-events.server";

// A return's timeline: every change one ReturnEvent row, written in the transaction of the change.

export type ReturnEventInput = TimelineEntry & { returnId: string };

export async function recordReturnEvent(tx: Tx, event: ReturnEventInput, at = new Date()) {
  await tx.returnEvent.create({ data: { returnId: event.returnId, ...timelineRow(event, at) } });
  await tx.returnRequest.update({ where: { id: event.returnId }, data: { lastEventAt: at } });
}

export async function notifyAboutReturn(
  tx: Tx,
  recipient: Recipient,
  entry: { id: string; number: string },
  kind: string,
  params: Record<string, string | number | null> = {},
) {
  await notifyWithMail(tx, recipient, kind, { number: entry.number, ...params }, `/returns/${entry.id}`);
}
