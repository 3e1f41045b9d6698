import { beforeAll, describe, expect, test } from "vitest";
import { fromChinaClock } from "~/domain/china-time";
import { toFen } from "~/domain/landed-cost";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$id";
import { loader as photoLoader } from "~/routes/orders.$id.photos.$name";
import { addToCart } from "~/services/cart.server";
import { getCheckout } from "~/services/checkout.server";
import { recordPackedParcel } from "~/services/order-packing.server";
import { runStorageReminders, sendStorageReminders } from "~/services/storage-reminders.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import {
  ADDRESS,
  asActor,
  balanceOf,
  checkPrice,
  deposit,
  move,
  PAYLOADS,
  placeNewOrder,
  purchase,
  seedOrderWorld,
  sessionUser,
  storedQuote,
  US_POSTAL,
} from "./order-fixtures";

// Issue 17, part 3: packing options priced in the checkout quote (as part of international
// shipping), free storage days per line with their end and a reminder, the packed parcel recorded
// by the agent before it leaves.

type Shopper = Awaited<ReturnType<typeof sessionUser>>;
type CheckoutBody = {
  result: { status?: string; error?: Record<string, string[] | null> };
  requote: { reason: string; previousTotal: string; total: string } | null;
  checkout: { locked: { id: string; total: string; totalFen: number } | null } | null;
};

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Shopper;
let admin: Shopper;

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, admin] = [await sessionUser("AGENT"), await sessionUser("ADMIN")];
});

const args = (request: Request) => ({ request, params: {}, context: {} });
const BOTH = { removeBoxes: true, extraProtection: true };

async function post(shopper: Shopper, body: Record<string, string>) {
  const response = await respond(() => checkoutAction(args(formRequest("/checkout", body, { cookie: shopper.cookie }))));
  return {
    status: response.status,
    location: response.headers.get("Location"),
    body: response.status === 302 ? null : ((await response.json()) as CheckoutBody),
  };
}

async function shopperWithCart() {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, 500_000);
  const added = await addToCart(shopper.id, world.listingId, undefined, 1);
  if (!added.ok) throw new Error(added.error);
  return shopper;
}

const place = (quoteId: string, extra: Record<string, string> = {}) => ({
  intent: "place",
  quoteId,
  idempotencyKey: quoteId,
  line: US_POSTAL,
  ...ADDRESS,
  ...extra,
});

describe("packing options at checkout", () => {
  test("the page prices them from the URL, and the order charges exactly the quote with packing", async () => {
    const shopper = await shopperWithCart();
    const plain = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    const page = await respond(() =>
      checkoutLoader(args(getRequest(`/checkout?line=${US_POSTAL}&removeBoxes=1&extraProtection=1`, shopper.cookie))),
    );
    const { checkout } = (await page.json()) as {
      checkout: { packing: unknown; locked: { id: string; totalFen: number; result: { packing?: unknown } } | null };
    };
    expect(checkout.packing).toEqual(BOTH);
    const locked = checkout.locked;
    // The line's fees as the migration sets them: 5.00 to remove the boxes, 12.00 for extra protection.
    expect(locked?.result.packing).toEqual({ ...BOTH, fee: "17.00" });
    expect(locked?.totalFen).toBe((plain.locked?.totalFen ?? 0) + 1_700);
    const stored = await storedQuote(locked?.id ?? "");
    expect(stored.request.packing).toEqual(BOTH);
    expect(stored.context.shippingLine).toMatchObject({ removeBoxesFee: "5.00", extraProtectionFee: "12.00" });

    const placed = await post(shopper, place(locked?.id ?? "", { removeBoxes: "1", extraProtection: "1" }));
    expect(placed.status).toBe(302);
    const order = await db.order.findFirstOrThrow({ where: { userId: shopper.id } });
    expect(order).toMatchObject({ quoteId: locked?.id, totalFen: locked?.totalFen, paidFen: locked?.totalFen, freeStorageDays: 30 });
    expect(await balanceOf(shopper.id)).toBe(500_000 - (locked?.totalFen ?? 0));
    expect(toFen(stored.result.total)).toBe(order.totalFen);
  });

  test("a form whose packing is not the locked quote's is re-quoted, nothing placed", async () => {
    const shopper = await shopperWithCart();
    const plain = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    const changed = await post(shopper, place(plain.locked?.id ?? "", { extraProtection: "1" }));
    expect(changed.status).toBe(409);
    expect(changed.body?.requote).toMatchObject({ reason: "packingChanged", previousTotal: plain.locked?.total });
    expect(toFen(changed.body?.requote?.total ?? "0")).toBe((plain.locked?.totalFen ?? 0) + 1_200);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
    expect(await balanceOf(shopper.id)).toBe(500_000);
  });

  test("a malformed packing field is refused with a localized message, nothing placed", async () => {
    const shopper = await shopperWithCart();
    const plain = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    const bad = await post(shopper, place(plain.locked?.id ?? "", { removeBoxes: "yes" }));
    expect(bad.status).toBe(400);
    expect(bad.body?.result.error?.removeBoxes).toEqual(["orders:errors.invalidRequest"]);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
  });
});

/** A paid order of a new shopper, bought by the agent and at the warehouse since `arrivedAt`. */
async function atWarehouse(arrivedAt = new Date()) {
  const owner = await sessionUser("SHOPPER");
  await deposit(owner.id, 500_000);
  const { orderId } = await placeNewOrder(owner, world.listingId);
  await move(asActor(agent), orderId, "PURCHASING");
  await checkPrice(asActor(agent), orderId);
  await purchase(asActor(agent), orderId);
  const before = Date.now();
  await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  expect(order.arrivedAt?.getTime()).toBeGreaterThanOrEqual(before);
  // The arrival as the test needs it (the move records the real time).
  await db.order.update({ where: { id: orderId }, data: { arrivedAt } });
  return { owner, orderId };
}

async function orderPage(viewer: Shopper, orderId: string) {
  const response = await respond(() =>
    orderLoader({ request: getRequest(`/orders/${orderId}`, viewer.cookie), params: { id: orderId }, context: {} }),
  );
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as OrderPage) : null };
}

type OrderPage = {
  canPack: boolean;
  order: {
    storage: { freeDays: number; freeUntilDay: string | null; ended: boolean } | null;
    packedWeightGrams: number | null;
    packedDimensionsCm: number[] | null;
    events: { kind: string; messageKey: string | null; attachments: string[]; params: Record<string, unknown> }[];
  };
};

const remindersOf = (userId: string) => db.notification.count({ where: { userId, kind: "STORAGE_ENDING" } });

describe("free storage", () => {
  test("the order page states the days before arrival, then the last free day in China's calendar", async () => {
    const arrived = fromChinaClock(2025, 9, 1, 23, 30); // 2025年10月1日 23:30 China time
    const { owner, orderId } = await atWarehouse(arrived);
    const page = await orderPage(owner, orderId);
    expect(page.body?.order.storage).toEqual({ freeDays: 30, freeUntilDay: "2025-10-31", ended: true });
    await db.order.update({ where: { id: orderId }, data: { arrivedAt: new Date() } });
    const now = await orderPage(owner, orderId);
    expect(now.body?.order.storage).toMatchObject({ freeDays: 30, ended: false });
  });

  test("the reminder goes out once, a few days before the end, and never twice (concurrent runs included)", async () => {
    const arrived = fromChinaClock(2026, 11, 1, 10);
    const { owner, orderId } = await atWarehouse(arrived);
    // Too early: nothing.
    await sendStorageReminders(fromChinaClock(2026, 11, 20));
    expect(await remindersOf(owner.id)).toBe(0);
    const due = fromChinaClock(2026, 11, 29, 9);
    const runs = await Promise.all([sendStorageReminders(due), sendStorageReminders(due)]);
    expect(runs.every((run) => run.counts.failed === 0)).toBe(true);
    expect(await remindersOf(owner.id)).toBe(1);
    await sendStorageReminders(fromChinaClock(2026, 11, 30, 9));
    expect(await remindersOf(owner.id)).toBe(1);
    const notification = await db.notification.findFirstOrThrow({ where: { userId: owner.id, kind: "STORAGE_ENDING" } });
    expect(JSON.parse(notification.params)).toMatchObject({ until: "2026-12-31" });
    expect(notification.link).toBe(`/orders/${orderId}`);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).storageRemindedAt).toEqual(due);
  });

  test("the job runs under its lease and records its run", async () => {
    const run = await runStorageReminders("CLI", "storage-test");
    expect(run.outcome).toBe("OK");
    const recorded = await db.jobRun.findFirstOrThrow({ where: { job: "storage-reminders", outcome: "OK" }, select: { counts: true } });
    expect(JSON.parse(recorded.counts ?? "{}")).toMatchObject({ failed: 0 });
  });

  test("no reminder once the parcel left the warehouse, or for an order from before storage days", async () => {
    const shipped = await atWarehouse(fromChinaClock(2026, 11, 1, 10));
    await move(asActor(agent), shipped.orderId, "SHIPPED", PAYLOADS.shipped);
    const old = await atWarehouse(fromChinaClock(2026, 11, 1, 10));
    await db.order.update({ where: { id: old.orderId }, data: { freeStorageDays: null } });
    await sendStorageReminders(fromChinaClock(2026, 11, 29, 9));
    expect(await remindersOf(shipped.owner.id)).toBe(0);
    expect(await remindersOf(old.owner.id)).toBe(0);
    expect((await orderPage(old.owner, old.orderId)).body?.order.storage).toBeNull();
  });
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function packedRequest(orderId: string, fields: Record<string, string>, cookie: string, photo = true) {
  const form = new FormData();
  for (const [key, value] of Object.entries({ intent: "packed", ...fields })) form.set(key, value);
  if (photo) form.append("photos", new File([new Uint8Array(PNG)], "packed.png", { type: "image/png" }));
  return new Request(`http://localhost:3000/orders/${orderId}?form=packed`, { method: "POST", body: form, headers: { Cookie: cookie } });
}

async function postPacked(viewer: Shopper, orderId: string, fields: Record<string, string>, photo = true) {
  const response = await respond(() =>
    orderAction({ request: packedRequest(orderId, fields, viewer.cookie, photo), params: { id: orderId }, context: {} }),
  );
  return { status: response.status, body: response.status === 302 ? null : ((await response.json()) as Record<string, unknown>) };
}

const PACKED = { weightGrams: "430", lengthCm: "25", widthCm: "18", heightCm: "8" };

describe("the packed parcel before it leaves", () => {
  test("the agent records weight, size and a photo; the shopper sees them and the photo on the timeline", async () => {
    const { owner, orderId } = await atWarehouse();
    expect((await orderPage(agent, orderId)).body?.canPack).toBe(true);
    expect((await orderPage(owner, orderId)).body?.canPack).toBe(false);
    const { version } = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const posted = await postPacked(agent, orderId, { ...PACKED, version: String(version) });
    expect(posted.status).toBe(302);
    const page = await orderPage(owner, orderId);
    expect(page.body?.order).toMatchObject({ packedWeightGrams: 430, packedDimensionsCm: [25, 18, 8] });
    const event = page.body?.order.events.find((entry) => entry.messageKey === "packed");
    expect(event).toMatchObject({ kind: "NOTICE", params: { weightGrams: 430, dimensions: "25 × 18 × 8" } });
    expect(event?.attachments).toHaveLength(1);
    // The photo is served to the order's shopper, never to another shopper.
    const name = event?.attachments[0] ?? "";
    const photo = (viewer: Shopper) =>
      respond(() =>
        photoLoader({
          request: getRequest(`/orders/${orderId}/photos/${name}`, viewer.cookie),
          params: { id: orderId, name },
          context: {},
        }),
      );
    const served = await photo(owner);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect((await photo(await sessionUser("SHOPPER"))).status).toBe(404);
    expect(await db.notification.count({ where: { userId: owner.id, kind: "ORDER_PACKED" } })).toBe(1);
  });

  test("an admin may record it; the shopper, another agent and an outdated page may not", async () => {
    const { owner, orderId } = await atWarehouse();
    const other = await sessionUser("AGENT");
    const { version } = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const payload = { weightGrams: 430, dimensionsCm: [25, 18, 8], photos: ["0123456789abcdef0123456789abcdef.jpg"] };
    const byShopper = await postPacked(owner, orderId, { ...PACKED, version: String(version) });
    expect(byShopper).toEqual({ status: 403, body: { error: "orders:errors.packedNotAllowed" } });
    // Another agent does not see a claimed order at all.
    expect(await recordPackedParcel(other, orderId, { version, payload })).toEqual({ ok: false, reason: "notFound" });
    expect(await recordPackedParcel(admin, orderId, { version, payload })).toEqual({ ok: true });
    expect(await recordPackedParcel(agent, orderId, { version, payload })).toEqual({ ok: false, reason: "conflict" });
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).packedWeightGrams).toBe(430);
  });

  test("bad input is refused with localized messages at the fields, nothing written; not before the warehouse", async () => {
    const { orderId } = await atWarehouse();
    const { version } = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const bad = await postPacked(
      agent,
      orderId,
      { weightGrams: "-3", lengthCm: "x", widthCm: "18", heightCm: "8", version: String(version) },
      false,
    );
    expect(bad.status).toBe(400);
    const fieldErrors = (bad.body?.transition as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(fieldErrors.weightGrams).toEqual(["orders:errors.weightInvalid"]);
    expect(fieldErrors.photos).toEqual(["orders:errors.photosRequired"]);
    expect(Object.keys(fieldErrors).some((key) => key.startsWith("dimensionsCm"))).toBe(true);
    const badVersion = await postPacked(agent, orderId, { ...PACKED, version: "soon" });
    expect(badVersion).toEqual({ status: 400, body: { error: "orders:errors.invalidRequest" } });
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).packedWeightGrams).toBeNull();

    const owner = await sessionUser("SHOPPER");
    await deposit(owner.id, 500_000);
    const paid = await placeNewOrder(owner, world.listingId);
    const early = await recordPackedParcel(admin, paid.orderId, {
      version: 0,
      payload: { weightGrams: 430, dimensionsCm: [25, 18, 8], photos: ["0123456789abcdef0123456789abcdef.jpg"] },
    });
    expect(early).toEqual({ ok: false, reason: "notNow" });
  });
});
