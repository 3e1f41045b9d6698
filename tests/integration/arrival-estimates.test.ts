import { beforeAll, describe, expect, test } from "vitest";
import { ARRIVAL_STAGES, defaultStageDays, type Milestone } from "~/domain/orders/arrival-prediction";
import { checkoutArrivals, clearArrivalModel, orderArrival } from "~/services/arrival-estimates.server";
import type { TransitionActor } from "~/services/order-transitions.server";
import { getCheckout } from "~/services/checkout.server";
import { getOrder, orderShipping } from "~/services/orders.server";
import { findShippingLine } from "~/services/pricing-context.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import {
  asActor,
  deposit,
  move,
  orderRow,
  PAYLOADS,
  placeNewOrder,
  purchase,
  seedOrderWorld,
  lockedCheckout,
  sessionUser,
  US_POSTAL,
} from "./order-fixtures";

// The history is made of real orders driven along the machine, then dated: each status event is moved
// to the time the story needs, as if the orders had taken their days.

const DAY = 86_400_000;
const system: TransitionActor = { id: null, role: "SYSTEM" };
/** How long each stage really took for this store on the postal line, in days. */
const ACTUAL = [1, 3, 1, 4, 2];
const MILESTONES: Milestone[] = ["PAID", "PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS", "DELIVERED"];
const now = new Date();
let listingId = "";
let storeId = "";
let agent: SessionUser;

/** A paid order of a new shopper moved along the happy path to `until`. */
async function orderUpTo(until: Milestone) {
  const owner = await sessionUser("SHOPPER");
  await deposit(owner.id, 200_000);
  const { orderId } = await placeNewOrder(owner, listingId, { lineCode: US_POSTAL });
  const steps: [Milestone, () => Promise<unknown>][] = [
    [
      "PURCHASED",
      async () => {
        await move(asActor(agent), orderId, "PURCHASING");
        await purchase(asActor(agent), orderId);
      },
    ],
    ["AT_WAREHOUSE", () => move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse)],
    ["SHIPPED", () => move(asActor(agent), orderId, "SHIPPED", PAYLOADS.shipped)],
    ["IN_CUSTOMS", () => move(system, orderId, "IN_CUSTOMS")],
    ["DELIVERED", () => move(system, orderId, "DELIVERED")],
  ];
  for (const [reached, step] of steps) {
    if (MILESTONES.indexOf(reached) > MILESTONES.indexOf(until)) break;
    await step();
  }
  return orderId;
}

/** Dates the order's milestones: PAID at `paidAt`, then each stage `days[i]` after the previous. */
async function dateMilestones(orderId: string, paidAt: Date, days: number[]) {
  let at = paidAt;
  for (const [index, milestone] of MILESTONES.entries()) {
    if (index > 0) at = new Date(at.getTime() + (days[index - 1] ?? 0) * DAY);
    await db.orderEvent.updateMany({ where: { orderId, kind: "STATUS", toStatus: milestone }, data: { createdAt: at } });
    if (milestone === "PAID") await db.order.update({ where: { id: orderId }, data: { paidAt: at } });
    if (milestone === "DELIVERED")
      await db.order.updateMany({ where: { id: orderId, deliveredAt: { not: null } }, data: { deliveredAt: at } });
  }
}

beforeAll(async () => {
  ({ listingId, storeId } = await seedOrderWorld());
  agent = await sessionUser("AGENT");
  // Four deliveries of the last weeks, all with the same real stage times.
  for (const weeksAgo of [8, 6, 4, 3]) {
    const orderId = await orderUpTo("DELIVERED");
    await dateMilestones(orderId, new Date(now.getTime() - weeksAgo * 7 * DAY), ACTUAL);
  }
  // A delivery of a year ago that took for ever: outside the window, it teaches nothing.
  const old = await orderUpTo("DELIVERED");
  await dateMilestones(old, new Date(now.getTime() - 400 * DAY), [30, 30, 30, 30, 30]);
  clearArrivalModel();
});

/** What the model should say for a stage with 4 samples of `days`: shrunk (weight 3) to the line, shrunk to the default. */
function expectedStageDays(stage: number, line: { etaDaysMin: number; etaDaysMax: number }) {
  const days = ACTUAL[stage] ?? 0;
  const lineDays = (4 * days + 3 * defaultStageDays(line, stage)) / 7;
  return (4 * days + 3 * lineDays) / 7;
}

describe("expected delivery dates from the order history", () => {
  test("an order in transit: passed stages at their real times, the rest as this store and line have taken", async () => {
    const line = await findShippingLine(US_POSTAL);
    if (!line) throw new Error("no postal line");
    const orderId = await orderUpTo("SHIPPED");
    const paidAt = new Date(now.getTime() - 6 * DAY);
    // Bought in 2 days, at the warehouse 2 days later, shipped a day after that: shipped 1 day ago.
    await dateMilestones(orderId, paidAt, [2, 2, 1]);
    const order = await orderRow(orderId);
    const view = await orderArrival(order, now);
    expect(view?.stages.map((stage) => stage.state)).toEqual(["done", "done", "done", "current", "upcoming"]);
    expect(view?.stages[2]?.endsAt).toBe(new Date(paidAt.getTime() + 5 * DAY).toISOString());
    const expected = paidAt.getTime() + 5 * DAY + (expectedStageDays(3, line) + expectedStageDays(4, line)) * DAY;
    expect(Math.abs(new Date(view?.deliveredAt ?? 0).getTime() - expected)).toBeLessThan(1000);
    expect(view).toMatchObject({ delivered: false, fromNow: false });
    // The order page reads the same date from the timeline it already loaded (no second read of the events).
    const detail = await getOrder(await sessionUser("ADMIN"), orderId);
    if (!detail) throw new Error("order not visible");
    expect((await orderShipping(detail, now)).arrival).toEqual(view);
  });

  test("checkout shows each line's date if paid now", async () => {
    const shopper = await sessionUser("SHOPPER");
    await lockedCheckout(shopper, listingId, { lineCode: US_POSTAL });
    const checkout = await getCheckout(shopper, { lineCode: US_POSTAL, now });
    const postal = checkout.lines.find((line) => line.code === US_POSTAL);
    expect(postal?.expectedAt).toBe((await checkoutArrivals(storeId, [US_POSTAL], now))[US_POSTAL]?.deliveredAt);
    expect(checkout.lines.every((line) => line.expectedAt !== null)).toBe(true);
  });

  test("a delivered order shows the day it was delivered; a store without history gets the line's estimate", async () => {
    const line = await findShippingLine(US_POSTAL);
    if (!line) throw new Error("no postal line");
    const [known, unknown] = [await checkoutArrivals(storeId, [US_POSTAL], now), await checkoutArrivals("another-store", [US_POSTAL], now)];
    const knownTotal = ARRIVAL_STAGES.reduce((sum, stage) => sum + expectedStageDays(stage.index, line), 0);
    const got = (estimate: { deliveredAt: string } | undefined) => (new Date(estimate?.deliveredAt ?? 0).getTime() - now.getTime()) / DAY;
    expect(got(known[US_POSTAL])).toBeCloseTo(knownTotal, 4);
    expect(known[US_POSTAL]?.fromNow).toBe(true);
    // No history for the store: the line's shrunk estimate, between what this store took (11 days) and the range's midpoint.
    const midpoint = (line.etaDaysMin + line.etaDaysMax) / 2;
    const unknownDays = got(unknown[US_POSTAL]);
    expect(unknownDays).toBeGreaterThan(Math.min(11, midpoint));
    expect(unknownDays).toBeLessThan(Math.max(11, midpoint));
    expect(unknownDays).not.toBeCloseTo(knownTotal, 2);

    // (Delivered after the model was read, so its minutes-long stages are not in it.)
    const orderId = await orderUpTo("DELIVERED");
    const order = await orderRow(orderId);
    expect(order.deliveredAt).not.toBeNull();
    expect(await orderArrival(order, now)).toMatchObject({ delivered: true, deliveredAt: order.deliveredAt?.toISOString() });
  });

  test("a cancelled order has no date", async () => {
    const owner = await sessionUser("SHOPPER");
    await deposit(owner.id, 200_000);
    const { orderId } = await placeNewOrder(owner, listingId, { lineCode: US_POSTAL });
    await move(asActor(owner), orderId, "CANCELLED");
    expect(await orderArrival(await orderRow(orderId), now)).toBeNull();
  });
});
