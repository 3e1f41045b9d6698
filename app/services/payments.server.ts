import type { Tx } from "~/utils/db.server";

// How an order is paid. Every provider moves money inside the caller's transaction, so an order
// turns PAID (or is refunded) together with the money or not at all. The wallet is the first provider.

export type ChargeOutcome = { ok: true } | { ok: false; code: "INSUFFICIENT_FUNDS" };

export interface PaymentProvider {
  readonly id: string;
  charge(tx: Tx, input: { userId: string; amountFen: number; orderId: string; note?: string }): Promise<ChargeOutcome>;
  refund(
    tx: Tx,
    input: { userId: string; amountFen: number; orderId: string; returnId?: string; note?: string; createdById?: string | null },
  ): Promise<void>;
}

function assertPositiveFen(amountFen: number) {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`an amount must be a positive number of fen: ${amountFen}`);
}

/**
 * The wallet: the balance is the sum of an append-only ledger, kept on the account row so that the
 * check and the debit are one conditional update; concurrent charges can never overdraw it.
 */
export const walletProvider: PaymentProvider = {
  id: "wallet",
  async charge(tx, { userId, amountFen, orderId, note }) {
    assertPositiveFen(amountFen);
    const debited = await tx.walletAccount.updateMany({
      where: { userId, balanceFen: { gte: amountFen } },
      data: { balanceFen: { decrement: amountFen } },
    });
    if (debited.count === 0) return { ok: false, code: "INSUFFICIENT_FUNDS" };
    await tx.walletEntry.create({ data: { userId, kind: "CHARGE", amountFen: -amountFen, orderId, note: note ?? null } });
    return { ok: true };
  },
  async refund(tx, { userId, amountFen, orderId, returnId, note, createdById }) {
    await creditWallet(tx, {
      userId,
      kind: "REFUND",
      amountFen,
      orderId,
      returnId: returnId ?? null,
      note: note ?? null,
      createdById: createdById ?? null,
    });
  },
};

/** Money in to the wallet (a refund, a confirmed or provider-paid top-up, a complaint's compensation): the ledger entry and the balance together. */
export async function creditWallet(
  tx: Tx,
  entry: {
    userId: string;
    kind: "REFUND" | "DEPOSIT" | "COMPENSATION";
    amountFen: number;
    orderId?: string | null;
    returnId?: string | null;
    complaintId?: string | null;
    tradeId?: string | null;
    reference?: string | null;
    note?: string | null;
    createdById?: string | null;
  },
) {
  assertPositiveFen(entry.amountFen);
  await tx.walletEntry.create({ data: entry });
  await tx.walletAccount.upsert({
    where: { userId: entry.userId },
    create: { userId: entry.userId, balanceFen: entry.amountFen },
    update: { balanceFen: { increment: entry.amountFen } },
  });
}

export const paymentProvider: PaymentProvider = walletProvider;
