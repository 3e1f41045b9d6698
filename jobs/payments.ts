import { previousChinaDay } from "~/domain/payments/reconcile";
import { checkOpenTrades } from "~/services/payment-trades.server";
import { sendPendingRefunds } from "~/services/payment-refunds.server";
import { RECONCILED_PROVIDERS, reconcileDay, type ReconciledProvider } from "~/services/reconciliation.server";
import { runWithLease, type JobResult, type JobTrigger } from "~/services/jobs.server";
import { processHolder } from "./holder";

export const PAYMENTS_CHECK_JOB = "payments-check";

export type PaymentsCheckCounts = {
  checked: number;
  paid: number;
  closed: number;
  refundsSent: number;
  refunded: number;
  refundedToWallet: number;
};
export type PaymentsCheckOptions = { trigger?: JobTrigger; holder?: string; onProgress?: (message: string) => void; now?: Date };

/**
 * Asks Alipay and WeChat Pay about open trades whose notification has not come (paying them if the
 * provider says they are paid), closes the ones left unpaid past their time, and sends the refunds due
 * back to the provider that was paid, under the "payments-check" lease. Without a provider configured
 * there is nothing to check.
 */
export function runPaymentsCheckJob(options: PaymentsCheckOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress, now = new Date() } = options;
  return runWithLease(
    PAYMENTS_CHECK_JOB,
    trigger,
    async (): Promise<JobResult<{ counts: PaymentsCheckCounts }>> => {
      const trades = await checkOpenTrades(now, (done, total) => onProgress?.(`${done} / ${total} trades checked`));
      const refunds = await sendPendingRefunds(now, (done, total) => onProgress?.(`${done} / ${total} refunds sent`));
      const counts = { ...trades, refundsSent: refunds.sent, refunded: refunds.refunded, refundedToWallet: refunds.toWallet };
      return { outcome: "OK", counts, value: { counts } };
    },
    { ttlMs: 5 * 60_000, holder },
  );
}

export const PAYMENTS_RECONCILE_JOB = "payments-reconcile";

/** The day's totals over the providers reconciled; status the worst of theirs (FAILED, DIFFERENCES, MATCHED). */
export type PaymentsReconcileCounts = {
  billDate: string;
  status: string;
  billRows: number;
  ledgerRows: number;
  matched: number;
  differences: number;
};
/** One provider's run of the day; status BUSY when another run of it holds the day, ERROR when it broke. */
export type ProviderReconcileCounts = Omit<PaymentsReconcileCounts, "billDate"> & { provider: ReconciledProvider; error: string | null };
export type PaymentsReconcileValue = { counts: PaymentsReconcileCounts; providers: ProviderReconcileCounts[]; configured: boolean };
export type PaymentsReconcileOptions = PaymentsCheckOptions & { billDate?: string; provider?: ReconciledProvider };

const PROVIDER_NAMES: Record<ReconciledProvider, string> = { ALIPAY: "Alipay", WECHAT: "WeChat Pay" };
const WORST = ["FAILED", "BUSY", "ERROR", "DIFFERENCES", "MATCHED"];

async function reconcileProvider(
  provider: ReconciledProvider,
  billDate: string,
  now: Date,
  onProgress?: (message: string) => void,
): Promise<ProviderReconcileCounts | null> {
  const none = { provider, billRows: 0, ledgerRows: 0, matched: 0, differences: 0 };
  try {
    const outcome = await reconcileDay(provider, billDate, now, (message) => onProgress?.(`${PROVIDER_NAMES[provider]}: ${message}`));
    if (outcome.outcome === "unavailable") return null;
    if (outcome.outcome === "busy") return { ...none, status: "BUSY", error: `another reconciliation of ${billDate} is running` };
    const { status, billRows, ledgerRows, matched, differences, error } = outcome;
    return { provider, status, billRows, ledgerRows, matched, differences, error };
  } catch (error) {
    // One provider breaking does not keep the other's bill from being read.
    return { ...none, status: "ERROR", error: (error as Error).message };
  }
}

/**
 * Reconciles a China day (yesterday's by default) of each configured provider's trade bill (Alipay,
 * WeChat Pay; or the one asked for) with our ledger, each its own run, under the "payments-reconcile"
 * lease. A provider whose bill could not be read is FAILED with the reason and makes the job FAILED,
 * after the others have run; a run with differences is OK (it did its work): the differences wait at
 * /admin/reconciliation.
 */
export function runPaymentsReconcileJob(options: PaymentsReconcileOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress, now = new Date() } = options;
  const billDate = options.billDate ?? previousChinaDay(now);
  return runWithLease(
    PAYMENTS_RECONCILE_JOB,
    trigger,
    async (): Promise<JobResult<PaymentsReconcileValue>> => {
      const providers: ProviderReconcileCounts[] = [];
      for (const provider of options.provider ? [options.provider] : RECONCILED_PROVIDERS) {
        const done = await reconcileProvider(provider, billDate, now, onProgress);
        if (done) providers.push(done);
      }
      const sum = (key: "billRows" | "ledgerRows" | "matched" | "differences") => providers.reduce((total, row) => total + row[key], 0);
      const worst = WORST.find((status) => providers.some((row) => row.status === status)) ?? "";
      const counts: PaymentsReconcileCounts = {
        billDate,
        status: worst,
        billRows: sum("billRows"),
        ledgerRows: sum("ledgerRows"),
        matched: sum("matched"),
        differences: sum("differences"),
      };
      const perProvider = Object.fromEntries(
        providers.flatMap((row) => {
          const key = row.provider.toLowerCase();
          return [
            [`${key}Status`, row.status],
            [`${key}Matched`, row.matched],
            [`${key}Differences`, row.differences],
          ];
        }),
      );
      const failed = providers.filter((row) => !["MATCHED", "DIFFERENCES"].includes(row.status));
      const error = providers
        .filter((row) => row.error)
        .map((row) => `${row.provider}: ${row.error}`)
        .join("; ");
      return {
        outcome: failed.length > 0 ? "FAILED" : "OK",
        counts: { ...counts, ...perProvider },
        error: error || null,
        value: { counts, providers, configured: providers.length > 0 },
      };
    },
    { ttlMs: 10 * 60_000, holder },
  );
}
