import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { addToCart, getCart } from "~/services/cart.server";
import { getCheckout, placeOrder } from "~/services/checkout.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import {
  asActor,
  checkPrice,
  deposit,
  lockedCheckout,
  move,
  orderRow,
  PAYLOADS,
  placeInput,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  US_POSTAL,
} from "./order-fixtures";

// A quote an order was placed with is used for good. The probe: an order re-based on its actual cost
// (a cheaper purchase, refunded at the warehouse) no longer names its checkout quote, so the same cart
// checked out again locked that quote, and placing it (the form's idempotency key is the quote's id)
// answered with the old order: no new order, the cart kept.

let listingId = "";
let agent: SessionUser;

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  agent = await sessionUser("AGENT");
});

/** The checkout form as the page posts it: the locked quote and, as its idempotency key, that quote's id. */
const formInput = (quoteId: string) => placeInput(quoteId, { idempotencyKey: quoteId, choice: { lineCode: US_POSTAL, insurance: false } });

async function orderCount(userId: string) {
  return db.order.count({ where: { userId } });
}

/** A paid order bought for less than quoted and re-based on its actual cost at the warehouse. */
async function rebasedOrder(shopper: SessionUser) {
  const locked = await lockedCheckout(shopper, listingId);
  const placed = await placeOrder(shopper, formInput(locked.id));
  if (!placed.ok) throw new Error(`not placed: ${placed.reason}`);
  await move(asActor(agent), placed.orderId, "PURCHASING");
  await checkPrice(asActor(agent), placed.orderId);
  await move(asActor(agent), placed.orderId, "PURCHASED", {
    foreignOrderNumber: "US-9",
    actualCost: "95.00",
    evidenceUrl: PAYLOADS.evidenceUrl,
  });
  await move(asActor(agent), placed.orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
  const order = await orderRow(placed.orderId);
  expect(order.refundState).toBe("PAID");
  expect(order.quoteId).not.toBe(locked.id);
  return { orderId: placed.orderId, originalQuoteId: locked.id };
}

describe("a cart that became an order", () => {
  test("after the order is re-based, the same cart checked out again gets its own quote and becomes a second order", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 300_000);
    const first = await rebasedOrder(shopper);
    expect((await db.quote.findUniqueOrThrow({ where: { id: first.originalQuoteId } })).usedAt).not.toBeNull();

    expect(await addToCart(shopper.id, listingId, undefined, 1)).toMatchObject({ ok: true });
    const checkout = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    expect(checkout.locked?.id).toBeTruthy();
    expect(checkout.locked?.id).not.toBe(first.originalQuoteId);

    const placed = await placeOrder(shopper, formInput(checkout.locked?.id ?? ""));
    expect(placed).toMatchObject({ ok: true, existing: false, paid: true });
    if (!placed.ok) return;
    expect(placed.orderId).not.toBe(first.orderId);
    expect(await orderCount(shopper.id)).toBe(2);
    expect((await getCart(shopper.id)).lines).toHaveLength(0);
  });

  test("the old checkout form posted again answers with its order and places nothing; with another key it is priced afresh", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 300_000);
    const first = await rebasedOrder(shopper);
    await addToCart(shopper.id, listingId, undefined, 1);

    // The same form (a second tab left open): the order it made, nothing new.
    expect(await placeOrder(shopper, formInput(first.originalQuoteId))).toMatchObject({ ok: true, orderId: first.orderId, existing: true });
    // The used quote with a key of its own (a hand-made post): never charged again, the shopper gets a fresh quote to confirm.
    const other = await placeOrder(shopper, placeInput(first.originalQuoteId, { choice: { lineCode: US_POSTAL, insurance: false } }));
    expect(other).toMatchObject({ ok: false, reason: "cartChanged" });
    if (other.ok || other.reason !== "cartChanged") return;
    expect(other.quote.id).not.toBe(first.originalQuoteId);
    expect(await orderCount(shopper.id)).toBe(1);
    expect((await getCart(shopper.id)).lines).toHaveLength(1);
  });

  test("a double submit at once makes one order; both answers name it", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 300_000);
    const locked = await lockedCheckout(shopper, listingId);
    const input = formInput(locked.id);
    const outcomes = await Promise.all([placeOrder(shopper, input), placeOrder(shopper, input), placeOrder(shopper, input)]);
    const ids = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.orderId : outcome.reason)));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.ok && !outcome.existing)).toHaveLength(1);
    expect(await orderCount(shopper.id)).toBe(1);
    expect((await db.quote.findUniqueOrThrow({ where: { id: locked.id } })).usedAt).not.toBeNull();
  });

  test("two tabs posting one quote under different keys at once make one order", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 300_000);
    const locked = await lockedCheckout(shopper, listingId);
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(() => placeOrder(shopper, placeInput(locked.id, { idempotencyKey: crypto.randomUUID() }))),
    );
    const placed = outcomes.filter((outcome) => outcome.ok);
    expect(placed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(placed.map((outcome) => outcome.orderId)).size).toBe(1);
    expect(placed.filter((outcome) => !outcome.existing)).toHaveLength(1);
    expect(await orderCount(shopper.id)).toBe(1);
  });

  test("quotes an order's flow makes (the actual-cost quote) are never locked by checkout", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 300_000);
    const { orderId } = await placeNewOrder(shopper, listingId);
    await move(asActor(agent), orderId, "PURCHASING");
    await checkPrice(asActor(agent), orderId);
    await move(asActor(agent), orderId, "PURCHASED", {
      foreignOrderNumber: "US-10",
      actualCost: "95.00",
      evidenceUrl: PAYLOADS.evidenceUrl,
    });
    await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
    const rebasedOn = await db.quote.findUniqueOrThrow({ where: { id: (await orderRow(orderId)).quoteId } });
    expect(rebasedOn.usedAt).not.toBeNull();
  });
});
