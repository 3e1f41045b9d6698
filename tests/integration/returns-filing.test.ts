import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_RETURN_POLICY, type RefundComputation, type RefundLine } from "~/domain/returns";
import { loader as returnFormLoader, action as returnFormAction } from "~/routes/orders.$id_.return";
import { getReturnPolicy, updateReturnPolicy } from "~/services/return-policy.server";
import { getReturnContext, previewReturn, type ReturnInput } from "~/services/returns.server";
import { db } from "~/utils/db.server";
import { getRequest, respond } from "./helpers";
import { balanceOf, seedOrderWorld, sessionUser, US_CBEC } from "./order-fixtures";
import {
  args,
  createListing,
  DAY_MS,
  deliveredOrder,
  file,
  multipartRequest,
  pngFile,
  quoteLine,
  refunds,
  returnRow,
  step,
  toReceived,
  type Person,
} from "./returns-fixtures";

// Filing: before confirming, the shopper sees whether the units may go back, who pays the return
// parcel and the itemized refund, computed from the order's own quote; filing stores exactly that,
// and REFUNDED pays exactly that. Listings: 100.00 USD / 500 g and 20.00 USD / 200 g electronics; the
// US postal line charges 98.00 for the first 500 g, 32.00 per further 500 g, plus 10.00 handling; the
// US CBEC line 75.00 for the first 1,000 g plus 5.00 handling.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
});

afterEach(async () => {
  if ((await getReturnPolicy()).restockingRate !== "0")
    await updateReturnPolicy(admin, { ...DEFAULT_RETURN_POLICY, excludedCategories: [...DEFAULT_RETURN_POLICY.excludedCategories] }, "");
});

/** round(line × k / q), half-up, as the spec shares a line over units. */
const share = (lineFen: number, units: number, of: number) => Math.round((lineFen * units) / of);
const line = (computation: RefundComputation, code: RefundLine["code"]) => computation.lines.find((entry) => entry.code === code);

async function preview(shopperId: string, orderId: string, input: Omit<ReturnInput, "photoCount"> & { photoCount?: number }) {
  const context = await getReturnContext(shopperId, orderId);
  if (!context) throw new Error("no return context");
  return previewReturn(context, { photoCount: 0, ...input });
}

/** Refunds the return along the happy path and returns the one REFUND entry. */
async function refundAll(returnId: string) {
  await toReceived(agent, returnId);
  await step(agent, returnId, "REFUNDED");
  const entries = await refunds(returnId);
  expect(entries).toHaveLength(1);
  return entries[0];
}

describe("platform fault: everything paid comes back, the platform pays the return parcel", () => {
  test("a damaged unit: the preview itemizes every line paid for it; filing stores that; REFUNDED pays exactly it", async () => {
    const { shopper, orderId, quoteId, totalFen } = await deliveredOrder(agent, [{ listingId: world.listingId }], { insurance: true });
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { deliveredAt: true } });
    const shown = await preview(shopper.id, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }], photoCount: 1 });

    expect(shown.problems).toEqual([]);
    expect(shown.fault).toBe("PLATFORM");
    expect(shown.deadline).toBe(new Date((order.deliveredAt?.getTime() ?? 0) + 30 * DAY_MS).toISOString());
    const computation = shown.computation as RefundComputation;
    expect(computation.refundFen).toBe(totalFen);
    expect(computation.paidForUnitsFen).toBe(totalFen);
    for (const code of ["goods", "service_fee", "international_shipping", "insurance", "import_tax"] as const) {
      expect(line(computation, code)).toEqual({
        code,
        amountFen: await quoteLine(quoteId, code),
        treatment: "REFUNDED",
        effectFen: await quoteLine(quoteId, code),
      });
    }
    expect(await quoteLine(quoteId, "insurance")).toBeGreaterThan(0);
    expect(await quoteLine(quoteId, "import_tax")).toBeGreaterThan(0);
    // 500 g on the postal line: 98.00 + 10.00, borne by the platform.
    expect(line(computation, "return_shipping")).toEqual({
      code: "return_shipping",
      amountFen: 10_800,
      treatment: "PLATFORM_PAYS",
      effectFen: 0,
    });
    expect(computation).toMatchObject({ returnShippingPaidBy: "PLATFORM", deductionsFen: 0, restockingFeeFen: 0, importTaxRefunded: true });

    const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const row = await returnRow(returnId);
    expect(row).toMatchObject({
      status: "REQUESTED",
      fault: "PLATFORM",
      reason: "DAMAGED",
      quotedRefundFen: totalFen,
      orderId,
      userId: shopper.id,
    });
    expect(JSON.parse(row.computation)).toEqual(computation);
    expect(row.items.map(({ position, quantity }) => ({ position, quantity }))).toEqual([{ position: 0, quantity: 1 }]);

    const before = await balanceOf(shopper.id);
    expect(await refundAll(returnId)).toEqual({ kind: "REFUND", amountFen: totalFen, orderId, userId: shopper.id, returnId });
    expect(await balanceOf(shopper.id)).toBe(before + totalFen);
    expect(await returnRow(returnId)).toMatchObject({ status: "REFUNDED", refundedFen: totalFen });
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { paidFen: true } })).toEqual({ paidFen: 0 });
  });

  test("the form: GET shows eligibility, who pays and the refund; POST with the photo files stores exactly that", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.listingId }]);
    const url = `/orders/${orderId}/return?reason=DAMAGED&qty-0=1&description=${encodeURIComponent("Cracked ear cup")}`;
    const page = await respond(() => returnFormLoader(args(getRequest(url, shopper.cookie), { id: orderId })));
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      preview: { fault: string; problems: unknown[]; computation: RefundComputation };
      items: { position: number; remaining: number }[];
    };
    expect(body.preview).toMatchObject({
      fault: "PLATFORM",
      problems: [],
      computation: { refundFen: totalFen, returnShippingPaidBy: "PLATFORM" },
    });
    expect(body.items).toEqual([expect.objectContaining({ position: 0, remaining: 1 })]);

    const posted = await respond(() =>
      returnFormAction(
        args(
          multipartRequest(
            `/orders/${orderId}/return`,
            { reason: "DAMAGED", "qty-0": "1", description: "Cracked ear cup" },
            { photos: [pngFile("crack.png")] },
            shopper.cookie,
          ),
          { id: orderId },
        ),
      ),
    );
    expect(posted.status).toBe(302);
    const entry = await db.returnRequest.findFirstOrThrow({ where: { orderId }, include: { events: true } });
    expect(posted.headers.get("Location")).toBe(`/returns/${entry.id}`);
    expect(JSON.parse(entry.computation)).toEqual(body.preview.computation);
    expect(entry).toMatchObject({ quotedRefundFen: totalFen, description: "Cracked ear cup", status: "REQUESTED" });
    const [filed] = entry.events;
    expect(JSON.parse(filed?.attachments ?? "[]")).toEqual([expect.stringMatching(/^[a-f0-9]{32}\.png$/)]);

    // Once filed, the form shows the unit as no longer returnable.
    const after = await respond(() => returnFormLoader(args(getRequest(`/orders/${orderId}/return`, shopper.cookie), { id: orderId })));
    expect(((await after.json()) as { items: { remaining: number }[] }).items).toEqual([expect.objectContaining({ remaining: 0 })]);
  });
});

describe("shopper fault: goods and the store's shipping back, minus the return parcel and restocking", () => {
  test("two of three units on POSTAL: the deductions and the kept lines shown before filing; the refund paid as shown", async () => {
    await updateReturnPolicy(admin, {
      ...DEFAULT_RETURN_POLICY,
      excludedCategories: [...DEFAULT_RETURN_POLICY.excludedCategories],
      restockingRate: "0.10",
    });
    await db.returnAddress.upsert({
      where: { country: "US" },
      create: { country: "US", address: "US Audio Returns, 1 Main St, Los Angeles" },
      update: { address: "US Audio Returns, 1 Main St, Los Angeles" },
    });
    const { shopper, orderId, quoteId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 3 }], {
      insurance: true,
    });
    const page = await respond(() =>
      returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=CHANGED_MIND&qty-0=2`, shopper.cookie), { id: orderId })),
    );
    const body = (await page.json()) as {
      preview: { fault: string; problems: unknown[]; computation: RefundComputation };
      returnAddress: { country: string; address: string };
    };
    expect(body.returnAddress).toEqual({ country: "US", address: "US Audio Returns, 1 Main St, Los Angeles" });
    expect(body.preview.fault).toBe("SHOPPER");
    expect(body.preview.problems).toEqual([]);
    const computation = body.preview.computation;

    const goods = share(await quoteLine(quoteId, "goods"), 2, 3);
    const domestic = share(await quoteLine(quoteId, "domestic_shipping"), 2, 3);
    const restocking = Math.round(goods * 0.1);
    // Two 200 g units, one 400 g parcel on the postal line: 98.00 + 10.00.
    const returnShipping = 10_800;
    expect(line(computation, "goods")).toMatchObject({ amountFen: goods, treatment: "REFUNDED" });
    expect(line(computation, "return_shipping")).toEqual({
      code: "return_shipping",
      amountFen: returnShipping,
      treatment: "DEDUCTED",
      effectFen: -returnShipping,
    });
    expect(line(computation, "restocking_fee")).toEqual({
      code: "restocking_fee",
      amountFen: restocking,
      treatment: "DEDUCTED",
      effectFen: -restocking,
    });
    for (const code of ["service_fee", "international_shipping", "insurance", "import_tax"] as const) {
      expect(line(computation, code)).toEqual({
        code,
        amountFen: share(await quoteLine(quoteId, code), 2, 3),
        treatment: "NOT_REFUNDED",
        effectFen: 0,
      });
    }
    // POSTAL: the tax paid is real but does not come back at shopper fault.
    expect(await quoteLine(quoteId, "import_tax")).toBeGreaterThan(0);
    const expected = goods + domestic - returnShipping - restocking;
    expect(computation).toMatchObject({
      refundFen: expected,
      returnShippingPaidBy: "SHOPPER",
      importTaxRefunded: false,
      worthFiling: true,
      deductionsFen: returnShipping + restocking,
    });

    const returnId = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 2 }] });
    expect(JSON.parse((await returnRow(returnId)).computation)).toEqual(computation);
    expect((await refundAll(returnId))?.amountFen).toBe(expected);
  });

  test("several units in one parcel: one return-shipping deduction for all, not one per unit", async () => {
    const second = await createListing(world.storeId, { price: "30.00", weightGrams: 300 });
    const { shopper, orderId, quoteId } = await deliveredOrder(agent, [
      { listingId: world.cheapListingId, quantity: 3 },
      { listingId: second.id },
    ]);
    const items = await db.orderItem.findMany({ where: { orderId }, select: { position: true, listingId: true, quantity: true } });
    const cheapAt = items.find((item) => item.listingId === world.cheapListingId)?.position ?? -1;
    const secondAt = items.find((item) => item.listingId === second.id)?.position ?? -1;
    const requested = [
      { position: cheapAt, quantity: 3 },
      { position: secondAt, quantity: 1 },
    ];

    const alone = await preview(shopper.id, orderId, { reason: "SIZE_FIT", requested: [{ position: cheapAt, quantity: 1 }] });
    const together = await preview(shopper.id, orderId, { reason: "SIZE_FIT", requested });
    expect(alone.computation?.returnShippingFen).toBe(10_800);
    // 3 × 200 g + 300 g = 900 g in one parcel: 98.00 + 32.00 + 10.00, once.
    const computation = together.computation as RefundComputation;
    expect(computation.returnChargeableGrams).toBe(900);
    expect(line(computation, "return_shipping")).toEqual({
      code: "return_shipping",
      amountFen: 14_000,
      treatment: "DEDUCTED",
      effectFen: -14_000,
    });
    // All the goods of the order come back, minus that one parcel.
    expect(computation.refundFen).toBe((await quoteLine(quoteId, "goods")) + (await quoteLine(quoteId, "domestic_shipping")) - 14_000);

    const returnId = await file(shopper, orderId, { reason: "SIZE_FIT", requested });
    const row = await returnRow(returnId);
    expect(row.items.map(({ position, quantity }) => ({ position, quantity })).sort((a, b) => a.position - b.position)).toEqual(
      [...requested].sort((a, b) => a.position - b.position),
    );
    expect((await refundAll(returnId))?.amountFen).toBe(computation.refundFen);
  });

  test("deductions above the refundable amount: the preview says the return is not worth filing, with the numbers", async () => {
    const trinket = await createListing(world.storeId, { price: "5.00", weightGrams: 200 });
    const { shopper, orderId, quoteId } = await deliveredOrder(agent, [{ listingId: trinket.id }]);
    const shown = await preview(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const refundable = (await quoteLine(quoteId, "goods")) + (await quoteLine(quoteId, "domestic_shipping"));
    expect(refundable).toBeLessThan(10_800);
    expect(shown.computation).toMatchObject({
      refundFen: 0,
      worthFiling: false,
      refundableFen: refundable,
      deductionsFen: 10_800,
      shortfallFen: 10_800 - refundable,
    });
  });
});

describe("import tax by regime", () => {
  test("CBEC at shopper fault: the tax comes back when the goods reach the bonded point within 30 days of release, not after", async () => {
    const { shopper, orderId, quoteId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }], {
      lineCode: US_CBEC,
    });
    const { deliveredAt } = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { deliveredAt: true } });
    const released = deliveredAt?.getTime() ?? 0;
    const tax = share(await quoteLine(quoteId, "import_tax"), 1, 2);
    expect(tax).toBeGreaterThan(0);
    const shown = await preview(shopper.id, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const computation = shown.computation as RefundComputation;
    expect(shown.cbecTaxDeadline).toBe(new Date(released + 30 * DAY_MS).toISOString());
    expect(line(computation, "import_tax")).toEqual({ code: "import_tax", amountFen: tax, treatment: "REFUNDED", effectFen: tax });
    // 200 g on the CBEC line: 75.00 + 5.00.
    const goods = share(await quoteLine(quoteId, "goods"), 1, 2) + share(await quoteLine(quoteId, "domestic_shipping"), 1, 2);
    expect(computation.refundFen).toBe(goods + tax - 8_000);

    // Filed in time, arrived in time: refunded as filed.
    const onTime = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    expect((await returnRow(onTime)).quotedRefundFen).toBe(computation.refundFen);
    await toReceived(agent, onTime, undefined, new Date(released + 29 * DAY_MS));
    expect((await returnRow(onTime)).inspectedRefundFen).toBe(computation.refundFen);
    await step(agent, onTime, "REFUNDED");
    expect((await refunds(onTime)).map((entry) => entry.amountFen)).toEqual([computation.refundFen]);

    // The second unit is filed in time but reaches the bonded point on day 31: the tax stays.
    const late = await file(shopper, orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
    const filed = (await returnRow(late)).quotedRefundFen;
    await toReceived(agent, late, undefined, new Date(released + 31 * DAY_MS));
    const received = await returnRow(late);
    const lateTax = JSON.parse(received.computation) as RefundComputation;
    expect(line(lateTax, "import_tax")?.treatment).toBe("NOT_REFUNDED");
    expect(received.inspectedRefundFen).toBe(filed - (line(lateTax, "import_tax")?.amountFen ?? 0));
    await step(agent, late, "REFUNDED");
    expect((await refunds(late)).map((entry) => entry.amountFen)).toEqual([received.inspectedRefundFen]);
  });

  test("CBEC at platform fault: the tax always comes back, whenever the parcel arrives", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }], {
      lineCode: US_CBEC,
    });
    const { deliveredAt } = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { deliveredAt: true } });
    const returnId = await file(shopper, orderId, { reason: "WRONG_ITEM", requested: [{ position: 0, quantity: 2 }] });
    expect((await returnRow(returnId)).quotedRefundFen).toBe(totalFen);
    await toReceived(agent, returnId, undefined, new Date((deliveredAt?.getTime() ?? 0) + 45 * DAY_MS));
    await step(agent, returnId, "REFUNDED");
    expect((await refunds(returnId)).map((entry) => entry.amountFen)).toEqual([totalFen]);
  });
});
