import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { payOrder } from "~/services/order-payment.server";
import { transitionOrder } from "~/services/order-transitions.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import {
  asActor,
  checkPrice,
  deposit,
  move,
  orderRow,
  PAYLOADS,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  wallet,
} from "./order-fixtures";

// The wallet's balance is the sum of its ledger, never negative, and every fen that left it sits on
// an order (paidFen) — whatever the shopper, the agent and the price checks do, in any order.

let listings: { id: string; price: number }[] = [];
let agent: SessionUser;

beforeAll(async () => {
  const { listingId, cheapListingId } = await seedOrderWorld();
  listings = [
    { id: listingId, price: 100 },
    { id: cheapListingId, price: 20 },
  ];
  agent = await sessionUser("AGENT");
});

const operation = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("deposit" as const), fen: fc.integer({ min: 1, max: 250_000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("place" as const), listing: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("pay" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
  // The agent buys it for less: the difference is refunded when the goods reach the warehouse (or waits for an admin).
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cheaper" as const), pick: fc.nat(), percent: fc.integer({ min: 50, max: 99 }) }) },
  // The price check finds 1.5 times the price: AWAITING_SHOPPER, and the shopper confirms or cancels.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("dearer" as const), pick: fc.nat(), accept: fc.boolean() }) },
);

type Placed = { id: string; price: number };

async function pickOrder(orders: Placed[], pick: number, status: string) {
  const candidates: Placed[] = [];
  for (const order of orders) if ((await orderRow(order.id)).status === status) candidates.push(order);
  return candidates.length === 0 ? null : (candidates[pick % candidates.length] ?? null);
}

describe("the wallet under order operations", () => {
  test("after any sequence of top-ups, placings, payments, cancellations and price checks the balance equals the ledger and what the orders hold", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300_000 }),
        fc.array(operation, { minLength: 6, maxLength: 16, size: "max" }),
        async (start, operations) => {
          const shopper = await sessionUser("SHOPPER");
          const orders: Placed[] = [];
          // A starting balance (often enough for a few orders, so the agent has paid orders to buy).
          let deposited = start;
          if (start > 0) await deposit(shopper.id, start);
          for (const op of operations) {
            const before = await wallet(shopper.id);
            switch (op.kind) {
              case "deposit":
                await deposit(shopper.id, op.fen);
                deposited += op.fen;
                break;
              case "place": {
                const listing = listings[op.listing] ?? { id: "", price: 0 };
                const placed = await placeNewOrder(shopper, listing.id);
                orders.push({ id: placed.orderId, price: listing.price });
                // Paid at once exactly when the balance covered the quote.
                expect(placed.paid).toBe(before.balanceFen >= placed.locked.totalFen);
                break;
              }
              case "pay": {
                const order = await pickOrder(orders, op.pick, "PENDING_PAYMENT");
                if (!order) break;
                const { totalFen } = await orderRow(order.id);
                const outcome = await payOrder(shopper, order.id);
                expect(outcome).toEqual(before.balanceFen >= totalFen ? { ok: true } : { ok: false, reason: "insufficientFunds" });
                break;
              }
              case "cancel": {
                const order = (await pickOrder(orders, op.pick, "PAID")) ?? (await pickOrder(orders, op.pick, "PENDING_PAYMENT"));
                if (!order) break;
                const { paidFen } = await orderRow(order.id);
                expect(await move(asActor(shopper), order.id, "CANCELLED")).toBe("CANCELLED");
                expect((await wallet(shopper.id)).balanceFen).toBe(before.balanceFen + paidFen);
                break;
              }
              case "cheaper": {
                const order = await pickOrder(orders, op.pick, "PAID");
                if (!order) break;
                const { paidFen } = await orderRow(order.id);
                await move(asActor(agent), order.id, "PURCHASING");
                await checkPrice(asActor(agent), order.id);
                const actualCost = ((order.price * op.percent) / 100).toFixed(2);
                expect(
                  await move(asActor(agent), order.id, "PURCHASED", {
                    foreignOrderNumber: "F-1",
                    actualCost,
                    evidenceUrl: PAYLOADS.evidenceUrl,
                  }),
                ).toBe("PURCHASED");
                // Nothing is paid on the agent's word alone.
                expect((await wallet(shopper.id)).balanceFen).toBe(before.balanceFen);
                expect(await move(asActor(agent), order.id, "AT_WAREHOUSE", PAYLOADS.atWarehouse)).toBe("AT_WAREHOUSE");
                const after = await orderRow(order.id);
                expect(after.paidFen).toBeLessThanOrEqual(paidFen);
                expect(after.refundState === "PAID" ? after.paidFen < paidFen : after.paidFen === paidFen).toBe(true);
                expect((await wallet(shopper.id)).balanceFen).toBe(before.balanceFen + paidFen - after.paidFen);
                break;
              }
              case "dearer": {
                const order = await pickOrder(orders, op.pick, "PAID");
                if (!order) break;
                await move(asActor(agent), order.id, "PURCHASING");
                expect((await checkPrice(asActor(agent), order.id, { prices: [(order.price * 1.5).toFixed(2)] })).status).toBe(
                  "AWAITING_SHOPPER",
                );
                const waiting = await orderRow(order.id);
                const check = JSON.parse(waiting.priceCheck ?? "{}") as { newQuoteId: string; extraFen: number };
                const extra = check.extraFen;
                if (op.accept) {
                  const outcome = await transitionOrder(asActor(shopper), order.id, {
                    to: "PURCHASING",
                    version: waiting.version,
                    payload: { acceptedQuoteId: check.newQuoteId },
                  });
                  if (before.balanceFen >= extra) {
                    expect(outcome).toEqual({ ok: true, status: "PURCHASING" });
                    expect((await wallet(shopper.id)).balanceFen).toBe(before.balanceFen - extra);
                  } else {
                    expect(outcome).toMatchObject({ ok: false, code: "INSUFFICIENT_FUNDS" });
                    expect((await wallet(shopper.id)).balanceFen).toBe(before.balanceFen);
                  }
                } else {
                  expect(await move(asActor(shopper), order.id, "CANCELLED")).toBe("CANCELLED");
                  expect((await wallet(shopper.id)).balanceFen).toBe(before.balanceFen + waiting.paidFen);
                }
                break;
              }
            }

            const now = await wallet(shopper.id);
            expect(now.balanceFen).toBeGreaterThanOrEqual(0);
            expect(now.ledgerFen).toBe(now.balanceFen);
            const rows = await db.order.findMany({ where: { userId: shopper.id }, select: { id: true, status: true, paidFen: true } });
            // Every fen deposited is either in the wallet or on an order.
            expect(now.balanceFen + rows.reduce((total, row) => total + row.paidFen, 0)).toBe(deposited);
            for (const row of rows) {
              const net = await db.walletEntry.aggregate({ where: { orderId: row.id }, _sum: { amountFen: true } });
              // Charges are negative: what the ledger took for the order, less what it gave back, is what the order holds.
              expect(row.paidFen + (net._sum.amountFen ?? 0)).toBe(0);
              if (row.status === "CANCELLED" || row.status === "PENDING_PAYMENT") expect(row.paidFen).toBe(0);
            }
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);
});
