import { beforeAll, describe, expect, test } from "vitest";
import { ACTORS, ORDER_STATUSES, TRANSITIONS, type Actor, type OrderStatus } from "~/domain/orders";
import { transitionOrder, type TransitionActor } from "~/services/order-transitions.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import en from "../../locales/en/orders.json";
import {
  asActor,
  checkPrice,
  deposit,
  eventCount,
  move,
  orderRow,
  PAYLOADS,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  wallet,
} from "./order-fixtures";

let listingId = "";
let agent: SessionUser;
let admin: SessionUser;
const system: TransitionActor = { id: null, role: "SYSTEM" };

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [agent, admin] = [await sessionUser("AGENT"), await sessionUser("ADMIN")];
});

/** A real order of a new shopper, driven along the machine by the people allowed to, until it is in `status`. */
async function orderIn(status: OrderStatus) {
  const owner = await sessionUser("SHOPPER");
  if (status === "PENDING_PAYMENT") return { orderId: (await placeNewOrder(owner, listingId)).orderId, owner };
  await deposit(owner.id, 200_000);
  const { orderId } = await placeNewOrder(owner, listingId);
  type Step = [OrderStatus, TransitionActor, unknown];
  const happyPath: Step[] = [
    ["PURCHASING", asActor(agent), {}],
    ["PURCHASED", asActor(agent), PAYLOADS.purchased],
    ["AT_WAREHOUSE", asActor(agent), PAYLOADS.atWarehouse],
    ["SHIPPED", asActor(agent), PAYLOADS.shipped],
    ["IN_CUSTOMS", system, {}],
    ["DELIVERED", system, {}],
    ["COMPLETED", asActor(owner), {}],
  ];
  const reached = happyPath.findIndex(([to]) => to === status);
  const path: Step[] =
    status === "CANCELLED"
      ? [["CANCELLED", asActor(owner), {}]]
      : status === "AWAITING_SHOPPER"
        ? happyPath.slice(0, 1)
        : happyPath.slice(0, reached + 1);
  for (const [to, actor, payload] of path) {
    // The agent checks the store's price before buying, as they must.
    if (to === "PURCHASED") await checkPrice(asActor(agent), orderId);
    expect(await move(actor, orderId, to, payload)).toBe(to);
  }
  // The store's price rose beyond the tolerance: the order waits for its shopper.
  if (status === "AWAITING_SHOPPER")
    expect((await checkPrice(asActor(agent), orderId, { prices: ["150.00"] })).status).toBe("AWAITING_SHOPPER");
  return { orderId, owner };
}

/** Whether the table has a move from → to as a button (a price check's own moves are made by recording a check). */
function tableHasMove(from: OrderStatus, to: OrderStatus) {
  return TRANSITIONS.some((rule) => rule.from === from && rule.to === to && !rule.via);
}

function tableAllows(from: OrderStatus, to: OrderStatus, role: Actor) {
  return TRANSITIONS.some((rule) => rule.from === from && rule.to === to && rule.roles.includes(role) && !rule.via);
}

// Everything any move could ask for, so a refusal is never just a missing field.
const FULL_PAYLOAD = {
  ...PAYLOADS.purchased,
  ...PAYLOADS.atWarehouse,
  ...PAYLOADS.shipped,
  evidenceUrl: PAYLOADS.evidenceUrl,
  acceptedQuoteId: "any",
};

describe("the state machine on real orders", () => {
  test("the happy path, each step by its role, leaves one timeline event per step", async () => {
    const { orderId, owner } = await orderIn("COMPLETED");
    const events = await db.orderEvent.findMany({
      where: { orderId, kind: "STATUS" },
      orderBy: { createdAt: "asc" },
      select: { toStatus: true, actorRole: true },
    });
    expect(events).toEqual([
      { toStatus: "PENDING_PAYMENT", actorRole: "SHOPPER" },
      { toStatus: "PAID", actorRole: "SYSTEM" },
      { toStatus: "PURCHASING", actorRole: "AGENT" },
      { toStatus: "PURCHASED", actorRole: "AGENT" },
      { toStatus: "AT_WAREHOUSE", actorRole: "AGENT" },
      { toStatus: "SHIPPED", actorRole: "AGENT" },
      { toStatus: "IN_CUSTOMS", actorRole: "SYSTEM" },
      { toStatus: "DELIVERED", actorRole: "SYSTEM" },
      { toStatus: "COMPLETED", actorRole: "SHOPPER" },
    ]);
    const order = await orderRow(orderId);
    expect(order).toMatchObject({
      agentId: agent.id,
      foreignOrderNumber: "US-1001",
      actualCost: "100.00",
      weightGrams: 500,
      carrier: "EMS",
      trackingNumber: "EA123456789CN",
    });
    expect(JSON.parse(order.dimensionsCm ?? "null")).toEqual([20, 15, 10]);
    expect(order.deliveredAt).not.toBeNull();
    // Each status change told the shopper.
    expect(await db.notification.count({ where: { userId: owner.id, link: `/orders/${orderId}` } })).toBeGreaterThanOrEqual(8);
  });

  test("every move outside the table is refused with a clear code, for every role, and writes nothing", async () => {
    const refusals: string[] = [];
    let tried = 0;
    for (const from of ORDER_STATUSES) {
      const { orderId, owner } = await orderIn(from);
      const before = await orderRow(orderId);
      expect(before.status).toBe(from);
      const events = await eventCount(orderId);
      const balance = await wallet(owner.id);
      const actors: Record<Actor, TransitionActor> = {
        SHOPPER: asActor(owner),
        AGENT: asActor(agent),
        ADMIN: asActor(admin),
        SYSTEM: system,
      };
      for (const to of ORDER_STATUSES) {
        for (const role of ACTORS) {
          if (tableAllows(from, to, role)) continue;
          const outcome = await transitionOrder(actors[role], orderId, { to, version: before.version, payload: FULL_PAYLOAD });
          tried += 1;
          const expected = tableHasMove(from, to) ? "WRONG_ROLE" : "NOT_ALLOWED";
          if (outcome.ok || outcome.code !== expected)
            refusals.push(`${from} → ${to} by ${role}: ${outcome.ok ? "allowed" : outcome.code}`);
          if (!outcome.ok) expect(en.errors).toHaveProperty(outcome.message.replace("orders:errors.", ""));
        }
      }
      const after = await orderRow(orderId);
      expect({ status: after.status, version: after.version, paidFen: after.paidFen, agentId: after.agentId }).toEqual({
        status: from,
        version: before.version,
        paidFen: before.paidFen,
        agentId: before.agentId,
      });
      expect(await eventCount(orderId)).toBe(events);
      expect(await wallet(owner.id)).toEqual(balance);
    }
    expect(refusals).toEqual([]);
    // 11 statuses × 11 targets × 4 actors, less the few moves the table allows.
    expect(tried).toBeGreaterThan(440);
  }, 120_000);

  test("a status skip PAID → DELIVERED is refused for everyone", async () => {
    const { orderId, owner } = await orderIn("PAID");
    const { version } = await orderRow(orderId);
    for (const actor of [asActor(agent), asActor(admin), asActor(owner), system]) {
      expect(await transitionOrder(actor, orderId, { to: "DELIVERED", version })).toEqual({
        ok: false,
        code: "NOT_ALLOWED",
        message: "orders:errors.transitionNotAllowed",
      });
    }
    expect((await orderRow(orderId)).version).toBe(version);
  });

  test("the wrong role is refused: a shopper cannot mark their own order purchased, an agent cannot cancel a paid one", async () => {
    const { orderId, owner } = await orderIn("PURCHASING");
    const { version } = await orderRow(orderId);
    expect(await transitionOrder(asActor(owner), orderId, { to: "PURCHASED", version, payload: PAYLOADS.purchased })).toMatchObject({
      ok: false,
      code: "WRONG_ROLE",
    });
    const { orderId: paid } = await orderIn("PAID");
    const paidVersion = (await orderRow(paid)).version;
    expect(await transitionOrder(asActor(agent), paid, { to: "CANCELLED", version: paidVersion })).toMatchObject({
      ok: false,
      code: "WRONG_ROLE",
    });
    // Another shopper does not even find the order.
    const stranger = await sessionUser("SHOPPER");
    expect(await transitionOrder(asActor(stranger), paid, { to: "CANCELLED", version: paidVersion })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect((await orderRow(orderId)).version).toBe(version);
    expect((await orderRow(paid)).status).toBe("PAID");
  });

  test("an agent cannot move another agent's order, nor see it", async () => {
    const { orderId } = await orderIn("PURCHASING");
    const other = await sessionUser("AGENT");
    const { version } = await orderRow(orderId);
    expect(await transitionOrder(asActor(other), orderId, { to: "PURCHASED", version, payload: PAYLOADS.purchased })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect((await orderRow(orderId)).version).toBe(version);
  });

  test.each([
    ["PURCHASED", "PURCHASING", {}, ["foreignOrderNumber", "actualCost"]],
    ["PURCHASED", "PURCHASING", { foreignOrderNumber: "  ", actualCost: "abc" }, ["foreignOrderNumber", "actualCost"]],
    ["PURCHASED", "PURCHASING", { foreignOrderNumber: "US-1", actualCost: "0.00" }, ["actualCost"]],
    ["AT_WAREHOUSE", "PURCHASED", {}, ["weightGrams", "dimensionsCm", "photos"]],
    ["AT_WAREHOUSE", "PURCHASED", { weightGrams: 500, dimensionsCm: [20, 15, 10], photos: [] }, ["photos"]],
    ["AT_WAREHOUSE", "PURCHASED", { weightGrams: -1, dimensionsCm: [20, 0, 10], photos: ["a.jpg"] }, ["weightGrams", "dimensionsCm.1"]],
    ["SHIPPED", "AT_WAREHOUSE", {}, ["carrier", "trackingNumber"]],
    ["SHIPPED", "AT_WAREHOUSE", { carrier: "EMS", trackingNumber: "EA 123<script>" }, ["trackingNumber"]],
  ] as const)("%s without its fields (from %s, %j) is refused with field errors and writes nothing", async (to, from, payload, fields) => {
    const { orderId } = await orderIn(from);
    if (from === "PURCHASING") await checkPrice(asActor(agent), orderId);
    const before = await orderRow(orderId);
    const events = await eventCount(orderId);
    const outcome = await transitionOrder(asActor(agent), orderId, { to, version: before.version, payload });
    expect(outcome).toMatchObject({ ok: false, code: "MISSING_FIELDS", message: "orders:errors.missingFields" });
    if (outcome.ok) return;
    expect(Object.keys(outcome.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
    for (const keys of Object.values(outcome.fieldErrors ?? {}))
      for (const key of keys) expect(en.errors).toHaveProperty(key.replace("orders:errors.", ""));
    const after = await orderRow(orderId);
    expect({
      status: after.status,
      version: after.version,
      foreignOrderNumber: after.foreignOrderNumber,
      weightGrams: after.weightGrams,
      carrier: after.carrier,
    }).toEqual({
      status: from,
      version: before.version,
      foreignOrderNumber: before.foreignOrderNumber,
      weightGrams: before.weightGrams,
      carrier: before.carrier,
    });
    expect(await eventCount(orderId)).toBe(events);
  });
});

describe("two people saving the same order", () => {
  test("two agents claiming the same paid order at once: one wins, the other is told to reload", async () => {
    const { orderId } = await orderIn("PAID");
    const rival = await sessionUser("AGENT");
    const { version } = await orderRow(orderId);
    const events = await eventCount(orderId);
    const outcomes = await Promise.all([agent, rival].map((who) => transitionOrder(asActor(who), orderId, { to: "PURCHASING", version })));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toMatchObject([{ code: "CONFLICT", message: "orders:errors.conflict" }]);
    const winner = outcomes[0]?.ok ? agent : rival;
    const order = await orderRow(orderId);
    expect(order).toMatchObject({ status: "PURCHASING", version: version + 1, agentId: winner.id });
    expect(await db.orderEvent.count({ where: { orderId, toStatus: "PURCHASING" } })).toBe(1);
    expect(await eventCount(orderId)).toBe(events + 1);
  });

  test("the same agent saving a cheaper purchase twice at once: one success, one conflict; at the warehouse one refund", async () => {
    const { orderId, owner } = await orderIn("PURCHASING");
    await checkPrice(asActor(agent), orderId);
    const { version, paidFen } = await orderRow(orderId);
    const before = await wallet(owner.id);
    const payload = { foreignOrderNumber: "US-2002", actualCost: "90.00", evidenceUrl: PAYLOADS.evidenceUrl };
    const outcomes = await Promise.all([0, 1].map(() => transitionOrder(asActor(agent), orderId, { to: "PURCHASED", version, payload })));
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.status : outcome.code)).sort()).toEqual(["CONFLICT", "PURCHASED"]);
    const pending = await orderRow(orderId);
    expect(pending).toMatchObject({ refundState: "WAITING_WAREHOUSE", paidFen });
    expect(await db.walletEntry.count({ where: { orderId, kind: "REFUND" } })).toBe(0);
    await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
    const order = await orderRow(orderId);
    const refunds = await db.walletEntry.findMany({ where: { orderId, kind: "REFUND" } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.amountFen).toBe(pending.pendingRefundFen);
    expect(order.paidFen).toBe(paidFen - (refunds[0]?.amountFen ?? 0));
    expect(await wallet(owner.id)).toEqual({
      balanceFen: before.balanceFen + (refunds[0]?.amountFen ?? 0),
      ledgerFen: before.balanceFen + (refunds[0]?.amountFen ?? 0),
    });
  });

  test("a save based on an old version is a conflict and writes nothing", async () => {
    const { orderId } = await orderIn("PURCHASING");
    await checkPrice(asActor(agent), orderId);
    const { version } = await orderRow(orderId);
    const events = await eventCount(orderId);
    expect(
      await transitionOrder(asActor(agent), orderId, { to: "PURCHASED", version: version - 1, payload: PAYLOADS.purchased }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await orderRow(orderId)).version).toBe(version);
    expect(await eventCount(orderId)).toBe(events);
  });
});

test("nobody marks an order paid by hand, not even SYSTEM: paying goes through the payment provider, which charges", async () => {
  const { orderId } = await orderIn("PENDING_PAYMENT");
  const { version } = await orderRow(orderId);
  expect(await transitionOrder(system, orderId, { to: "PAID", version })).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
  expect(await orderRow(orderId)).toMatchObject({ status: "PENDING_PAYMENT", version, paidFen: 0 });
});
