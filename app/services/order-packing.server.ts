import { atWarehousePayloadSchema } from "~/domain/orders";
import { fieldErrorsOf } from "~/domain/field-errors";
import { db } from "~/utils/db.server";
import { notifyAboutOrder, recordEvent } from "./order-events.server";
import { publishOrderChange } from "./order-feed.server";
import { isStaffOfOrder, visibleOrders, type Viewer } from "./orders.server";

// The packed parcel before it leaves (issue 17, "Storage and packing"): while the goods wait at the
// warehouse (AT_WAREHOUSE) the order's agent, or an admin, records the parcel as packed — its weight,
// its size and at least one photo, the same rules as the arrival's (status-machine.ts) — and the shopper
// sees it on the timeline. It may be recorded again (repacked) until the parcel is shipped; the order's
// version guards against a page that is out of date. It changes no price: after PURCHASED the platform
// never asks for more.

export const packedParcelSchema = atWarehousePayloadSchema;

export type PackedOutcome =
  | { ok: true }
  | { ok: false; reason: "notFound" | "notAllowed" | "notNow" | "conflict" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> };

export async function recordPackedParcel(
  viewer: Viewer,
  orderId: string,
  input: { version: number; payload: unknown },
  now = new Date(),
): Promise<PackedOutcome> {
  const order = await db.order.findFirst({
    where: { AND: [{ id: orderId }, visibleOrders(viewer)] },
    select: { id: true, number: true, status: true, userId: true, agentId: true, version: true, user: { select: { email: true } } },
  });
  if (!order) return { ok: false, reason: "notFound" };
  if (!isStaffOfOrder(viewer, order)) return { ok: false, reason: "notAllowed" };
  const parsed = packedParcelSchema.safeParse(input.payload);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  if (order.status !== "AT_WAREHOUSE") return { ok: false, reason: "notNow" };
  const { weightGrams, dimensionsCm, photos, note } = parsed.data;
  const written = await db.$transaction(async (tx) => {
    const updated = await tx.order.updateMany({
      where: { id: order.id, version: input.version, status: "AT_WAREHOUSE" },
      data: { packedWeightGrams: weightGrams, packedDimensionsCm: JSON.stringify(dimensionsCm), packedAt: now, version: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await recordEvent(
      tx,
      {
        orderId: order.id,
        kind: "NOTICE",
        actorId: viewer.id,
        actorRole: viewer.role === "ADMIN" ? "ADMIN" : "AGENT",
        messageKey: "packed",
        params: { weightGrams, dimensions: dimensionsCm.join(" × ") },
        note: note || null,
        attachments: photos,
      },
      now,
    );
    await notifyAboutOrder(tx, { userId: order.userId, email: order.user.email }, order, "ORDER_PACKED", { weight: weightGrams });
    return true;
  });
  if (!written) return { ok: false, reason: "conflict" };
  publishOrderChange(order.id);
  return { ok: true };
}
