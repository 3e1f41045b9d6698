import { beforeAll, describe, expect, test } from "vitest";
import { getOrder, listOrderQueue, listShopperOrders, orderTimelineMark, postOrderMessage, revealIdentity } from "~/services/orders.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { asActor, deposit, IDENTITY, move, placeNewOrder, purchase, seedOrderWorld, sessionUser, US_CBEC } from "./order-fixtures";

// Who sees which order: a shopper their own, an agent the unassigned ones and their own, an admin all.

let listingId = "";
let alice: SessionUser;
let bob: SessionUser;
let agentA: SessionUser;
let agentB: SessionUser;
let admin: SessionUser;
const orders = { aliceUnpaid: "", aliceUnassigned: "", aliceWithA: "", bobWithB: "", aliceCbec: "" };

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [alice, bob, agentA, agentB, admin] = [
    await sessionUser("SHOPPER"),
    await sessionUser("SHOPPER"),
    await sessionUser("AGENT"),
    await sessionUser("AGENT"),
    await sessionUser("ADMIN"),
  ];
  orders.aliceUnpaid = (await placeNewOrder(alice, listingId)).orderId;
  await deposit(alice.id, 1_000_000);
  await deposit(bob.id, 1_000_000);
  orders.aliceUnassigned = (await placeNewOrder(alice, listingId)).orderId;
  orders.aliceWithA = (await placeNewOrder(alice, listingId)).orderId;
  await move(asActor(agentA), orders.aliceWithA, "PURCHASING");
  orders.bobWithB = (await placeNewOrder(bob, listingId)).orderId;
  await move(asActor(agentB), orders.bobWithB, "PURCHASING");
  orders.aliceCbec = (await placeNewOrder(alice, listingId, { lineCode: US_CBEC })).orderId;
});

describe("who sees an order", () => {
  test("a shopper sees only their own orders; another's id finds nothing", async () => {
    expect((await getOrder(alice, orders.aliceWithA))?.id).toBe(orders.aliceWithA);
    expect(await getOrder(alice, orders.bobWithB)).toBeNull();
    expect(await getOrder(bob, orders.aliceUnassigned)).toBeNull();
    expect(await getOrder(bob, orders.aliceUnpaid)).toBeNull();
    expect(await orderTimelineMark(bob, orders.aliceWithA)).toBeNull();
    expect(await postOrderMessage(bob, orders.aliceWithA, "hello?")).toEqual({ ok: false, reason: "notFound" });
    expect(await db.orderEvent.count({ where: { orderId: orders.aliceWithA, kind: "MESSAGE" } })).toBe(0);
  });

  test("an agent sees unassigned orders and their own, never another agent's", async () => {
    expect((await getOrder(agentA, orders.aliceUnassigned))?.id).toBe(orders.aliceUnassigned);
    expect((await getOrder(agentA, orders.aliceWithA))?.id).toBe(orders.aliceWithA);
    expect(await getOrder(agentA, orders.bobWithB)).toBeNull();
    expect(await getOrder(agentB, orders.aliceWithA)).toBeNull();

    const unassigned = (await listOrderQueue(agentA, { view: "unassigned" })).map((row) => row.id);
    expect(unassigned).toContain(orders.aliceUnassigned);
    // Nothing to buy yet: an unpaid order is not in the agents' queue.
    expect(unassigned).not.toContain(orders.aliceUnpaid);
    expect(unassigned).not.toContain(orders.aliceWithA);
    expect((await listOrderQueue(agentA, { view: "mine" })).map((row) => row.id)).toEqual([orders.aliceWithA]);
    const all = (await listOrderQueue(agentA, { view: "all" })).map((row) => row.id);
    expect(all).toEqual(expect.arrayContaining([orders.aliceUnassigned, orders.aliceWithA]));
    expect(all).not.toContain(orders.bobWithB);
  });

  test("an admin sees every order", async () => {
    for (const id of Object.values(orders)) expect((await getOrder(admin, id))?.id).toBe(id);
    expect((await listOrderQueue(admin, { view: "all" })).map((row) => row.id)).toEqual(expect.arrayContaining(Object.values(orders)));
  });

  test("messages: the assigned agent and the owner write on the order, an agent not assigned to it cannot", async () => {
    expect(await postOrderMessage(agentA, orders.aliceUnassigned, "I can take this")).toEqual({ ok: false, reason: "notAssigned" });
    expect(await postOrderMessage(agentB, orders.aliceWithA, "mine now")).toEqual({ ok: false, reason: "notFound" });
    expect(await postOrderMessage(alice, orders.aliceWithA, "Black, please")).toEqual({ ok: true });
    expect(await postOrderMessage(agentA, orders.aliceWithA, "Noted")).toEqual({ ok: true });
    const messages = await db.orderEvent.findMany({
      where: { orderId: orders.aliceWithA, kind: "MESSAGE" },
      orderBy: { createdAt: "asc" },
      select: { note: true, actorRole: true },
    });
    expect(messages).toEqual([
      { note: "Black, please", actorRole: "SHOPPER" },
      { note: "Noted", actorRole: "AGENT" },
    ]);
    expect(await db.notification.count({ where: { userId: agentA.id, kind: "ORDER_MESSAGE" } })).toBe(1);
  });
});

describe("the buyer's identity", () => {
  test("is readable in full by the owner and by admins (audited), not by agents or other shoppers", async () => {
    expect(await revealIdentity(alice, orders.aliceCbec)).toEqual(IDENTITY);
    expect(await revealIdentity(admin, orders.aliceCbec)).toEqual(IDENTITY);
    expect(await db.auditLog.count({ where: { actorId: admin.id, entityId: orders.aliceCbec, action: "reveal-identity" } })).toBe(1);
    expect(await revealIdentity(agentA, orders.aliceCbec)).toBeNull();
    expect(await revealIdentity(bob, orders.aliceCbec)).toBeNull();
    // The owner and admins see it masked; an agent only on an order they claimed (tests/integration/hardening-orders.test.ts).
    for (const viewer of [alice, admin]) {
      const seen = await getOrder(viewer, orders.aliceCbec);
      expect(seen?.identityMasked).toMatch(/^张\*丰 1101\*{10}\w{4}$/);
      expect(seen?.identityMasked).not.toContain(IDENTITY.residentId);
    }
    expect((await getOrder(agentA, orders.aliceCbec))?.identityMasked).toBeNull();
  });

  test("is not stored in plain text anywhere the order wrote to", async () => {
    const [row] = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Order" WHERE "id" = ${orders.aliceCbec}`;
    expect(row?.identityCipher).toEqual(expect.any(String));
    const related = [
      row,
      await db.orderEvent.findMany({ where: { orderId: orders.aliceCbec } }),
      await db.notification.findMany({ where: { userId: alice.id } }),
      await db.emailOutbox.findMany({ where: { to: alice.email } }),
      await db.quote.findMany({ where: { userId: alice.id } }),
    ];
    const text = JSON.stringify(related);
    expect(text).not.toContain(IDENTITY.residentId);
    expect(text).not.toContain(IDENTITY.realName);
    expect(text).not.toContain(IDENTITY.residentId.slice(6, 14));
  });

  test("a postal order stores no identity at all", async () => {
    const row = await db.order.findUniqueOrThrow({ where: { id: orders.aliceUnassigned } });
    expect({ identityCipher: row.identityCipher, identityMasked: row.identityMasked }).toEqual({
      identityCipher: null,
      identityMasked: null,
    });
    expect(await revealIdentity(alice, orders.aliceUnassigned)).toBeNull();
  });
});

describe("the shopper's order centre", () => {
  test("each tab lists its own orders, every tab shows its count, and only the shopper's orders count", async () => {
    const carol = await sessionUser("SHOPPER");
    const unpaid = { id: (await placeNewOrder(carol, listingId)).orderId }; // an empty wallet leaves it unpaid
    await deposit(carol.id, 1_000_000);
    const paid = (await placeNewOrder(carol, listingId)).orderId;
    const bought = (await placeNewOrder(carol, listingId)).orderId;
    await move(asActor(agentA), bought, "PURCHASING");
    await purchase(asActor(agentA), bought);
    await db.complaint.create({
      data: {
        number: `C${Date.now()}`,
        orderId: bought,
        userId: carol.id,
        category: "SLOW_PROCUREMENT",
        description: "还没发货",
        status: "OPEN",
        answerDueAt: new Date(Date.now() + 86_400_000),
      },
    });

    const all = await listShopperOrders(carol.id);
    expect(all.counts).toEqual({ all: 3, "to-pay": 1, purchasing: 1, "to-receive": 1, "after-sales": 1 });
    expect(all.orders.map((order) => order.id).sort()).toEqual([unpaid.id, paid, bought].sort());
    expect((await listShopperOrders(carol.id, "to-pay")).orders.map((order) => order.id)).toEqual([unpaid.id]);
    expect((await listShopperOrders(carol.id, "purchasing")).orders.map((order) => order.id)).toEqual([paid]);
    expect((await listShopperOrders(carol.id, "to-receive")).orders.map((order) => order.id)).toEqual([bought]);
    expect((await listShopperOrders(carol.id, "after-sales")).orders.map((order) => order.id)).toEqual([bought]);
    // Each row carries what the card draws: the items' names and pictures, and how many items in all.
    const row = all.orders.find((order) => order.id === paid);
    expect(row?.items[0]?.titleZh.length).toBeGreaterThan(0);
    expect(row?._count.items).toBe(1);
  });
});
