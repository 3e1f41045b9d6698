import { beforeAll, describe, expect, test } from "vitest";
import { calculateLandedCost, type QuoteRequest } from "~/domain/landed-cost";
import { exceptionQuotes, transitionOrder } from "~/services/order-transitions.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { asActor, deposit, eventCount, lineFen, move, orderRow, PAYLOADS, placeNewOrder, seedOrderWorld, sessionUser, storedQuote, wallet } from "./order-fixtures";

// "Never a second charge": what the agent records (the price paid abroad, the parcel weighed at
// the warehouse) is priced again on the order's own quote context and compared with what the
// shopper paid. The listing is 100.00 USD, 500 g, on the US postal line (first 500 g 98.00, each
// further 500 g 32.00, handling 10.00); the platform absorbs up to 20.00 CNY.

const ABSORB_LIMIT_FEN = 2_000;
const DEPOSIT_FEN = 300_000;
let listingId = "";
let agent: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [agent, admin] = [await sessionUser("AGENT"), await sessionUser("ADMIN")];
});

/** A paid order the agent is buying, and the shopper who paid it. */
async function purchasingOrder() {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, DEPOSIT_FEN);
  const { orderId, locked } = await placeNewOrder(shopper, listingId);
  await move(asActor(agent), orderId, "PURCHASING");
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

describe("the actual cost against the quote", () => {
  test("cheaper abroad: the difference goes back to the wallet on its own", async () => {
    const { shopper, orderId, paidFen, quoteId } = await purchasingOrder();
    const actualFen = await costAt(quoteId, "90.00");
    expect(actualFen).toBeLessThan(paidFen);

    expect(await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-77", actualCost: "90.00" })).toBe("PURCHASED");
    const refunds = await db.walletEntry.findMany({ where: { userId: shopper.id, kind: "REFUND" } });
    expect(refunds).toMatchObject([{ amountFen: paidFen - actualFen, orderId, note: "cost-difference" }]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - actualFen, ledgerFen: DEPOSIT_FEN - actualFen });
    expect(await orderRow(orderId)).toMatchObject({ status: "PURCHASED", paidFen: actualFen, absorbedFen: 0, actualCost: "90.00", foreignOrderNumber: "US-77" });
    expect(await db.orderEvent.count({ where: { orderId, kind: "MONEY", messageKey: "refundedDifference" } })).toBe(1);
  });

  test("slightly dearer (within 20.00 CNY): the platform absorbs it and the shopper is not charged", async () => {
    const { shopper, orderId, paidFen, quoteId } = await purchasingOrder();
    const actualFen = await costAt(quoteId, "101.00");
    expect(actualFen - paidFen).toBeGreaterThan(0);
    expect(actualFen - paidFen).toBeLessThanOrEqual(ABSORB_LIMIT_FEN);
    const entries = await db.walletEntry.count({ where: { userId: shopper.id } });

    expect(await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-78", actualCost: "101.00" })).toBe("PURCHASED");
    expect(await orderRow(orderId)).toMatchObject({ status: "PURCHASED", paidFen, absorbedFen: actualFen - paidFen });
    expect(await db.walletEntry.count({ where: { userId: shopper.id } })).toBe(entries);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });

  test("much dearer: the order goes to EXCEPTION with a new quote and no money moves", async () => {
    const { shopper, orderId, paidFen, quoteId } = await purchasingOrder();
    const actualFen = await costAt(quoteId, "150.00");
    expect(actualFen - paidFen).toBeGreaterThan(ABSORB_LIMIT_FEN);

    expect(await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-79", actualCost: "150.00" })).toBe("EXCEPTION");
    const order = await orderRow(orderId);
    expect(order).toMatchObject({ status: "EXCEPTION", previousStatus: "PURCHASED", paidFen, totalFen: paidFen, exceptionExtraFen: actualFen - paidFen });
    const offered = await storedQuote(order.exceptionQuoteId ?? "");
    expect(offered.totalFen).toBe(actualFen);
    expect(offered.userId).toBe(shopper.id);
    const sideBySide = await exceptionQuotes(order);
    expect(sideBySide && lineFen(sideBySide.offered, "goods") - lineFen(sideBySide.current, "goods")).toBeGreaterThan(0);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });

  test("the shopper accepts the new quote: charged only the difference, the order goes back to where it was", async () => {
    const { shopper, orderId, paidFen, quoteId } = await purchasingOrder();
    const actualFen = await costAt(quoteId, "150.00");
    await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-80", actualCost: "150.00" });
    const { exceptionQuoteId, version } = await orderRow(orderId);

    const outcome = await transitionOrder(asActor(shopper), orderId, { to: "PURCHASED", version, payload: { acceptedQuoteId: exceptionQuoteId } });
    expect(outcome).toEqual({ ok: true, status: "PURCHASED" });
    const charges = await db.walletEntry.findMany({ where: { userId: shopper.id, kind: "CHARGE" }, orderBy: { createdAt: "asc" }, select: { amountFen: true, orderId: true } });
    expect(charges).toEqual([
      { amountFen: -paidFen, orderId },
      { amountFen: -(actualFen - paidFen), orderId },
    ]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - actualFen, ledgerFen: DEPOSIT_FEN - actualFen });
    expect(await orderRow(orderId)).toMatchObject({
      status: "PURCHASED",
      previousStatus: null,
      quoteId: exceptionQuoteId,
      totalFen: actualFen,
      paidFen: actualFen,
      exceptionQuoteId: null,
      foreignOrderNumber: "US-80",
      actualCost: "150.00",
    });

    // The order goes on from there, with no second price check charging anything more.
    expect(await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse)).toBe("AT_WAREHOUSE");
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - actualFen, ledgerFen: DEPOSIT_FEN - actualFen });
  });

  test("accepting needs the offered quote and the money for the difference; a refusal writes nothing", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-81", actualCost: "150.00" });
    const before = await orderRow(orderId);
    const events = await eventCount(orderId);

    expect(await transitionOrder(asActor(shopper), orderId, { to: "PURCHASED", version: before.version, payload: { acceptedQuoteId: before.quoteId } })).toMatchObject({ ok: false, code: "NO_NEW_QUOTE" });
    // Spend the wallet down to less than the difference.
    await db.$transaction(async (tx) => {
      const spend = DEPOSIT_FEN - paidFen - 1;
      await tx.walletEntry.create({ data: { userId: shopper.id, kind: "ADJUSTMENT", amountFen: -spend, note: "test: spent elsewhere" } });
      await tx.walletAccount.update({ where: { userId: shopper.id }, data: { balanceFen: { decrement: spend } } });
    });
    expect(await transitionOrder(asActor(shopper), orderId, { to: "PURCHASED", version: before.version, payload: { acceptedQuoteId: before.exceptionQuoteId } })).toMatchObject({ ok: false, code: "INSUFFICIENT_FUNDS" });

    const after = await orderRow(orderId);
    expect({ status: after.status, version: after.version, paidFen: after.paidFen }).toEqual({ status: "EXCEPTION", version: before.version, paidFen });
    expect(await eventCount(orderId)).toBe(events);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 1, ledgerFen: 1 });
  });

  test("the shopper cancels instead: everything paid comes back", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-82", actualCost: "150.00" });
    expect(await move(asActor(shopper), orderId, "CANCELLED")).toBe("CANCELLED");
    expect(await db.walletEntry.findMany({ where: { userId: shopper.id, kind: "REFUND" }, select: { amountFen: true, orderId: true } })).toEqual([{ amountFen: paidFen, orderId }]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN, ledgerFen: DEPOSIT_FEN });
    expect(await orderRow(orderId)).toMatchObject({ status: "CANCELLED", paidFen: 0, exceptionQuoteId: null });
  });

  test("an admin resolving the exception: the platform pays the difference, the shopper nothing", async () => {
    const { shopper, orderId, paidFen, quoteId } = await purchasingOrder();
    const actualFen = await costAt(quoteId, "150.00");
    await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-83", actualCost: "150.00" });
    expect(await move(asActor(admin), orderId, "PURCHASED", { note: "Our mistake, we pay the difference" })).toBe("PURCHASED");
    expect(await orderRow(orderId)).toMatchObject({ status: "PURCHASED", paidFen, absorbedFen: actualFen - paidFen, previousStatus: null });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });

  test("a heavier parcel at the warehouse re-prices the shipping: EXCEPTION for the extra postage", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    await move(asActor(agent), orderId, "PURCHASED", PAYLOADS.purchased);
    const original = await storedQuote((await orderRow(orderId)).quoteId);
    // 500 g: first weight only, 98.00 + 10.00 handling.
    expect(lineFen(original.result, "international_shipping")).toBe(10_800);

    // 1,700 g: 98.00 + 3 × 32.00 + 10.00 = 204.00; nothing else of a postal quote depends on weight.
    expect(await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 1_700 })).toBe("EXCEPTION");
    const order = await orderRow(orderId);
    expect(order).toMatchObject({ status: "EXCEPTION", previousStatus: "AT_WAREHOUSE", weightGrams: 1_700, exceptionExtraFen: 9_600 });
    const offered = await storedQuote(order.exceptionQuoteId ?? "");
    expect(lineFen(offered.result, "international_shipping")).toBe(20_400);
    expect(offered.result.chargeableWeightGrams).toBe(1_700);
    expect(offered.totalFen).toBe(paidFen + 9_600);

    expect(await move(asActor(shopper), orderId, "AT_WAREHOUSE", { acceptedQuoteId: order.exceptionQuoteId })).toBe("AT_WAREHOUSE");
    expect(await orderRow(orderId)).toMatchObject({ status: "AT_WAREHOUSE", weightGrams: 1_700, paidFen: paidFen + 9_600, totalFen: paidFen + 9_600 });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen - 9_600, ledgerFen: DEPOSIT_FEN - paidFen - 9_600 });
  });

  test("a parcel bulkier than listed is priced on its volumetric weight", async () => {
    const { orderId, paidFen } = await purchasingOrder();
    await move(asActor(agent), orderId, "PURCHASED", PAYLOADS.purchased);
    // 50 × 40 × 30 cm on a 6000 divisor weighs 10,000 g: 98.00 + 19 × 32.00 + 10.00 = 716.00.
    expect(await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 400, dimensionsCm: [50, 40, 30] })).toBe("EXCEPTION");
    expect(await orderRow(orderId)).toMatchObject({ exceptionExtraFen: 71_600 - 10_800 });
    expect((await orderRow(orderId)).paidFen).toBe(paidFen);
  });
});
