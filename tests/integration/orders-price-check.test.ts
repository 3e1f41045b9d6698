import { beforeAll, describe, expect, test } from "vitest";
import { action as adminGuaranteeAction, loader as adminGuaranteeLoader } from "~/routes/admin.guarantee";
import { loader as guaranteeLoader } from "~/routes/guarantee";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$id";
import { guaranteeReport } from "~/services/guarantee.server";
import { recordPriceCheck } from "~/services/order-price-check.server";
import { transitionOrder } from "~/services/order-transitions.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import {
  asActor,
  checkPayload,
  checkPrice,
  deposit,
  eventCount,
  move,
  orderRow,
  PAYLOADS,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  storedQuote,
  wallet,
} from "./order-fixtures";

// The price check before buying (issue 11, point 3): the agent records the store's price and stock
// with evidence; the order's own request is re-quoted on its own stored context. Within what the
// shopper paid, or ¥20.00 above it (the default tolerance, paid by the platform): buy. Higher, or out
// of stock: AWAITING_SHOPPER, and nothing is bought until the shopper decides. The listing is
// 100.00 USD on the US postal line.

type Person = SessionUser & { cookie: string };
const DEPOSIT_FEN = 300_000;
let listingId = "";
let agent: Person;
let admin: Person;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [agent, admin] = [await sessionUser("AGENT"), await sessionUser("ADMIN")];
});

async function purchasingOrder(depositFen = DEPOSIT_FEN) {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, depositFen);
  const { orderId, locked } = await placeNewOrder(shopper, listingId);
  await move(asActor(agent), orderId, "PURCHASING");
  return { shopper, orderId, paidFen: locked.totalFen, quoteId: locked.id };
}

const check = async (orderId: string) => JSON.parse((await orderRow(orderId)).priceCheck ?? "null");

describe("within the quote or the tolerance: the agent buys", () => {
  test("a price a little higher (within ¥20.00) passes; the platform's part is recorded once, at purchase", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    const outcome = await checkPrice(asActor(agent), orderId, { prices: ["101.00"] });
    expect(outcome).toMatchObject({ ok: true, status: "PURCHASING", check: { outcome: "PASSED" } });
    const recorded = await check(orderId);
    expect(recorded.absorbedFen).toBeGreaterThan(0);
    expect(recorded.absorbedFen).toBeLessThanOrEqual(2000);
    expect(recorded.requotedFen).toBe(paidFen + recorded.absorbedFen);
    expect(recorded.items).toMatchObject([{ position: 0, quotedPrice: "100.00", price: "101.00", inStock: true }]);
    expect(recorded.evidence).toEqual({ photos: [], url: "https://us-audio.example/products/checked" });
    // Nothing is recorded for a check alone: the platform pays only when it buys.
    expect(await db.guaranteeCost.count({ where: { orderId } })).toBe(0);

    expect(await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-101", actualCost: "101.00" })).toBe("PURCHASED");
    expect(await db.guaranteeCost.findMany({ where: { orderId }, select: { stage: true, amountFen: true } })).toEqual([
      { stage: "PRICE_CHECK", amountFen: recorded.absorbedFen },
    ]);
    await move(asActor(agent), orderId, "AT_WAREHOUSE", PAYLOADS.atWarehouse);
    expect((await db.guaranteeCost.aggregate({ where: { orderId }, _sum: { amountFen: true } }))._sum.amountFen).toBe(recorded.absorbedFen);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });
});

describe("the price rose: the shopper decides before anything is bought", () => {
  test("AWAITING_SHOPPER with a new quote on the order's own rates, the shopper told, the agent cannot buy", async () => {
    const { shopper, orderId, paidFen, quoteId } = await purchasingOrder();
    const outcome = await checkPrice(asActor(agent), orderId, { prices: ["150.00"] });
    expect(outcome).toMatchObject({ ok: true, status: "AWAITING_SHOPPER", check: { outcome: "PRICE_ROSE" } });
    const recorded = await check(orderId);
    const offered = await storedQuote(recorded.newQuoteId);
    const original = await storedQuote(quoteId);
    expect(offered.totalFen).toBe(paidFen + recorded.extraFen);
    expect(offered.userId).toBe(shopper.id);
    // The same rates and fees: no exchange-rate risk for the shopper.
    expect(offered.context.fx).toEqual(original.context.fx);
    // ...and the same customs rules, named like on every stored quote.
    expect(offered.context.customs).toEqual(original.context.customs);
    expect(offered.customsRuleSetId).toBe(original.customsRuleSetId);
    expect(offered.customsRuleSetId).not.toBeNull();
    expect(offered.request.items[0]?.price).toBe("150.00");
    expect(await orderRow(orderId)).toMatchObject({ status: "AWAITING_SHOPPER", paidFen, quoteId });
    expect(await db.notification.count({ where: { userId: shopper.id, kind: "ORDER_AWAITING_PRICE_ROSE" } })).toBe(1);
    const { version } = await orderRow(orderId);
    expect(await transitionOrder(asActor(agent), orderId, { to: "PURCHASED", version, payload: PAYLOADS.purchased })).toMatchObject({
      ok: false,
      code: "NOT_ALLOWED",
    });

    // The shopper's page says so plainly, with old and new line by line.
    const page = await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, shopper.cookie), { id: orderId })));
    const data = await page.json();
    expect(data.check.lines.map((line: { code: string }) => line.code)).toEqual([
      "goods",
      "domestic_shipping",
      "service_fee",
      "international_shipping",
      "insurance",
      "import_tax",
    ]);
    expect(data.check.offeredTotal).toBe(offered.result.total);
    expect(data.moves).toEqual([]);
  });

  test("ten confirms at once: charged exactly the difference, once; the order carries the new quote and may be bought", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    await checkPrice(asActor(agent), orderId, { prices: ["150.00"] });
    const { newQuoteId, extraFen } = await check(orderId);
    const { version } = await orderRow(orderId);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        transitionOrder(asActor(shopper), orderId, { to: "PURCHASING", version, payload: { acceptedQuoteId: newQuoteId } }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok).every((outcome) => !outcome.ok && outcome.code === "CONFLICT")).toBe(true);
    const charges = await db.walletEntry.findMany({
      where: { orderId, kind: "CHARGE" },
      select: { amountFen: true },
      orderBy: { createdAt: "asc" },
    });
    expect(charges).toEqual([{ amountFen: -paidFen }, { amountFen: -extraFen }]);
    expect(await orderRow(orderId)).toMatchObject({
      status: "PURCHASING",
      quoteId: newQuoteId,
      totalFen: paidFen + extraFen,
      paidFen: paidFen + extraFen,
    });
    expect((await check(orderId)).outcome).toBe("CONFIRMED");
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen - extraFen, ledgerFen: DEPOSIT_FEN - paidFen - extraFen });
    // Bought at the confirmed price: no more money moves either way.
    expect(await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-150", actualCost: "150.00" })).toBe("PURCHASED");
    expect(await db.guaranteeCost.count({ where: { orderId } })).toBe(0);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen - extraFen, ledgerFen: DEPOSIT_FEN - paidFen - extraFen });
  });

  test("not enough in the wallet: a clear refusal and nothing changes; an outdated offer is refused too", async () => {
    const shopperRun = await purchasingOrder();
    const { shopper, orderId, paidFen } = shopperRun;
    await checkPrice(asActor(agent), orderId, { prices: ["150.00"] });
    const before = await orderRow(orderId);
    const { newQuoteId, extraFen } = await check(orderId);
    // Spend the wallet down to one fen short of the difference.
    await db.$transaction(async (tx) => {
      const spend = DEPOSIT_FEN - paidFen - extraFen + 1;
      await tx.walletEntry.create({ data: { userId: shopper.id, kind: "ADJUSTMENT", amountFen: -spend, note: "test: spent elsewhere" } });
      await tx.walletAccount.update({ where: { userId: shopper.id }, data: { balanceFen: { decrement: spend } } });
    });
    const events = await eventCount(orderId);
    expect(
      await transitionOrder(asActor(shopper), orderId, {
        to: "PURCHASING",
        version: before.version,
        payload: { acceptedQuoteId: newQuoteId },
      }),
    ).toMatchObject({ ok: false, code: "INSUFFICIENT_FUNDS", message: "orders:errors.insufficientFunds" });
    expect(
      await transitionOrder(asActor(shopper), orderId, {
        to: "PURCHASING",
        version: before.version,
        payload: { acceptedQuoteId: before.quoteId },
      }),
    ).toMatchObject({ ok: false, code: "NO_NEW_QUOTE" });
    expect(await orderRow(orderId)).toMatchObject({
      status: "AWAITING_SHOPPER",
      version: before.version,
      paidFen,
      quoteId: before.quoteId,
    });
    expect(await eventCount(orderId)).toBe(events);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: extraFen - 1, ledgerFen: extraFen - 1 });
  });

  test("the shopper cancels instead: everything paid comes back, the agent is told", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    await checkPrice(asActor(agent), orderId, { prices: ["150.00"] });
    expect(await move(asActor(shopper), orderId, "CANCELLED")).toBe("CANCELLED");
    expect(await db.walletEntry.findMany({ where: { orderId, kind: "REFUND" }, select: { amountFen: true } })).toEqual([
      { amountFen: paidFen },
    ]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN, ledgerFen: DEPOSIT_FEN });
    expect(await orderRow(orderId)).toMatchObject({ status: "CANCELLED", paidFen: 0 });
    expect(await db.notification.count({ where: { userId: agent.id, kind: "ORDER_SHOPPER_DECIDED", link: `/orders/${orderId}` } })).toBe(1);
  });

  test("a price that fell back by the time the agent checks again: back to PURCHASING, no charge", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    await checkPrice(asActor(agent), orderId, { prices: ["150.00"] });
    const outcome = await checkPrice(asActor(agent), orderId, { prices: ["100.00"] });
    expect(outcome).toMatchObject({ status: "PURCHASING", check: { outcome: "PASSED" } });
    expect(await orderRow(orderId)).toMatchObject({ status: "PURCHASING", paidFen });
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });
});

describe("out of stock", () => {
  test("the shopper waits for a restock, the agent checks again later and buys", async () => {
    const { shopper, orderId, paidFen } = await purchasingOrder();
    expect(await checkPrice(asActor(agent), orderId, { outOfStock: [0] })).toMatchObject({
      status: "AWAITING_SHOPPER",
      check: { outcome: "OUT_OF_STOCK", newQuoteId: null },
    });
    const { version } = await orderRow(orderId);
    // Nothing to confirm while out of stock.
    expect(
      await transitionOrder(asActor(shopper), orderId, { to: "PURCHASING", version, payload: { acceptedQuoteId: "anything" } }),
    ).toMatchObject({ ok: false, code: "NO_NEW_QUOTE" });
    const waited = await respond(() =>
      orderAction(
        args(formRequest(`/orders/${orderId}`, { intent: "wait-restock", version: String(version) }, { cookie: shopper.cookie }), {
          id: orderId,
        }),
      ),
    );
    expect(waited.status).toBe(302);
    expect(await check(orderId)).toMatchObject({ outcome: "OUT_OF_STOCK", waiting: true });
    expect(await checkPrice(asActor(agent), orderId)).toMatchObject({ status: "PURCHASING", check: { outcome: "PASSED" } });
    expect(await move(asActor(agent), orderId, "PURCHASED", PAYLOADS.purchased)).toBe("PURCHASED");
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN - paidFen, ledgerFen: DEPOSIT_FEN - paidFen });
  });

  test("or cancels with a full refund", async () => {
    const { shopper, orderId } = await purchasingOrder();
    await checkPrice(asActor(agent), orderId, { outOfStock: [0] });
    expect(await move(asActor(shopper), orderId, "CANCELLED")).toBe("CANCELLED");
    expect(await wallet(shopper.id)).toEqual({ balanceFen: DEPOSIT_FEN, ledgerFen: DEPOSIT_FEN });
  });
});

describe("who may check and confirm", () => {
  test("only the assigned agent (or an admin) records a check; nobody after purchase", async () => {
    const { shopper, orderId } = await purchasingOrder();
    const other = await sessionUser("AGENT");
    const { version } = await orderRow(orderId);
    const payload = await checkPayload(orderId);
    expect(await recordPriceCheck(asActor(other), orderId, { version, payload })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await recordPriceCheck(asActor(shopper), orderId, { version, payload })).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(await recordPriceCheck({ id: null, role: "SYSTEM" }, orderId, { version, payload })).toMatchObject({
      ok: false,
      code: "WRONG_ROLE",
    });
    expect((await orderRow(orderId)).version).toBe(version);
    expect(await recordPriceCheck(asActor(admin), orderId, { version, payload })).toMatchObject({ ok: true });
    await move(asActor(agent), orderId, "PURCHASED", PAYLOADS.purchased);
    const bought = await orderRow(orderId);
    expect(await recordPriceCheck(asActor(agent), orderId, { version: bought.version, payload })).toMatchObject({
      ok: false,
      code: "NOT_ALLOWED",
    });
  });

  test("only the owner confirms the new quote", async () => {
    const { orderId } = await purchasingOrder();
    await checkPrice(asActor(agent), orderId, { prices: ["150.00"] });
    const { version } = await orderRow(orderId);
    const { newQuoteId } = await check(orderId);
    const stranger = await sessionUser("SHOPPER");
    expect(
      await transitionOrder(asActor(stranger), orderId, { to: "PURCHASING", version, payload: { acceptedQuoteId: newQuoteId } }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await transitionOrder(asActor(agent), orderId, { to: "PURCHASING", version, payload: { acceptedQuoteId: newQuoteId } }),
    ).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(
      await transitionOrder(asActor(admin), orderId, { to: "PURCHASING", version, payload: { acceptedQuoteId: newQuoteId } }),
    ).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect((await orderRow(orderId)).status).toBe("AWAITING_SHOPPER");
  });

  test("bad input through the page: field errors, 400, nothing written", async () => {
    const { orderId } = await purchasingOrder();
    const before = await orderRow(orderId);
    const events = await eventCount(orderId);
    const post = (fields: Record<string, string>) =>
      respond(() =>
        orderAction(
          args(
            formRequest(
              `/orders/${orderId}`,
              { intent: "price-check", version: String(before.version), ...fields },
              { cookie: (agent as Person & { cookie: string }).cookie },
            ),
            { id: orderId },
          ),
        ),
      );
    const noEvidence = await post({ "price-0": "100.00", "stock-0": "IN_STOCK" });
    expect(noEvidence.status).toBe(400);
    expect((await noEvidence.json()).transition).toMatchObject({
      to: "price-check",
      code: "MISSING_FIELDS",
      fieldErrors: { evidence: ["orders:errors.evidenceRequired"] },
    });
    const badPrice = await post({ "price-0": "1,00", "stock-0": "IN_STOCK", evidenceUrl: "https://us-audio.example/p" });
    expect((await badPrice.json()).transition.fieldErrors).toEqual({ "items.0.price": ["orders:errors.checkPriceInvalid"] });
    const missingItem = await post({ "price-3": "1.00", "stock-3": "IN_STOCK", evidenceUrl: "https://us-audio.example/p" });
    expect((await missingItem.json()).transition.fieldErrors).toEqual({ items: ["orders:errors.checkItemsRequired"] });
    expect(await orderRow(orderId)).toMatchObject({ version: before.version, priceCheck: null });
    expect(await eventCount(orderId)).toBe(events);
    const ok = await post({ "price-0": "100.00", "stock-0": "IN_STOCK", evidenceUrl: "https://us-audio.example/p" });
    expect(ok.status).toBe(302);
  });
});

describe("the guarantee: settings, report and page", () => {
  test("the report sums guarantee costs by month, store and agent with order counts", async () => {
    const before = (await guaranteeReport()).summary;
    const { orderId } = await purchasingOrder();
    await checkPrice(asActor(agent), orderId, { prices: ["101.00"] });
    await move(asActor(agent), orderId, "PURCHASED", { foreignOrderNumber: "US-R1", actualCost: "130.00" });
    await move(asActor(agent), orderId, "AT_WAREHOUSE", { ...PAYLOADS.atWarehouse, weightGrams: 1_200 });
    const rows = await db.guaranteeCost.findMany({ where: { orderId } });
    const orderTotal = rows.reduce((total, row) => total + row.amountFen, 0);
    expect(new Set(rows.map((row) => row.stage))).toEqual(new Set(["PRICE_CHECK", "PURCHASED", "AT_WAREHOUSE"]));
    expect(orderTotal).toBe((await orderRow(orderId)).absorbedFen);
    const after = (await guaranteeReport()).summary;
    expect(after.totalFen - before.totalFen).toBe(orderTotal);
    expect(after.orderCount - before.orderCount).toBe(1);
    const store = after.byStore.find((group) => group.key === "US Audio");
    expect(store?.totalFen).toBe((before.byStore.find((group) => group.key === "US Audio")?.totalFen ?? 0) + orderTotal);
    const byAgent = after.byAgent.find((group) => group.key === agent.id);
    expect(byAgent).toMatchObject({ name: expect.stringContaining(agent.email) });
    expect(after.byMonth.reduce((total, group) => total + group.totalFen, 0)).toBe(after.totalFen);

    const page = await respond(() => adminGuaranteeLoader(args(getRequest("/admin/guarantee", (admin as Person).cookie))));
    expect(page.status).toBe(200);
    expect((await respond(() => adminGuaranteeLoader(args(getRequest("/admin/guarantee", (agent as Person).cookie))))).status).toBe(403);
  });

  test("the settings form: validated at the field, audited, and the public page states the amounts", async () => {
    const cookie = (admin as Person).cookie;
    const bad = await respond(() =>
      adminGuaranteeAction(
        args(formRequest("/admin/guarantee", { intent: "settings", priceTolerance: "-5", refundApproval: "" }, { cookie })),
      ),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({
      priceTolerance: ["admin:errors.guaranteeAmountInvalid"],
      refundApproval: ["admin:errors.guaranteeAmountRequired"],
    });
    expect(await db.guaranteeSettings.findUnique({ where: { id: "default" } })).toMatchObject({
      priceToleranceFen: 2000,
      refundApprovalFen: 10_000,
    });
    const good = await respond(() =>
      adminGuaranteeAction(
        args(formRequest("/admin/guarantee", { intent: "settings", priceTolerance: "30", refundApproval: "150.50" }, { cookie })),
      ),
    );
    expect(good.status).toBe(200);
    expect(await db.guaranteeSettings.findUnique({ where: { id: "default" } })).toMatchObject({
      priceToleranceFen: 3000,
      refundApprovalFen: 15_050,
    });
    expect(
      await db.auditLog.findFirst({
        where: { entity: "GuaranteeSettings" },
        orderBy: { createdAt: "desc" },
        select: { before: true, after: true },
      }),
    ).toEqual({
      before: JSON.stringify({ priceToleranceFen: 2000, refundApprovalFen: 10_000 }),
      after: JSON.stringify({ priceToleranceFen: 3000, refundApprovalFen: 15_050 }),
    });
    expect(await ((await respond(() => guaranteeLoader(args(getRequest("/guarantee"))))) as Response).json()).toEqual({
      priceToleranceFen: 3000,
      refundApprovalFen: 15_050,
    });
    // Back to the defaults for the other tests of this file.
    await respond(() =>
      adminGuaranteeAction(
        args(formRequest("/admin/guarantee", { intent: "settings", priceTolerance: "20", refundApproval: "100" }, { cookie })),
      ),
    );
  });
});
