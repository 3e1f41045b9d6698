import { beforeAll, describe, expect, test } from "vitest";
import { calculateLandedCost, type QuoteRequest } from "~/domain/landed-cost";
import { transitionOrder } from "~/services/order-transitions.server";
import { decideRefund } from "~/services/order-settlement.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import {
  asActor,
  checkPrice,
  deposit,
  eventCount,
  lineFen,
  move,
  orderRow,
  PAYLOADS,
  placeNewOrder,
  purchase,
  seedOrderWorld,
  sessionUser,
  storedQuote,
  wallet,
} from "./order-fixtures";

// After PURCHASED the platform never asks for more. What the agent records (the price paid abroad,
// the parcel weighed at the warehouse) is priced again on the order's own quote context: dearer is
// guarantee cost whatever the amount; cheaper needs evidence and is refunded at the warehouse, above
// the approval amount (¥100.00 by default) after an admin's approval. The listing is 100.00 USD,
// 500 g, on the US postal line (first 500 g 98.00, each further 500 g 32.00, handling 10.00).

const DEPOSIT_FEN = 300_000;
let listingId = "";
let agent: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [agent, admin] = [await sessionUser("AGENT"), await sessionUser("ADMIN")];
});

/** A paid order the agent is buying, its price checked at the quoted price, and the shopper who paid it. */
async function checkedOrder() {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, DEPOSIT_FEN);
  const { orderId, locked } = await placeNewOrder(shopper, listingId);
  await move(asActor(agent), orderId, "PURCHASING");
  await checkPrice(asActor(agent), orderId);
  return { shopper, orderId, paidFen: locked.totalFen, quoteId: locked.id };
}

/** The landed cost had the store charged `price` for the single item: the calculator on the quote's own context. */
async function costAt(quoteId: string, price: string, parcel?: QuoteRequest["parcel"]) {
  const quote = await storedQuote(quoteId);
  const items = quote.request.items.map((item) => ({ ...item, price }));
  const outcome = calculateLandedCost({ ...quote.request, items, ...(parcel ? { parcel } : {}) }, quote.context);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return Math.round(Number(outcome.quote.total) * 100);
}

const guaranteeRows = (orderId: string) =>
  db.guaranteeCost.findMany({
    where: { orderId },
    select: { stage: true, amountFen: true, agentId: true, storeName: true },
    orderBy: { createdAt: "asc" },
  });
const walletEntries = (userId: string) => db.walletEntry.count({ where: { userId } });

describe("dearer after purchase: absorbed, whatever the amount", () => {
  test("a store that charged 50% more: no charge, no question, the guarantee cost recorded once", async () => {
    const { shopper, orderId, paidFen, quoteId } = await checkedOrder();
    const actualFen = await costAt(quoteId, "150.00");
    const entries = await walletEntries(shopper.id);

    expect(await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-79", actualCost: "150.00" })).toBe("PURCHASED");
    expect(await orderRow(orderId)).toMatchObject({
      status: "PURCHASED",
      paidFen,
      totalFen: paidFen,
      quoteId,
      absorbedFen: actualFen - paidFen,
      refundState: "NONE",
      pendingRefundFen: 0,
    });
    expect(await guaranteeRows(orderId)).toEqual([
      { stage: "PURCHASED", amountFen: actualFen - paidFen, agentId: agent.id, storeName: "US Audio" },
    ]);
    expect(await walletEntries(shopper.id)).toBe(entries);
    expect(await db.orderEvent.count({ where: { orderId, messageKey: "absorbed" } })).toBe(1);

    // At the warehouse, weighed as listed: the cost is the same, nothing more is recorded.
    expect(await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse)).toBe("AT_WAREHOUSE");
    expect((await guaranteeRows(orderId)).reduce((total, row) => total + row.amountFen, 0)).toBe(actualFen - paidFen);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });

  test("a heavier parcel at the warehouse: the extra postage is the platform's (only the change is recorded)", async () => {
    const { shopper, orderId, paidFen } = await checkedOrder();
    await move(asActor(agent), orderId, "PURCHASED", PAYLOADS.purchased);
    const original = await storedQuote((await orderRow(orderId)).quoteId);
    // 500 g: first weight only, 98.00 + 10.00 handling.
    expect(lineFen(original.result, "international_shipping")).toBe(10_800);
    expect(await guaranteeRows(orderId)).toEqual([]);

    // 1,700 g: 98.00 + 3 × 32.00 + 10.00 = 204.00; nothing else of a postal quote depends on weight.
    expect(await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 1_700 })).toBe("AT_WAREHOUSE");
    expect(await orderRow(orderId)).toMatchObject({
      status: "AT_WAREHOUSE",
      weightGrams: 1_700,
      paidFen,
      totalFen: paidFen,
      absorbedFen: 9_600,
    });
    expect(await guaranteeRows(orderId)).toMatchObject([{ stage: "AT_WAREHOUSE", amountFen: 9_600 }]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });

  test("a bulky parcel priced on its volumetric weight: absorbed too", async () => {
    const { orderId, paidFen } = await checkedOrder();
    await move(asActor(agent), orderId, "PURCHASED", PAYLOADS.purchased);
    // 50 × 40 × 30 cm on a 6000 divisor weighs 10,000 g: 98.00 + 19 × 32.00 + 10.00 = 716.00.
    expect(
      await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 400, dimensionsCm: [50, 40, 30] }),
    ).toBe("AT_WAREHOUSE");
    expect(await orderRow(orderId)).toMatchObject({ paidFen, absorbedFen: 71_600 - 10_800 });
  });

  test("dearer at purchase, then a lighter parcel: the later stage corrects the first, never counted twice", async () => {
    const { orderId, paidFen, quoteId } = await checkedOrder();
    const dearerFen = await costAt(quoteId, "104.00");
    await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-90", actualCost: "104.00" });
    // A 100 g parcel still pays the first 500 g: the same postage; the record stays as it was.
    await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 100 });
    const rows = await guaranteeRows(orderId);
    expect(rows.reduce((total, row) => total + row.amountFen, 0)).toBe(dearerFen - paidFen);
  });
});

describe("cheaper: evidence, paid at the warehouse, admin approval above the amount", () => {
  test("a purchase below the quoted foreign total is refused without the receipt or the order page", async () => {
    const { orderId } = await checkedOrder();
    const before = await orderRow(orderId);
    const events = await eventCount(orderId);
    const outcome = await transitionOrder(asActor(agent), orderId, {
      to: "PURCHASED",
      version: before.version,
      payload: { foreignOrderNumber: "US-1", actualCost: "0.001" },
    });
    expect(outcome).toMatchObject({
      ok: false,
      code: "MISSING_FIELDS",
      fieldErrors: { evidence: ["orders:errors.purchaseEvidenceRequired"] },
    });
    expect(await orderRow(orderId)).toMatchObject({ status: "PURCHASING", version: before.version, actualCost: null, pendingRefundFen: 0 });
    expect(await eventCount(orderId)).toBe(events);
  });

  test("a small saving waits for the warehouse, then goes back to the wallet, and the order is re-based on what it cost", async () => {
    const { shopper, orderId, paidFen, quoteId } = await checkedOrder();
    const actualFen = await costAt(quoteId, "95.00");
    expect(paidFen - actualFen).toBeLessThanOrEqual(10_000);
    await move(asActor(agent), orderId, "PURCHASED", {
      foreignOrderNumber: "US-77",
      actualCost: "95.00",
      evidenceUrl: PAYLOADS.evidenceUrl,
    });
    // Nothing paid on the agent's word.
    expect(await orderRow(orderId)).toMatchObject({
      status: "PURCHASED",
      paidFen,
      pendingRefundFen: paidFen - actualFen,
      refundState: "WAITING_WAREHOUSE",
    });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
    expect(JSON.parse((await orderRow(orderId)).purchaseEvidence ?? "null")).toMatchObject({
      url: PAYLOADS.evidenceUrl,
      foreignOrderNumber: "US-77",
    });

    expect(await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse)).toBe("AT_WAREHOUSE");
    const order = await orderRow(orderId);
    expect(order).toMatchObject({ paidFen: actualFen, totalFen: actualFen, refundState: "PAID", pendingRefundFen: paidFen - actualFen });
    expect(order.quoteId).not.toBe(quoteId);
    expect((await storedQuote(order.quoteId)).totalFen).toBe(actualFen);
    expect(
      await db.walletEntry.findMany({
        where: { userId: shopper.id, kind: "REFUND" },
        select: { amountFen: true, orderId: true, note: true },
      }),
    ).toEqual([{ amountFen: paidFen - actualFen, orderId, note: "cost-difference" }]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - actualFen, ledgerFen: DEPOSIT_FEN - actualFen });
    expect(await guaranteeRows(orderId)).toEqual([]);
  });

  test("a cheaper purchase eaten up by a heavier parcel: nothing owed after all, nothing paid", async () => {
    const { shopper, orderId, paidFen } = await checkedOrder();
    await move(asActor(agent), orderId, "PURCHASED", {
      foreignOrderNumber: "US-78",
      actualCost: "99.00",
      evidenceUrl: PAYLOADS.evidenceUrl,
    });
    expect((await orderRow(orderId)).refundState).toBe("WAITING_WAREHOUSE");
    await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 2_000 });
    const order = await orderRow(orderId);
    expect(order).toMatchObject({ refundState: "NONE", pendingRefundFen: 0, paidFen });
    expect(order.absorbedFen).toBeGreaterThan(0);
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "REFUND" } })).toBe(0);
  });

  test("a big saving waits for an admin; ten approvals at once pay it once; the order is re-based", async () => {
    const { shopper, orderId, paidFen, quoteId } = await checkedOrder();
    const actualFen = await costAt(quoteId, "50.00");
    expect(paidFen - actualFen).toBeGreaterThan(10_000);
    await move(asActor(agent), orderId, "PURCHASED", {
      foreignOrderNumber: "US-50",
      actualCost: "50.00",
      evidenceUrl: PAYLOADS.evidenceUrl,
    });
    await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
    expect(await orderRow(orderId)).toMatchObject({
      refundState: "WAITING_APPROVAL",
      pendingRefundFen: paidFen - actualFen,
      paidFen,
      quoteId,
    });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => decideRefund(admin, orderId, { decision: "APPROVE" })));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, reason: "alreadyDecided" })));
    const order = await orderRow(orderId);
    expect(order).toMatchObject({
      refundState: "PAID",
      refundDecidedById: admin.id,
      paidFen: actualFen,
      totalFen: actualFen,
      refundQuoteId: null,
    });
    expect((await storedQuote(order.quoteId)).totalFen).toBe(actualFen);
    expect(await db.walletEntry.count({ where: { orderId, kind: "REFUND" } })).toBe(1);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - actualFen, ledgerFen: DEPOSIT_FEN - actualFen });
    expect(await db.auditLog.count({ where: { entity: "OrderRefund", entityId: orderId, action: "approve" } })).toBe(1);
    // The order goes on as usual after the refund: the agent's next move sees the new version.
    expect(await move(asActor(agent), orderId, "SHIPPED", PAYLOADS.shipped)).toBe("SHIPPED");
  });

  test("an admin rejects with a reason: nothing paid, audited; without a reason nothing happens", async () => {
    const { shopper, orderId, paidFen } = await checkedOrder();
    await move(asActor(agent), orderId, "PURCHASED", {
      foreignOrderNumber: "US-51",
      actualCost: "50.00",
      evidenceUrl: PAYLOADS.evidenceUrl,
    });
    await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
    expect(await decideRefund(admin, orderId, { decision: "REJECT", reason: "  " })).toEqual({ ok: false, reason: "reasonRequired" });
    expect((await orderRow(orderId)).refundState).toBe("WAITING_APPROVAL");
    expect(await decideRefund(admin, orderId, { decision: "REJECT", reason: "The receipt is for another order" })).toEqual({ ok: true });
    expect(await decideRefund(admin, orderId, { decision: "APPROVE" })).toEqual({ ok: false, reason: "alreadyDecided" });
    expect(await orderRow(orderId)).toMatchObject({ refundState: "REJECTED", paidFen });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
    expect(
      await db.auditLog.findFirst({ where: { entity: "OrderRefund", entityId: orderId }, select: { action: true, after: true } }),
    ).toMatchObject({ action: "reject", after: expect.stringContaining("another order") });
    expect(await db.orderEvent.findFirst({ where: { orderId, messageKey: "refundRejected" }, select: { note: true } })).toEqual({
      note: "The receipt is for another order",
    });
  });
});

test("the agent cannot buy before a price check passed (and the shopper never pays more for the purchase step)", async () => {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, DEPOSIT_FEN);
  const { orderId } = await placeNewOrder(shopper, listingId);
  await move(asActor(agent), orderId, "PURCHASING");
  const { version } = await orderRow(orderId);
  expect(await transitionOrder(asActor(agent), orderId, { to: "PURCHASED", version, payload: PAYLOADS.purchased })).toMatchObject({
    ok: false,
    code: "PRICE_CHECK_REQUIRED",
  });
  expect(await transitionOrder(asActor(admin), orderId, { to: "PURCHASED", version, payload: PAYLOADS.purchased })).toMatchObject({
    ok: false,
    code: "PRICE_CHECK_REQUIRED",
  });
  expect(await purchase(asActor(agent), orderId)).toBe("PURCHASED");
});
