import { beforeAll, describe, expect, test } from "vitest";
import {
  decideClaim,
  DEFAULT_UNINSURED_CAP_FEN,
  fileClaim,
  getClaim,
  getClaimFiling,
  listClaims,
  updateClaimSettings,
} from "~/services/claims.server";
import { getReturnContext } from "~/services/returns.server";
import { ledgerSum } from "~/services/wallet.server";
import { db } from "~/utils/db.server";
import { balanceOf, seedOrderWorld, sessionUser, US_CBEC } from "./order-fixtures";
import { deliveredOrder, file, quoteLine, storedPhoto, type Person } from "./returns-fixtures";

// Claims for a parcel lost or damaged after it shipped, on real orders (bought, weighed, shipped along
// the order machine): the table the shopper sees before filing is what filing stores and what the
// admin's approval pays, once, through the ledger. Listings: 100.00 USD / 500 g electronics and
// 20.00 USD / 200 g (seedOrderWorld and createListing).

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
});

const LOST = { reason: "LOST" as const, description: "Tracking stopped at the origin hub three weeks ago.", positions: [] };
const damaged = (positions: number[]) => ({ reason: "DAMAGED" as const, description: "The box arrived crushed.", positions });

async function claimRow(claimId: string) {
  return db.parcelClaim.findUniqueOrThrow({ where: { id: claimId }, select: { status: true, version: true, payoutFen: true } });
}

async function filed(shopper: Person, orderId: string, filing: Parameters<typeof fileClaim>[2], photos: string[] = []) {
  const outcome = await fileClaim(shopper, orderId, filing, photos);
  if (!outcome.ok) throw new Error(`claim refused: ${outcome.reason}`);
  return outcome.claimId;
}

async function approve(claimId: string) {
  const { version } = await claimRow(claimId);
  return decideClaim(admin, claimId, { to: "APPROVED", version, note: "Carrier confirmed the loss." });
}

async function notificationKinds(userId: string) {
  const rows = await db.notification.findMany({ where: { userId }, select: { kind: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.kind).filter((kind) => kind.startsWith("CLAIM_"));
}

describe("the published table: insured pays everything, uninsured shipping and tax up to the cap", () => {
  test("an insured parcel lost in transit: the form shows the whole paid total, approval pays exactly it into the wallet once", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.listingId }], {
      insurance: true,
      until: "SHIPPED",
    });
    const form = await getClaimFiling(shopper, orderId);
    expect(form?.reasons).toEqual(["LOST"]);
    expect(form?.insured).toBe(true);
    expect(form?.whole?.payoutFen).toBe(totalFen);
    expect(form?.whole?.paidFen).toBe(totalFen);

    const before = await balanceOf(shopper.id);
    const claimId = await filed(shopper, orderId, LOST);
    expect((await claimRow(claimId)).payoutFen).toBe(totalFen);
    expect(await notificationKinds(shopper.id)).toEqual(["CLAIM_FILED"]);

    const decided = await approve(claimId);
    expect(decided).toEqual({ ok: true, status: "PAID", paidFen: totalFen });
    expect(await balanceOf(shopper.id)).toBe(before + totalFen);
    expect(await ledgerSum(shopper.id)).toBe(await balanceOf(shopper.id));
    const entries = await db.walletEntry.findMany({ where: { claimId }, select: { kind: true, amountFen: true, orderId: true } });
    expect(entries).toEqual([{ kind: "CLAIM_PAYOUT", amountFen: totalFen, orderId }]);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { paidFen: true } })).paidFen).toBe(0);
    expect(await notificationKinds(shopper.id)).toEqual(["CLAIM_FILED", "CLAIM_PAID"]);

    const claim = await getClaim(shopper, claimId);
    expect(claim?.status).toBe("PAID");
    expect(claim?.events.map((event) => event.toStatus)).toEqual(["FILED", "APPROVED", "PAID"]);

    // Paid once: deciding again, on the current version, is refused and credits nothing.
    const again = await decideClaim(admin, claimId, { to: "APPROVED", version: (await claimRow(claimId)).version });
    expect(again).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    expect(await balanceOf(shopper.id)).toBe(before + totalFen);
  });

  test("an uninsured parcel: international shipping and import tax only, lowered to the admin's cap", async () => {
    const { shopper, orderId, quoteId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until: "SHIPPED" });
    const shippingAndTax = (await quoteLine(quoteId, "international_shipping")) + (await quoteLine(quoteId, "import_tax"));
    expect(shippingAndTax).toBeGreaterThan(0);

    const open = await getClaimFiling(shopper, orderId);
    expect(open?.insured).toBe(false);
    expect(open?.capFen).toBe(DEFAULT_UNINSURED_CAP_FEN);
    expect(open?.whole?.payoutFen).toBe(Math.min(shippingAndTax, DEFAULT_UNINSURED_CAP_FEN));
    expect(open?.whole?.lines.filter((line) => line.covered).map((line) => line.code)).toEqual(["international_shipping", "import_tax"]);

    const capFen = Math.floor(shippingAndTax / 2);
    await updateClaimSettings(admin, capFen);
    try {
      const capped = await getClaimFiling(shopper, orderId);
      expect(capped?.whole).toMatchObject({ payoutFen: capFen, capped: true, coveredFen: shippingAndTax });
      const claimId = await filed(shopper, orderId, LOST);
      const before = await balanceOf(shopper.id);
      expect(await approve(claimId)).toEqual({ ok: true, status: "PAID", paidFen: capFen });
      expect(await balanceOf(shopper.id)).toBe(before + capFen);
      const audit = await db.auditLog.findFirst({ where: { entity: "ClaimSettings" }, select: { actorId: true } });
      expect(audit?.actorId).toBe(admin.id);
    } finally {
      await updateClaimSettings(admin, DEFAULT_UNINSURED_CAP_FEN);
    }
  });

  test("a damaged line of a two-line parcel: only that line's share; units already in a return are not claimed again", async () => {
    const { shopper, orderId } = await deliveredOrder(
      agent,
      [
        { listingId: world.listingId, quantity: 2 },
        { listingId: world.cheapListingId, quantity: 1 },
      ],
      { insurance: true },
    );
    await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const form = await getClaimFiling(shopper, orderId);
    expect(form?.reasons).toEqual(["DAMAGED"]);
    const first = form?.items.find((item) => item.position === 0);
    const other = form?.items.find((item) => item.position === 1);
    expect(first?.payout.items[0]?.quantity).toBe(1);
    expect(other?.payout.items[0]?.quantity).toBe(1);
    // The whole parcel's table is the sum of its lines'.
    expect(form?.whole?.payoutFen).toBe((first?.payout.payoutFen ?? 0) + (other?.payout.payoutFen ?? 0));

    const claimId = await filed(shopper, orderId, damaged([1]), [await storedPhoto()]);
    expect((await claimRow(claimId)).payoutFen).toBe(other?.payout.payoutFen);
  });
});

test("goods are paid back once: units a claim pays for can no longer be returned", async () => {
  const { shopper, orderId } = await deliveredOrder(
    agent,
    [{ listingId: world.listingId, quantity: 2 }, { listingId: world.cheapListingId }],
    {
      insurance: true,
    },
  );
  await filed(shopper, orderId, damaged([0]), [await storedPhoto()]);
  const context = await getReturnContext(shopper.id, orderId);
  expect(context?.items.map((item) => item.remaining)).toEqual([0, 1]);
  await expect(file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] })).rejects.toThrow(/not filed/);
  // The other line still may go back.
  await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 1, quantity: 1 }] });
});

describe("who may claim what, and when", () => {
  test("LOST only while on the way, DAMAGED only after delivery within 30 days, with photos and item lines", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until: "PAID" });
    expect(await fileClaim(shopper, orderId, LOST, [])).toEqual({ ok: false, reason: "notShipped" });

    const delivered = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper, deliveredDaysAgo: 2 });
    expect(await fileClaim(shopper, delivered.orderId, LOST, [])).toEqual({ ok: false, reason: "delivered" });
    expect(await fileClaim(shopper, delivered.orderId, damaged([0]), [])).toEqual({ ok: false, reason: "photosRequired" });
    expect(await fileClaim(shopper, delivered.orderId, damaged([7]), [await storedPhoto()])).toEqual({
      ok: false,
      reason: "itemsInvalid",
    });

    const late = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper, deliveredDaysAgo: 31 });
    expect(await fileClaim(shopper, late.orderId, damaged([0]), [await storedPhoto()])).toEqual({ ok: false, reason: "windowClosed" });
    const form = await getClaimFiling(shopper, late.orderId);
    expect(form?.reasons).toEqual([]);
    expect(form?.refusal).toBe("windowClosed");
    expect(await db.parcelClaim.count({ where: { orderId: { in: [orderId, delivered.orderId, late.orderId] } } })).toBe(0);
  });

  test("only the order's shopper files or sees a claim; only an admin decides", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until: "SHIPPED" });
    const stranger = await sessionUser("SHOPPER");
    expect(await fileClaim(stranger, orderId, LOST, [])).toEqual({ ok: false, reason: "notFound" });
    expect(await getClaimFiling(stranger, orderId)).toBeNull();

    const claimId = await filed(shopper, orderId, LOST);
    expect(await getClaim(stranger, claimId)).toBeNull();
    expect(await getClaim(agent, claimId)).toBeNull();
    expect((await getClaim(admin, claimId))?.moves).toEqual(["APPROVED", "REJECTED"]);
    expect((await getClaim(shopper, claimId))?.moves).toEqual([]);
    expect((await listClaims(stranger)).map((claim) => claim.id)).not.toContain(claimId);
    expect((await listClaims(shopper)).map((claim) => claim.id)).toContain(claimId);

    const { version } = await claimRow(claimId);
    for (const actor of [shopper, agent])
      expect(await decideClaim(actor, claimId, { to: "APPROVED", version })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await claimRow(claimId)).status).toBe("FILED");
  });

  test("one claim at a time; a rejection needs a reason the shopper reads, and the shopper may file again", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until: "SHIPPED" });
    const claimId = await filed(shopper, orderId, LOST);
    expect(await fileClaim(shopper, orderId, LOST, [])).toEqual({ ok: false, reason: "alreadyClaimed" });

    const { version } = await claimRow(claimId);
    const noReason = await decideClaim(admin, claimId, { to: "REJECTED", version, note: "" });
    expect(noReason).toMatchObject({ ok: false, code: "MISSING_FIELDS" });
    const before = await balanceOf(shopper.id);
    expect(await decideClaim(admin, claimId, { to: "REJECTED", version, note: "The parcel is moving again." })).toMatchObject({
      ok: true,
      status: "REJECTED",
      paidFen: 0,
    });
    expect(await balanceOf(shopper.id)).toBe(before);
    expect(await notificationKinds(shopper.id)).toEqual(["CLAIM_FILED", "CLAIM_REJECTED"]);
    expect((await getClaim(shopper, claimId))?.decisionNote).toBe("The parcel is moving again.");

    const again = await fileClaim(shopper, orderId, LOST, []);
    expect(again.ok).toBe(true);
  });
});

describe("under real concurrency", () => {
  test("two filings at once (a double click, two tabs) make one claim", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { until: "SHIPPED" });
    const outcomes = await Promise.all([fileClaim(shopper, orderId, LOST, []), fileClaim(shopper, orderId, LOST, [])]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, reason: "alreadyClaimed" }]);
    expect(await db.parcelClaim.count({ where: { orderId } })).toBe(1);
  });

  test("two admins approving the same version at once pay once", async () => {
    const { shopper, orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.listingId }], {
      insurance: true,
      until: "SHIPPED",
    });
    const claimId = await filed(shopper, orderId, LOST);
    const other = await sessionUser("ADMIN");
    const before = await balanceOf(shopper.id);
    const { version } = await claimRow(claimId);
    const outcomes = await Promise.all([admin, other].map((actor) => decideClaim(actor, claimId, { to: "APPROVED", version, note: "ok" })));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db.walletEntry.count({ where: { claimId } })).toBe(1);
    expect(await balanceOf(shopper.id)).toBe(before + totalFen);
  });
});

test("the CBEC line's claim is computed from that order's own quote", async () => {
  const { shopper, orderId, quoteId } = await deliveredOrder(agent, [{ listingId: world.listingId }], {
    lineCode: US_CBEC,
    until: "SHIPPED",
  });
  const form = await getClaimFiling(shopper, orderId);
  const expected = (await quoteLine(quoteId, "international_shipping")) + (await quoteLine(quoteId, "import_tax"));
  expect(form?.whole?.coveredFen).toBe(expected);
  expect(form?.damagedUntil).toBeNull();
});
