import crypto from "node:crypto";
import { chinaDayStamp } from "~/domain/china-time";
import { REFUND_DESTINATIONS, refundGoesTo } from "~/domain/payments/alipay-refund";
import { fromColumn } from "~/domain/stored";
import type { Tx } from "~/utils/db.server";
import { z } from "zod";

// How an order is paid. Every provider moves money inside the caller's transaction, so an order
// turns PAID (or is refunded) together with the money or not at all. The wallet is the first provider.

export type ChargeOutcome = { ok: true } | { ok: false; code: "INSUFFICIENT_FUNDS" };
/** Where a refund went: the wallet at once, or back to the order's Alipay or WeChat Pay payment (sent after the commit). */
export type RefundedTo = "WALLET" | "ALIPAY" | "WECHAT";
type RefundInput = { userId: string; amountFen: number; orderId: string; returnId?: string; note?: string; createdById?: string | null };

export interface PaymentProvider {
  readonly id: string;
  charge(tx: Tx, input: { userId: string; amountFen: number; orderId: string; note?: string }): Promise<ChargeOutcome>;
  refund(tx: Tx, input: RefundInput): Promise<RefundedTo>;
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
    return "WALLET";
  },
};

/** A refund's timeline and notice params name where it went: the i18next context "alipay" or "wechat" picks that text. */
export const refundedToParams = (to: RefundedTo): { context?: string } =>
  to === "ALIPAY" ? { context: "alipay" } : to === "WECHAT" ? { context: "wechat" } : {};

/** Money in to the wallet (a refund, a confirmed or provider-paid top-up, a complaint's compensation, a claim's payout): the ledger entry and the balance together. */
export async function creditWallet(
  tx: Tx,
  entry: {
    userId: string;
    kind: "REFUND" | "DEPOSIT" | "COMPENSATION" | "CLAIM_PAYOUT";
    amountFen: number;
    orderId?: string | null;
    returnId?: string | null;
    complaintId?: string | null;
    claimId?: string | null;
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

/**
 * What orders use: charges from the wallet; a refund goes where the shopper chose for the order — the
 * wallet, or back to the Alipay or WeChat Pay payment that paid it when that payment can take it whole.
 * Such a refund is recorded here (PENDING, its amount taken off what the trade may still refund, conditionally)
 * and sent by the payments-check job after the commit; if Alipay refuses it for good it lands in the
 * wallet then (services/payment-refunds.server.ts).
 */
export const paymentProvider: PaymentProvider = {
  id: "orders",
  charge: walletProvider.charge,
  async refund(tx, input) {
    assertPositiveFen(input.amountFen);
    const order = await tx.order.findUnique({ where: { id: input.orderId }, select: { refundTo: true } });
    const preference = fromColumn(z.enum(REFUND_DESTINATIONS), "Order.refundTo", order?.refundTo ?? "WALLET");
    if (preference === "ORIGINAL") {
      const payment = await tx.paymentTrade.findFirst({
        where: { orderId: input.orderId, userId: input.userId, purpose: "ORDER", status: "PAID", refundableFen: { gt: 0 } },
        select: { id: true, refundableFen: true, provider: true },
      });
      if (payment && refundGoesTo(preference, payment, input.amountFen) === "ALIPAY") {
        const taken = await tx.paymentTrade.updateMany({
          where: { id: payment.id, refundableFen: { gte: input.amountFen } },
          data: { refundableFen: { decrement: input.amountFen } },
        });
        if (taken.count === 1) {
          await tx.paymentRefund.create({
            data: {
              tradeId: payment.id,
              userId: input.userId,
              orderId: input.orderId,
              returnId: input.returnId ?? null,
              outRequestNo: `RF${chinaDayStamp(new Date())}${crypto.randomBytes(6).toString("hex").toUpperCase()}`,
              amountFen: input.amountFen,
              reason: input.note ?? "refund",
              createdById: input.createdById ?? null,
            },
          });
          return payment.provider === "WECHAT" ? "WECHAT" : "ALIPAY";
        }
      }
    }
    return walletProvider.refund(tx, input);
  },
};
