import {
  ARRIVAL_MILESTONES,
  buildArrivalModel,
  milestonesFromEvents,
  orderStatusSchema,
  predictArrival,
  stageSamplesOf,
  type ArrivalModel,
  type ArrivalPrediction,
  type LineEta,
  type OrderStatus,
} from "~/domain/orders";
import { fromColumn } from "~/domain/stored";
import { db } from "~/utils/db.server";
import { createTtlCache } from "~/utils/ttl-cache.server";
import { listShippingLines } from "./pricing-context.server";

// Expected delivery dates: the model is learned from the status events of recently delivered orders
// (app/domain/orders/arrival-prediction.ts does the arithmetic), and applied to an order where it
// stands or to a checkout that has not been placed yet.

const DAY_MS = 86_400_000;
/** Only deliveries of the last half year teach: lines and stores change their habits. */
export const ARRIVAL_HISTORY_DAYS = 180;
/** At most this many delivered orders are read per rebuild (newest first), so one rebuild stays cheap. */
export const ARRIVAL_HISTORY_MAX_ORDERS = 5_000;
/** The model is rebuilt at most once a minute per process: an estimate a minute old is as good. */
const cache = createTtlCache(60_000);

async function loadModel(now: Date): Promise<ArrivalModel> {
  const since = new Date(now.getTime() - ARRIVAL_HISTORY_DAYS * DAY_MS);
  const [lines, orders] = await Promise.all([
    listShippingLines(),
    db.order.findMany({
      where: { status: { in: ["DELIVERED", "COMPLETED"] }, deliveredAt: { gte: since } },
      select: {
        storeId: true,
        shippingLineCode: true,
        paidAt: true,
        events: { where: { kind: "STATUS", toStatus: { in: [...ARRIVAL_MILESTONES] } }, select: { toStatus: true, createdAt: true } },
      },
      orderBy: { deliveredAt: "desc" },
      take: ARRIVAL_HISTORY_MAX_ORDERS,
    }),
  ]);
  const samples = orders.flatMap((order) =>
    stageSamplesOf({
      storeId: order.storeId,
      lineCode: order.shippingLineCode,
      reached: milestonesFromEvents(order.events, order.paidAt),
    }),
  );
  const etas = new Map<string, LineEta>(lines.map((line) => [line.code, { etaDaysMin: line.etaDaysMin, etaDaysMax: line.etaDaysMax }]));
  return buildArrivalModel(samples, etas);
}

/** The current model (rebuilt when older than the cache's minute). */
export function arrivalModel(now = new Date()): Promise<ArrivalModel> {
  return cache.get("model", () => loadModel(now));
}

/** Forget the model (tests, and after a bulk import of history). */
export function clearArrivalModel() {
  cache.clear();
}

/** What a page shows of a prediction: the expected day and each stage's, as instants for Intl in China time. */
export type ArrivalView = {
  deliveredAt: string;
  deliveredOn: string;
  delivered: boolean;
  fromNow: boolean;
  stages: { key: string; state: "done" | "current" | "upcoming"; endsAt: string; endsOn: string }[];
};

function toView(prediction: ArrivalPrediction | null): ArrivalView | null {
  if (!prediction) return null;
  return {
    deliveredAt: prediction.deliveredAt.toISOString(),
    deliveredOn: prediction.deliveredOn,
    delivered: prediction.delivered,
    fromNow: prediction.fromNow,
    stages: prediction.stages.map((stage) => ({
      key: stage.key,
      state: stage.state,
      endsAt: stage.endsAt.toISOString(),
      endsOn: stage.endsOn,
    })),
  };
}

type EventTime = { kind: string; toStatus?: string | null; createdAt: Date };

/**
 * An order's expected delivery date from where it stands (its status events so far); null when
 * cancelled. The order page already holds the timeline: its events are used instead of a second read.
 */
export async function orderArrival(
  order: {
    id: string;
    storeId: string | null;
    shippingLineCode: string;
    status: string;
    paidAt: Date | null;
    events?: readonly EventTime[];
  },
  now = new Date(),
): Promise<ArrivalView | null> {
  const status: OrderStatus = fromColumn(orderStatusSchema, "Order.status", order.status);
  if (status === "CANCELLED") return null;
  const [model, events] = await Promise.all([
    arrivalModel(now),
    order.events
      ? order.events
          .filter((event) => event.kind === "STATUS")
          .map((event) => ({ toStatus: event.toStatus ?? null, createdAt: event.createdAt }))
      : db.orderEvent.findMany({
          where: { orderId: order.id, kind: "STATUS", toStatus: { in: [...ARRIVAL_MILESTONES] } },
          select: { toStatus: true, createdAt: true },
        }),
  ]);
  const reached = milestonesFromEvents(events, order.paidAt);
  return toView(predictArrival({ storeId: order.storeId, lineCode: order.shippingLineCode, status, reached }, now, model));
}

/** For checkout: each line's expected delivery date if the order were paid now, by line code. */
export async function checkoutArrivals(storeId: string | null, lineCodes: readonly string[], now = new Date()) {
  const model = await arrivalModel(now);
  const out: Record<string, ArrivalView> = {};
  for (const lineCode of lineCodes) {
    const view = toView(predictArrival({ storeId, lineCode, status: "PENDING_PAYMENT", reached: {} }, now, model));
    if (view) out[lineCode] = view;
  }
  return out;
}
