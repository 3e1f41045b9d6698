import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isValidTopUpReference } from "~/domain/orders/wallet-ledger";
import { action as topUpAdminAction } from "~/routes/admin.topups";
import { action as walletAction, loader as walletLoader } from "~/routes/wallet";
import { chargeWallet, decideTopUp, ledgerSum, refundToWallet, requestTopUp } from "~/services/wallet.server";
import { db } from "~/utils/db.server";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";

const args = (request: Request) => ({ request, params: {}, context: {} });
const balanceOf = async (userId: string) => (await db.walletAccount.findUnique({ where: { userId } }))?.balanceFen ?? 0;

describe("wallet top-ups", () => {
  test("a shopper asks for a top-up, an admin confirms it once, the balance and ledger agree", async () => {
    const shopper = await createTestUser("SHOPPER");
    const admin = await createTestUser("ADMIN");
    const asked = await respond(() => walletAction(args(formRequest("/wallet", { amount: "500.50" }, { cookie: shopper.cookie }))));
    const { topUp } = (await asked.json()) as { topUp: { id: string; reference: string; amountFen: number } };
    expect(topUp.amountFen).toBe(50_050);
    expect(isValidTopUpReference(topUp.reference)).toBe(true);

    expect(
      (
        await respond(() =>
          topUpAdminAction(args(formRequest("/admin/topups", { topUpId: topUp.id, decision: "CONFIRM" }, { cookie: shopper.cookie }))),
        )
      ).status,
    ).toBe(403);
    const first = await respond(() =>
      topUpAdminAction(args(formRequest("/admin/topups", { topUpId: topUp.id, decision: "CONFIRM" }, { cookie: admin.cookie }))),
    );
    expect(first.status).toBe(200);
    const again = await respond(() =>
      topUpAdminAction(args(formRequest("/admin/topups", { topUpId: topUp.id, decision: "CONFIRM" }, { cookie: admin.cookie }))),
    );
    expect(again.status).toBe(409);

    const page = (await (await respond(() => walletLoader(args(getRequest("/wallet", shopper.cookie))))).json()) as {
      wallet: { balanceFen: number; entries: { kind: string }[] };
    };
    expect(page.wallet.balanceFen).toBe(50_050);
    expect(page.wallet.entries.map((entry) => entry.kind)).toEqual(["DEPOSIT"]);
    expect(await ledgerSum(shopper.id)).toBe(50_050);
  });

  test("two admins confirming the same top-up at once deposit it once", async () => {
    const shopper = await createTestUser("SHOPPER");
    const [a, b] = [await createTestUser("ADMIN"), await createTestUser("ADMIN")];
    const topUp = await requestTopUp(shopper.id, 10_000);
    const outcomes = await Promise.all([
      decideTopUp({ ...a, role: "ADMIN", name: "a" }, topUp.id, "CONFIRM"),
      decideTopUp({ ...b, role: "ADMIN", name: "b" }, topUp.id, "CONFIRM"),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await balanceOf(shopper.id)).toBe(10_000);
    expect(await db.walletEntry.count({ where: { userId: shopper.id } })).toBe(1);
  });

  test.each([["0"], ["-5"], ["abc"], ["50001"], ["1.999"]])("an amount of %s is refused and nothing is written", async (amount) => {
    const shopper = await createTestUser("SHOPPER");
    const response = await respond(() => walletAction(args(formRequest("/wallet", { amount }, { cookie: shopper.cookie }))));
    expect(response.status).toBe(400);
    expect(await db.topUp.count({ where: { userId: shopper.id } })).toBe(0);
  });
});

describe("wallet charges", () => {
  test("20 concurrent charges that together exceed the balance never overdraw it", async () => {
    const shopper = await createTestUser("SHOPPER");
    const admin = await createTestUser("ADMIN");
    const topUp = await requestTopUp(shopper.id, 1_000);
    await decideTopUp({ id: admin.id, email: admin.email, name: "admin", role: "ADMIN" }, topUp.id, "CONFIRM");
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => chargeWallet(shopper.id, 100, `order-${index}`)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
    expect(outcomes.filter((outcome) => !outcome.ok).every((outcome) => !outcome.ok && outcome.code === "INSUFFICIENT_FUNDS")).toBe(true);
    expect(await balanceOf(shopper.id)).toBe(0);
    expect(await ledgerSum(shopper.id)).toBe(0);
  });

  test("after any sequence of deposits, charges and refunds the balance equals the ledger and is never negative", async () => {
    const admin = await createTestUser("ADMIN");
    const actor = { id: admin.id, email: admin.email, name: "admin", role: "ADMIN" as const };
    const operation = fc.oneof(
      fc.record({ kind: fc.constant("deposit" as const), fen: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant("charge" as const), fen: fc.integer({ min: 1, max: 80_000 }) }),
      fc.record({ kind: fc.constant("refund" as const), fen: fc.integer({ min: 1, max: 20_000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        const shopper = await createTestUser("SHOPPER");
        let expected = 0;
        for (const op of operations) {
          if (op.kind === "deposit") {
            const topUp = await requestTopUp(shopper.id, op.fen);
            await decideTopUp(actor, topUp.id, "CONFIRM");
            expected += op.fen;
          } else if (op.kind === "charge") {
            const outcome = await chargeWallet(shopper.id, op.fen, "order");
            if (outcome.ok) expected -= op.fen;
            expect(outcome.ok).toBe(op.fen <= expected + (outcome.ok ? op.fen : 0));
          } else {
            await refundToWallet(shopper.id, op.fen, "order");
            expected += op.fen;
          }
          const balance = await balanceOf(shopper.id);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBe(expected);
          expect(await ledgerSum(shopper.id)).toBe(balance);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
