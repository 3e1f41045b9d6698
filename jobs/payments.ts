import { previousChinaDay } from "~/domain/payments/reconcile";
import { checkOpenTrades } from "~/services/alipay.server";
import { sendPendingRefunds } from "~/services/alipay-refunds.server";
import { reconcileAlipayDay } from "~/services/reconciliation.server";
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

export type PaymentsReconcileCounts = {
  billDate: string;
  status: string;
  billRows: number;
  ledgerRows: number;
  matched: number;
  differences: number;
};
export type PaymentsReconcileOptions = PaymentsCheckOptions & { billDate?: string };

/**
 * Reconciles a China day of Alipay's trade bill with our ledger (yesterday's by default), under the
 * "payments-reconcile" lease. A run that could not read the bill is FAILED with the reason; a run
 * with differences is OK (it did its work): the differences wait at /admin/reconciliation.
 */
export function runPaymentsReconcileJob(options: PaymentsReconcileOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress, now = new Date() } = options;
  const billDate = options.billDate ?? previousChinaDay(now);
  return runWithLease(
    PAYMENTS_RECONCILE_JOB,
    trigger,
    async (): Promise<JobResult<{ counts: PaymentsReconcileCounts; configured: boolean }>> => {
      const outcome = await reconcileAlipayDay(billDate, now, onProgress);
      const counts = { billDate, status: "", billRows: 0, ledgerRows: 0, matched: 0, differences: 0 };
      if (outcome.outcome === "unavailable") return { outcome: "OK", counts, value: { counts, configured: false } };
      if (outcome.outcome === "busy") {
        const error = `another reconciliation of ${billDate} is running`;
        return { outcome: "FAILED", counts, error, value: { counts: { ...counts, status: "BUSY" }, configured: true } };
      }
      const { status, billRows, ledgerRows, matched, differences } = outcome;
      const done = { billDate, status, billRows, ledgerRows, matched, differences };
      return {
        outcome: status === "FAILED" ? "FAILED" : "OK",
        counts: done,
        error: outcome.error,
        value: { counts: done, configured: true },
      };
    },
    { ttlMs: 10 * 60_000, holder },
  );
}
