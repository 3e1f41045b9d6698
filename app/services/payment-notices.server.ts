import { FLAGGED_NOTICE_OUTCOMES, type FlaggedNoticeOutcome } from "~/domain/payments/flagged-notices";
import { db } from "~/utils/db.server";

// The flagged notifications, newest first, each with the trade it names when there is one, so the
// admin can answer the shopper; and how many there are of each outcome. Beside them, the refunds to
// Alipay that have not gone through after a few attempts (they keep being retried: an admin may need
// to top up the merchant's balance or ask Alipay).

const PAGE = 100;

export async function listFlaggedNotices(filter: { outcome: FlaggedNoticeOutcome | null }) {
  const outcomes = filter.outcome ? [filter.outcome] : [...FLAGGED_NOTICE_OUTCOMES];
  const [notices, counted] = await Promise.all([
    db.paymentNotice.findMany({
      where: { outcome: { in: outcomes } },
      orderBy: { receivedAt: "desc" },
      take: PAGE,
      select: {
        id: true,
        provider: true,
        outTradeNo: true,
        providerTradeNo: true,
        tradeStatus: true,
        amount: true,
        outcome: true,
        detail: true,
        receivedAt: true,
      },
    }),
    db.paymentNotice.groupBy({ by: ["outcome"], where: { outcome: { in: [...FLAGGED_NOTICE_OUTCOMES] } }, _count: { _all: true } }),
  ]);
  const numbers = [...new Set(notices.flatMap((notice) => (notice.outTradeNo ? [notice.outTradeNo] : [])))];
  const trades = await db.paymentTrade.findMany({
    where: { outTradeNo: { in: numbers } },
    select: {
      outTradeNo: true,
      purpose: true,
      orderId: true,
      amountFen: true,
      status: true,
      user: { select: { name: true, email: true } },
    },
  });
  const byNumber = new Map(trades.map((trade) => [trade.outTradeNo, trade]));
  const counts = Object.fromEntries(FLAGGED_NOTICE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<FlaggedNoticeOutcome, number>;
  for (const row of counted) counts[row.outcome as FlaggedNoticeOutcome] = row._count._all;
  return {
    counts,
    notices: notices.map((notice) => ({ ...notice, trade: (notice.outTradeNo && byNumber.get(notice.outTradeNo)) || null })),
  };
}

/** A refund sent this many times without the provider (Alipay, WeChat Pay) paying it out is shown to admins. */
export const STALLED_REFUND_ATTEMPTS = 3;

export function listStalledRefunds() {
  return db.paymentRefund.findMany({
    where: { status: "PENDING", attempts: { gte: STALLED_REFUND_ATTEMPTS } },
    orderBy: { createdAt: "asc" },
    take: PAGE,
    select: {
      id: true,
      outRequestNo: true,
      orderId: true,
      amountFen: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      createdAt: true,
      trade: { select: { provider: true, outTradeNo: true, user: { select: { name: true, email: true } } } },
    },
  });
}
