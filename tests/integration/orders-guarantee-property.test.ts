import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { recordPriceCheck } from "~/services/order-price-check.server";
import { decideRefund } from "~/services/order-settlement.server";
import { transitionOrder } from "~/services/order-transitions.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { asActor, checkPayload, deposit, move, orderRow, placeNewOrder, seedOrderWorld, sessionUser, wallet } from "./order-fixtures";

// Issue 11: "for any sequence of agent figures after purchase, the wallet is never charged more than
// the total the shopper confirmed". Whatever the agent records — prices and stock before buying,
// actual costs with or without evidence, weights and sizes at the warehouse, checks after purchase —
// and whatever admins decide on refunds (twice at once included), the order's charges never exceed
// the last total the shopper confirmed, nothing is charged after PURCHASED, and balance = ledger.

let listingId = "";
let agent: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [agent, admin] = [await sessionUser("AGENT"), await sessionUser("ADMIN")];
});

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("check" as const), percent: fc.integer({ min: 50, max: 200 }), outOfStock: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("confirm" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("buy" as const), percent: fc.integer({ min: 1, max: 400 }), evidence: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("warehouse" as const),
      weightGrams: fc.integer({ min: 1, max: 30_000 }),
      dimensionsCm: fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 60 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("decide" as const), approve: fc.boolean(), clicks: fc.integer({ min: 1, max: 3 }) }),
  },
);

async function chargedFen(orderId: string) {
  const charges = await db.walletEntry.aggregate({ where: { orderId, kind: "CHARGE" }, _sum: { amountFen: true } });
  return -(charges._sum.amountFen ?? 0);
}

describe("the wallet under any agent figures", () => {
  test("never charged more than the confirmed total, nothing charged after PURCHASED, balance = ledger", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 300_000 }), fc.array(step, { minLength: 4, maxLength: 10 }), async (extra, steps) => {
        const shopper = await sessionUser("SHOPPER");
        const { orderId, locked } = await placeNewOrder(shopper, listingId);
        await deposit(shopper.id, locked.totalFen + extra);
        const { payOrder } = await import("~/services/order-payment.server");
        if ((await orderRow(orderId)).status === "PENDING_PAYMENT") expect(await payOrder(shopper, orderId)).toEqual({ ok: true });
        await move(asActor(agent), orderId, "PURCHASING");
        let confirmedFen = locked.totalFen;
        let chargedAtPurchase: number | null = null;

        for (const op of steps) {
          const order = await orderRow(orderId);
          switch (op.kind) {
            case "check": {
              const payload = await checkPayload(orderId, {
                prices: [((100 * op.percent) / 100).toFixed(2)],
                outOfStock: op.outOfStock ? [0] : [],
              });
              const outcome = await recordPriceCheck(asActor(agent), orderId, { version: order.version, payload });
              expect(outcome.ok).toBe(order.status === "PURCHASING" || order.status === "AWAITING_SHOPPER");
              break;
            }
            case "confirm": {
              const check = JSON.parse(order.priceCheck ?? "{}") as { newQuoteId?: string };
              const outcome = await transitionOrder(asActor(shopper), orderId, {
                to: "PURCHASING",
                version: order.version,
                payload: { acceptedQuoteId: check.newQuoteId ?? "none" },
              });
              if (outcome.ok) confirmedFen = (await orderRow(orderId)).totalFen;
              break;
            }
            case "cancel":
              await transitionOrder(asActor(shopper), orderId, { to: "CANCELLED", version: order.version });
              break;
            case "buy": {
              const actualCost = ((100 * op.percent) / 100).toFixed(2);
              const payload = {
                foreignOrderNumber: "P-1",
                actualCost,
                ...(op.evidence ? { evidenceUrl: "https://us-audio.example/orders/P-1" } : {}),
              };
              const outcome = await transitionOrder(asActor(agent), orderId, { to: "PURCHASED", version: order.version, payload });
              if (outcome.ok) chargedAtPurchase = await chargedFen(orderId);
              break;
            }
            case "warehouse":
              await transitionOrder(asActor(agent), orderId, {
                to: "AT_WAREHOUSE",
                version: order.version,
                payload: { weightGrams: op.weightGrams, dimensionsCm: op.dimensionsCm, photos: ["0123456789abcdef0123456789abcdef.jpg"] },
              });
              break;
            case "decide":
              await Promise.all(
                Array.from({ length: op.clicks }, () =>
                  decideRefund(admin, orderId, { decision: op.approve ? "APPROVE" : "REJECT", reason: "checked" }),
                ),
              );
              break;
          }

          const after = await orderRow(orderId);
          const money = await wallet(shopper.id);
          expect(money.ledgerFen).toBe(money.balanceFen);
          expect(money.balanceFen).toBeGreaterThanOrEqual(0);
          expect(await chargedFen(orderId)).toBeLessThanOrEqual(confirmedFen);
          if (chargedAtPurchase !== null) expect(await chargedFen(orderId)).toBe(chargedAtPurchase);
          // What the order holds is what the ledger took for it less what it gave back, never below zero or above the confirmed total.
          const net = await db.walletEntry.aggregate({ where: { orderId }, _sum: { amountFen: true } });
          expect(after.paidFen + (net._sum.amountFen ?? 0)).toBe(0);
          expect(after.paidFen).toBeGreaterThanOrEqual(0);
          expect(after.paidFen).toBeLessThanOrEqual(confirmedFen);
          expect(await db.walletEntry.count({ where: { orderId, kind: "REFUND", note: "cost-difference" } })).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
