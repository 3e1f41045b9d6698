import { ledgerEntryKindSchema, makeTopUpReference, topUpStatusSchema } from "~/domain/orders/wallet-ledger";
import { fromColumn } from "~/domain/stored";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import { creditWallet, walletProvider } from "./payments.server";

export async function getBalanceFen(userId: string) {
  return (await db.walletAccount.findUnique({ where: { userId }, select: { balanceFen: true } }))?.balanceFen ?? 0;
}

/** A shopper's balance, recent ledger and top-ups; only their own. */
export async function getWallet(userId: string) {
  const [account, entries, topUps] = await Promise.all([
    db.walletAccount.findUnique({ where: { userId }, select: { balanceFen: true } }),
    db.walletEntry.findMany({
      where: { userId },
      select: { id: true, kind: true, amountFen: true, reference: true, orderId: true, note: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db.topUp.findMany({
      where: { userId },
      select: { id: true, reference: true, amountFen: true, status: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
  ]);
  return {
    balanceFen: account?.balanceFen ?? 0,
    entries: entries.map((entry) => ({ ...entry, kind: fromColumn(ledgerEntryKindSchema, "WalletEntry.kind", entry.kind) })),
    topUps: topUps.map((topUp) => ({ ...topUp, status: fromColumn(topUpStatusSchema, "TopUp.status", topUp.status) })),
  };
}

/** A pending bank-transfer top-up with a fresh reference code for the transfer memo. */
export async function requestTopUp(userId: string, amountFen: number) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = makeTopUpReference(Math.random);
    const taken = await db.topUp.findUnique({ where: { reference }, select: { id: true } });
    if (taken) continue;
    try {
      return await db.topUp.create({ data: { userId, reference, amountFen }, select: { id: true, reference: true, amountFen: true } });
    } catch (error) {
      // Another request took the same code between the look-up and the insert: draw again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not find a free top-up reference");
}

export async function listPendingTopUps() {
  return db.topUp.findMany({
    where: { status: "PENDING" },
    select: { id: true, reference: true, amountFen: true, createdAt: true, user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
}

/**
 * An admin confirms that the transfer arrived: the top-up turns CONFIRMED and the deposit enters the
 * ledger in one transaction. Only a PENDING top-up can be confirmed, so a double click or two admins
 * deposit once.
 */
export async function decideTopUp(admin: SessionUser, topUpId: string, decision: "CONFIRM" | "REJECT") {
  return db.$transaction(async (tx) => {
    const topUp = await tx.topUp.findUnique({
      where: { id: topUpId },
      select: { userId: true, amountFen: true, reference: true, status: true },
    });
    if (!topUp) return { ok: false as const, reason: "notFound" as const };
    const status = decision === "CONFIRM" ? "CONFIRMED" : "REJECTED";
    const claimed = await tx.topUp.updateMany({
      where: { id: topUpId, status: "PENDING" },
      data: { status, decidedById: admin.id, decidedAt: new Date() },
    });
    if (claimed.count === 0) return { ok: false as const, reason: "alreadyDecided" as const };
    if (decision === "CONFIRM") {
      await creditWallet(tx, {
        userId: topUp.userId,
        kind: "DEPOSIT",
        amountFen: topUp.amountFen,
        reference: topUp.reference,
        createdById: admin.id,
      });
    }
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "TopUp",
        entityId: topUpId,
        action: decision.toLowerCase(),
        before: JSON.stringify({ status: "PENDING" }),
        after: JSON.stringify({ status, amountFen: topUp.amountFen }),
      },
    });
    return { ok: true as const };
  });
}

/** Takes `amountFen` from the wallet on its own (orders charge inside their own transaction). */
export async function chargeWallet(userId: string, amountFen: number, orderId: string) {
  return db.$transaction((tx) => walletProvider.charge(tx, { userId, amountFen, orderId }));
}

/** Puts money back for an order on its own (orders refund inside their own transaction). */
export async function refundToWallet(userId: string, amountFen: number, orderId: string, note?: string) {
  return db.$transaction((tx) => walletProvider.refund(tx, { userId, amountFen, orderId, note }));
}

/** The ledger's sum, for checks: it must always equal the account's balance. */
export async function ledgerSum(userId: string) {
  const result = await db.walletEntry.aggregate({ where: { userId }, _sum: { amountFen: true } });
  return result._sum.amountFen ?? 0;
}
