import { checkOpenTrades } from "~/services/alipay.server";
import { sendPendingRefunds } from "~/services/alipay-refunds.server";
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
 * Asks Alipay about open trades whose notification has not come (paying them if Alipay says they are
 * paid), closes the ones left unpaid past their time, and sends the refunds due back to Alipay, under
 * the "payments-check" lease. Without Alipay configured there is nothing to check.
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
