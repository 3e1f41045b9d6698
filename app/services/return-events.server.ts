import type { Tx } from "~/utils/db.server";
import { orderProductParams } from "./notifications.server";
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
  const request = await tx.returnRequest.findUnique({
    where: { id: entry.id },
    select: { orderId: true, items: { select: { orderItemId: true } } },
  });
  const product = request
    ? await orderProductParams(
        tx,
        request.orderId,
        request.items.map((item) => item.orderItemId),
      )
    : {};
  await notifyWithMail(tx, recipient, kind, { number: entry.number, ...product, ...params }, `/returns/${entry.id}`);
}
