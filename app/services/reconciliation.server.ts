import { z } from "zod";
import { parseAlipayBill, type BillParse } from "~/domain/payments/alipay-bill";
import { alipayAmountFen, PAID_TRADE_STATUSES } from "~/domain/payments/alipay-notice";
import { parseWechatBill } from "~/domain/payments/wechat-bill";
import {
  billRowsToLookUp,
  chinaDayWindow,
  DIFFERENCE_KINDS,
  differenceKey,
  ledgerSelection,
  nearDayStart,
  reconcile,
  RUN_STATUSES,
  type Difference,
  type LedgerRow,
  withConfirmed,
} from "~/domain/payments/reconcile";
import { fromColumn } from "~/domain/stored";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Tx } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import { logger } from "~/utils/logger.server";
import { alipay } from "./alipay-client.server";
import { tradeProvider, type ProviderId } from "./trade-providers.server";
import { wechatPay } from "./wechat-pay-client.server";

// The daily reconciliation of a provider's trade bill (Alipay's, WeChat Pay's) with our ledger of
// that provider (app/domain/payments/reconcile.ts says what is compared and what each difference
// means). One run per provider and China day: claimed with a
// conditional write (a second run of the same day, from the job or the admin page, finds it busy),
// then the bill is downloaded and read and our rows loaded outside any transaction, and the outcome
// is stored in one: the day's differences replaced as a whole, or, when the provider failed or the
// bill is unreadable, none and the run FAILED with the reason. An admin marks a difference handled.

export const RECONCILED_PROVIDERS = ["ALIPAY", "WECHAT"] as const satisfies readonly ProviderId[];
export type ReconciledProvider = (typeof RECONCILED_PROVIDERS)[number];

/** Where a provider's day comes from: its bill, downloaded and read into BillRows, or why it could not be. */
type BillSource = { name: string; read(billDate: string): Promise<BillParse | { ok: false; failure: string }> };

const failure = (download: { code: string; message: string }) => ({ ok: false as const, failure: `${download.code}: ${download.message}` });

/**
 * Each provider's bill: Alipay's ZIP of GBK CSV (alipay-bill.ts), WeChat Pay's UTF-8 CSV checked
 * against its signed SHA-1 (wechat-bill.ts); null when the provider is not configured. The midnight
 * check asks the provider's trade query (trade-providers.server.ts).
 */
function billSource(provider: ReconciledProvider): BillSource | null {
  if (provider === "ALIPAY") {
    const client = alipay();
    if (!client) return null;
    return {
      name: "Alipay",
      async read(billDate) {
        const download = await client.downloadBill(billDate);
        if (!download.ok) return failure(download);
        return download.found ? parseAlipayBill(download.csv) : { ok: true, rows: [] };
      },
    };
  }
  const client = wechatPay();
  if (!client) return null;
  return {
    name: "WeChat Pay",
    async read(billDate) {
      const download = await client.downloadBill(billDate);
      if (!download.ok) return failure(download);
      return download.found ? parseWechatBill(download.csv) : { ok: true, rows: [] };
    },
  };
}

/** The providers whose bill can be reconciled in this process. */
export const reconcilableProviders = (): ReconciledProvider[] => RECONCILED_PROVIDERS.filter((id) => billSource(id) !== null);

/** A RUNNING run older than this was left by a process that died: the day may be claimed again. */
const STALE_RUN_MS = 15 * 60_000;
const CHUNK = 500;
const MAX_ERROR_CHARS = 1_000;
/** At most this many payments booked just after midnight are checked with a trade query per run. */
const MAX_EDGE_QUERIES = 50;

export type ReconcileOutcome =
  | { outcome: "unavailable" }
  | { outcome: "busy" }
  | {
      outcome: "done";
      billDate: string;
      status: "MATCHED" | "DIFFERENCES" | "FAILED";
      billRows: number;
      ledgerRows: number;
      matched: number;
      differences: number;
      error: string | null;
    };

type Claim = { id: string; startedAt: Date };

async function claimRun(provider: ReconciledProvider, billDate: string, now: Date): Promise<Claim | null> {
  const existing = await db.reconciliationRun.findUnique({
    where: { provider_billDate: { provider, billDate } },
    select: { id: true, status: true, startedAt: true },
  });
  if (!existing) {
    try {
      const created = await db.reconciliationRun.create({
        data: { provider, billDate, status: "RUNNING", startedAt: now },
        select: { id: true },
      });
      return { id: created.id, startedAt: now };
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
  if (existing.status === "RUNNING" && now.getTime() - existing.startedAt.getTime() < STALE_RUN_MS) return null;
  const claimed = await db.reconciliationRun.updateMany({
    where: { id: existing.id, status: existing.status, startedAt: existing.startedAt },
    data: { status: "RUNNING", startedAt: now, finishedAt: null, error: null },
  });
  return claimed.count === 1 ? { id: existing.id, startedAt: now } : null;
}

class LostClaim extends Error {}

/** Stores the run's end in one transaction; only while the run is still this claim's. */
async function finish(
  claim: Claim,
  now: Date,
  result: { status: "MATCHED" | "DIFFERENCES" | "FAILED"; billRows: number; ledgerRows: number; matched: number; error: string | null },
  differences: Difference[],
) {
  await db.$transaction(
    async (tx: Tx) => {
      // An admin's "handled" stays on a difference that comes back unchanged.
      const handled = await tx.reconciliationDifference.findMany({
        where: { runId: claim.id, resolvedAt: { not: null } },
        select: {
          kind: true,
          entry: true,
          outTradeNo: true,
          refundRequestNo: true,
          billAmountFen: true,
          ledgerAmountFen: true,
          resolvedAt: true,
          resolvedById: true,
          note: true,
        },
      });
      const kept = new Map(handled.map((row) => [differenceKey(row), row]));
      await tx.reconciliationDifference.deleteMany({ where: { runId: claim.id } });
      for (let start = 0; start < differences.length; start += CHUNK) {
        await tx.reconciliationDifference.createMany({
          data: differences.slice(start, start + CHUNK).map((difference) => {
            const resolution = kept.get(differenceKey(difference));
            return {
              runId: claim.id,
              ...difference,
              resolvedAt: resolution?.resolvedAt ?? null,
              resolvedById: resolution?.resolvedById ?? null,
              note: resolution?.note ?? null,
            };
          }),
        });
      }
      const done = await tx.reconciliationRun.updateMany({
        where: { id: claim.id, status: "RUNNING", startedAt: claim.startedAt },
        data: { ...result, differences: differences.length, error: result.error?.slice(0, MAX_ERROR_CHARS) ?? null, finishedAt: now },
      });
      if (done.count !== 1) throw new LostClaim();
    },
    { timeout: 60_000 },
  );
}

const toLedgerRow = (trade: { id: string; outTradeNo: string; providerTradeNo: string | null; amountFen: number; paidAt: Date | null }) =>
  ({
    kind: "PAYMENT",
    outTradeNo: trade.outTradeNo,
    providerTradeNo: trade.providerTradeNo,
    refundRequestNo: null,
    amountFen: trade.amountFen,
    at: trade.paidAt ?? new Date(0),
    tradeId: trade.id,
  }) satisfies LedgerRow;

const tradeSelect = { id: true, outTradeNo: true, providerTradeNo: true, amountFen: true, paidAt: true } as const;

/** A refund the provider paid back (services/payment-refunds.server.ts), as the bill's refund row names it: by its request number. */
const refundToLedgerRow = (refund: {
  outRequestNo: string;
  amountFen: number;
  settledAt: Date | null;
  trade: { id: string; outTradeNo: string; providerTradeNo: string | null };
}) =>
  ({
    kind: "REFUND",
    outTradeNo: refund.trade.outTradeNo,
    providerTradeNo: refund.trade.providerTradeNo,
    refundRequestNo: refund.outRequestNo,
    amountFen: refund.amountFen,
    at: refund.settledAt ?? new Date(0),
    tradeId: refund.trade.id,
  }) satisfies LedgerRow;

const refundSelect = {
  outRequestNo: true,
  amountFen: true,
  settledAt: true,
  trade: { select: { id: true, outTradeNo: true, providerTradeNo: true } },
} as const;

/**
 * Reconciles one China day ("2026-12-03") of the provider's bill. `now` is the run's start. Our side:
 * that provider's trades we booked as paid, and the refunds to it we booked as paid back (SUCCEEDED).
 */
export async function reconcileDay(
  providerId: ReconciledProvider,
  billDate: string,
  now = new Date(),
  onProgress?: (message: string) => void,
): Promise<ReconcileOutcome> {
  const day = chinaDayWindow(billDate);
  if (!day) throw new Error(`not a day: ${billDate}`);
  const source = billSource(providerId);
  if (!source) return { outcome: "unavailable" };
  const claim = await claimRun(providerId, billDate, now);
  if (!claim) return { outcome: "busy" };
  const end = async (
    result: { status: "MATCHED" | "DIFFERENCES" | "FAILED"; billRows: number; ledgerRows: number; matched: number; error: string | null },
    differences: Difference[] = [],
  ): Promise<ReconcileOutcome> => {
    try {
      await finish(claim, new Date(), result, differences);
    } catch (error) {
      if (error instanceof LostClaim) return { outcome: "busy" };
      throw error;
    }
    if (result.status === "FAILED") logger.warn({ provider: providerId, billDate, error: result.error }, "reconciliation failed");
    return { outcome: "done", billDate, ...result, differences: differences.length };
  };
  const failed = (error: string) => end({ status: "FAILED", billRows: 0, ledgerRows: 0, matched: 0, error });
  try {
    onProgress?.(`downloading ${source.name}'s bill of ${billDate}`);
    const parsed = await source.read(billDate);
    if (!parsed.ok && "failure" in parsed) return await failed(parsed.failure);
    if (!parsed.ok)
      return await failed(`${parsed.error.code}: ${parsed.error.message}${parsed.error.line ? ` (line ${parsed.error.line})` : ""}`);
    const selection = ledgerSelection(day);
    const [payments, refunds] = await Promise.all([
      db.paymentTrade.findMany({
        where: { provider: providerId, status: "PAID", paidAt: { gte: selection.from, lt: selection.to } },
        select: tradeSelect,
      }),
      db.paymentRefund.findMany({
        where: { status: "SUCCEEDED", settledAt: { gte: selection.from, lt: selection.to }, trade: { provider: providerId } },
        select: refundSelect,
      }),
    ]);
    const ledger = [...payments.map(toLedgerRow), ...refunds.map(refundToLedgerRow)];
    const { outTradeNos, refundRequestNos } = billRowsToLookUp(parsed.rows, ledger);
    // Our paid trades outside the selection match; an unpaid one (closed, say) is the trade the money was for.
    const elsewhere: LedgerRow[] = [];
    const unpaid = new Map<string, string>();
    for (let start = 0; start < outTradeNos.length; start += CHUNK) {
      const found = await db.paymentTrade.findMany({
        where: { provider: providerId, outTradeNo: { in: outTradeNos.slice(start, start + CHUNK) } },
        select: { ...tradeSelect, status: true },
      });
      for (const trade of found) {
        if (trade.status === "PAID") elsewhere.push(toLedgerRow(trade));
        else unpaid.set(trade.outTradeNo, trade.id);
      }
    }
    for (let start = 0; start < refundRequestNos.length; start += CHUNK) {
      const found = await db.paymentRefund.findMany({
        where: {
          status: "SUCCEEDED",
          outRequestNo: { in: refundRequestNos.slice(start, start + CHUNK) },
          trade: { provider: providerId },
        },
        select: refundSelect,
      });
      elsewhere.push(...found.map(refundToLedgerRow));
    }
    onProgress?.(`comparing ${parsed.rows.length} bill rows with ${ledger.length} of ours`);
    const compared = reconcile({ day, bill: parsed.rows, ledger, elsewhere });
    // Booked just after midnight and not on this bill: paid at the provider (our merchant's trade), for
    // our amount, it is on the day before's.
    const confirmed = new Set<string>();
    const edge = nearDayStart(compared, day).slice(0, MAX_EDGE_QUERIES);
    const queried = edge.length > 0 ? tradeProvider(providerId) : null;
    for (const difference of queried ? edge : []) {
      const answer = await queried?.query({ outTradeNo: difference.outTradeNo, amountFen: difference.ledgerAmountFen ?? 0 });
      const report = answer?.ok ? answer.report : null;
      if (
        report &&
        (!report.sellerId || report.sellerId === queried?.expected.sellerId) &&
        (PAID_TRADE_STATUSES as readonly string[]).includes(report.tradeStatus) &&
        alipayAmountFen(report.totalAmount) === difference.ledgerAmountFen
      )
        confirmed.add(difference.outTradeNo);
    }
    const confirmedResult = withConfirmed(compared, confirmed);
    const result = {
      ...confirmedResult,
      differences: confirmedResult.differences.map((difference) =>
        difference.kind === "MISSING_IN_LEDGER" && difference.entry === "PAYMENT" && unpaid.has(difference.outTradeNo)
          ? { ...difference, tradeId: unpaid.get(difference.outTradeNo) ?? null }
          : difference,
      ),
    };
    const status = result.differences.length === 0 ? "MATCHED" : "DIFFERENCES";
    const outcome = await end(
      { status, billRows: result.billRows, ledgerRows: result.ledgerRows, matched: result.matched, error: null },
      result.differences,
    );
    onProgress?.(`${result.matched} matched, ${result.differences.length} differences`);
    return outcome;
  } catch (error) {
    // Whatever broke, the day is not left RUNNING: it fails with the reason (and no differences).
    return await failed(`ERROR: ${(error as Error).message}`).catch(() => {
      throw error;
    });
  }
}

const runStatus = (value: string) => fromColumn(z.enum(RUN_STATUSES), "ReconciliationRun.status", value);
const reconciledProvider = (value: string) => fromColumn(z.enum(RECONCILED_PROVIDERS), "ReconciliationRun.provider", value);
const differenceKind = (value: string) => fromColumn(z.enum(DIFFERENCE_KINDS), "ReconciliationDifference.kind", value);

/** The latest runs (each provider's), newest day first, for the admin page: two months of both providers. */
export async function listReconciliationRuns(take = 120) {
  const runs = await db.reconciliationRun.findMany({
    where: { provider: { in: [...RECONCILED_PROVIDERS] } },
    orderBy: [{ billDate: "desc" }, { provider: "asc" }],
    take,
    select: {
      id: true,
      provider: true,
      billDate: true,
      status: true,
      billRows: true,
      ledgerRows: true,
      matched: true,
      differences: true,
      error: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  const open = await db.reconciliationDifference.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((run) => run.id) }, resolvedAt: null },
    _count: { _all: true },
  });
  const openByRun = new Map(open.map((row) => [row.runId, row._count._all]));
  return runs.map((run) => ({
    ...run,
    provider: reconciledProvider(run.provider),
    status: runStatus(run.status),
    open: openByRun.get(run.id) ?? 0,
  }));
}

/** One provider's run of a day and its differences, each with the trade's shopper and who marked it handled. */
export async function getReconciliationDay(provider: ReconciledProvider, billDate: string) {
  const run = await db.reconciliationRun.findUnique({
    where: { provider_billDate: { provider, billDate } },
    select: { id: true, provider: true, billDate: true, status: true, error: true },
  });
  if (!run) return null;
  const differences = await db.reconciliationDifference.findMany({
    where: { runId: run.id },
    orderBy: [{ resolvedAt: { sort: "asc", nulls: "first" } }, { kind: "asc" }, { outTradeNo: "asc" }],
    take: 500,
    select: {
      id: true,
      kind: true,
      entry: true,
      outTradeNo: true,
      providerTradeNo: true,
      refundRequestNo: true,
      billAmountFen: true,
      ledgerAmountFen: true,
      billFinishedAt: true,
      ledgerAt: true,
      tradeId: true,
      resolvedAt: true,
      resolvedById: true,
      note: true,
    },
  });
  const tradeIds = differences.flatMap((row) => (row.tradeId ? [row.tradeId] : []));
  const userIds = differences.flatMap((row) => (row.resolvedById ? [row.resolvedById] : []));
  const [trades, resolvers] = await Promise.all([
    db.paymentTrade.findMany({
      where: { id: { in: tradeIds } },
      select: { id: true, purpose: true, orderId: true, status: true, user: { select: { name: true, email: true } } },
    }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
  ]);
  const tradeById = new Map(trades.map((trade) => [trade.id, trade]));
  const resolverById = new Map(resolvers.map((user) => [user.id, user.name]));
  return {
    run: { ...run, provider: reconciledProvider(run.provider), status: runStatus(run.status) },
    differences: differences.map((row) => ({
      ...row,
      kind: differenceKind(row.kind),
      trade: (row.tradeId && tradeById.get(row.tradeId)) || null,
      resolvedBy: (row.resolvedById && resolverById.get(row.resolvedById)) || null,
    })),
  };
}

/** An admin marks a difference handled, with a note; once (a conditional update: a second admin is told). */
export async function resolveDifference(admin: SessionUser, differenceId: string, note: string, now = new Date()) {
  return db.$transaction(async (tx: Tx) => {
    const claimed = await tx.reconciliationDifference.updateMany({
      where: { id: differenceId, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: admin.id, note },
    });
    if (claimed.count === 0) {
      const exists = await tx.reconciliationDifference.count({ where: { id: differenceId } });
      return { ok: false as const, reason: exists ? ("alreadyResolved" as const) : ("notFound" as const) };
    }
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "ReconciliationDifference",
        entityId: differenceId,
        action: "resolve",
        before: JSON.stringify({ resolvedAt: null }),
        after: JSON.stringify({ resolvedAt: now.toISOString(), note }),
      },
    });
    return { ok: true as const };
  });
}
