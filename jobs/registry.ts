import cron from "node-cron";
import { CHINA_TIME_ZONE } from "~/domain/china-time";
import { getEnv } from "~/utils/env.server";
import type { LeaseRun, JobTrigger } from "~/services/jobs.server";
import type { RatesOutcome } from "~/services/fx-rates.server";
import type { MailerOutcome } from "~/services/outbox.server";
import type { refreshPrices } from "~/services/price-refresh.server";
import type { LandedPricesValue } from "~/services/landed-prices-job.server";
import type { ReconciledProvider } from "~/services/reconciliation.server";
import { runCampaignsJob } from "./campaigns";
import { runHousekeepingJob } from "./housekeeping";
import { runLandedPricesJob } from "./landed-prices";
import { runMailerJob } from "./mailer";
import { runOrdersCompleteJob, runOrdersNudgeJob } from "./orders";
import { runPaymentsCheckJob, runPaymentsReconcileJob, type PaymentsReconcileValue } from "./payments";
import { runPricesJob } from "./prices";
import { runCheckInsJob, runReorderRemindersJob, runStorageRemindersJob } from "./revisits";
import { ratesNeedCatchUp, runRatesJob } from "./rates";
import { runSearchIndexJob } from "./search-index";

export type JobRunOptions = {
  trigger: JobTrigger;
  holder: string;
  onProgress?: (message: string) => void;
  store?: string;
  /** payments-reconcile only: the China day to reconcile (yyyy-MM-dd, checked by the caller); yesterday's without it. */
  date?: string;
  /** payments-reconcile only: the one provider to reconcile; every configured one without it. */
  provider?: ReconciledProvider;
};

/** What the CLI prints: `json` with --json, otherwise the localized `jobs:cli.<key>` line. */
export type CliReport = { exitCode: 0 | 2; json: unknown; key: string; params: Record<string, string | number> };

export type JobDefinition = {
  /** node-cron expressions, read in `timezone`. */
  schedules: readonly string[];
  timezone: string;
  needsCatchUp?: () => Promise<boolean>;
  run(options: JobRunOptions): Promise<LeaseRun<unknown>>;
  report(run: LeaseRun<unknown>): CliReport;
};

function failure(code: string, message: string, key: string, params: Record<string, string | number> = {}): CliReport {
  return { exitCode: 2, json: { error: { code, message } }, key, params: { message, ...params } };
}

function reportRates(run: LeaseRun<unknown>): CliReport {
  if (run.outcome === "SKIPPED") return failure("JOB_BUSY", run.error ?? "another worker is running this job", "busy");
  const outcome = run.value as RatesOutcome | undefined;
  if (!outcome || outcome.status === "FAILED") return failure("RATES_UNAVAILABLE", run.error ?? "no provider answered", "ratesFailed");
  const { base, asOf, source, rates } = outcome.snapshot;
  if (outcome.status === "HELD") return failure("RATES_HELD", outcome.reason, "ratesHeld", { asOf, source });
  return {
    exitCode: 0,
    json: { snapshot: { base, asOf, source, rates } },
    key: outcome.status === "UNCHANGED" ? "ratesUnchanged" : "ratesStored",
    params: { asOf, source, count: Object.keys(rates).length },
  };
}

// The ECB publishes around 16:00 CET on TARGET working days; two later tries cover a late file.
// The nightly run (06:00 in China) keeps weekends and holidays fresh from the daily fallback
// provider once the ECB's rates are past half their allowed age.
const rates: JobDefinition = {
  schedules: ["15 16 * * 1-5", "15 17 * * 1-5", "15 18 * * 1-5", "0 23 * * *"],
  timezone: "Europe/Berlin",
  needsCatchUp: ratesNeedCatchUp,
  run: (options) => runRatesJob(options),
  report: reportRates,
};

function reportPrices(run: LeaseRun<unknown>): CliReport {
  if (run.outcome === "SKIPPED") return failure("JOB_BUSY", run.error ?? "another worker is running this job", "busy");
  const result = run.value as Awaited<ReturnType<typeof refreshPrices>> | undefined;
  if (!result) return failure("PRICES_FAILED", run.error ?? "the price refresh failed", "pricesFailed");
  const { counts, durationMs } = result;
  const summary = { ...counts, durationMs };
  const params = { ...summary, seconds: (durationMs / 1000).toFixed(1) };
  if (run.outcome === "FAILED")
    return {
      exitCode: 2,
      json: { error: { code: "PRICES_FAILED", message: run.error ?? "" }, summary },
      key: "pricesFailed",
      params: { message: run.error ?? "", ...params },
    };
  return { exitCode: 0, json: { summary }, key: "pricesDone", params };
}

// Every six hours, off the hour: prices move more often than rates, and stores rest overnight too.
const prices: JobDefinition = {
  schedules: ["20 */6 * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runPricesJob(options),
  report: reportPrices,
};

/** Reports a job whose value carries `counts`: FAILED exits 2 with the error, OK and PARTIAL exit 0. */
function reportCounted(code: string, doneKey: string, failedKey: string) {
  return (run: LeaseRun<unknown>): CliReport => {
    if (run.outcome === "SKIPPED") return failure("JOB_BUSY", run.error ?? "another worker is running this job", "busy");
    const value = run.value as { counts: Record<string, number> } | undefined;
    if (!value || run.outcome === "FAILED") {
      return {
        exitCode: 2,
        json: { error: { code, message: run.error ?? "" }, ...(value ? { summary: value.counts } : {}) },
        key: failedKey,
        params: { message: run.error ?? "", ...value?.counts },
      };
    }
    return {
      exitCode: 0,
      json: { summary: value.counts, ...(run.error ? { errors: run.error } : {}) },
      key: doneKey,
      params: value.counts,
    };
  };
}

// Hourly, off the hour: the window is counted in days, so an hour late changes nothing for anyone.
const ordersComplete: JobDefinition = {
  schedules: ["5 * * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runOrdersCompleteJob(options),
  report: reportCounted("ORDERS_COMPLETE_FAILED", "ordersCompleteDone", "ordersCompleteFailed"),
};

// Hourly: a nudge is about a silence of days, an hour's lateness is noise.
const ordersNudge: JobDefinition = {
  schedules: ["35 * * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runOrdersNudgeJob(options),
  report: reportCounted("ORDERS_NUDGE_FAILED", "ordersNudgeDone", "ordersNudgeFailed"),
};

function reportMailer(run: LeaseRun<unknown>): CliReport {
  if (run.outcome === "SKIPPED") return failure("JOB_BUSY", run.error ?? "another worker is running this job", "busy");
  const outcome = run.value as MailerOutcome | undefined;
  if (!outcome) return failure("MAILER_FAILED", run.error ?? "the mailer failed", "mailerFailed");
  // No SMTP is a configuration (development), not a failure: the mail waits for an admin to read it.
  if (!outcome.configured)
    return { exitCode: 0, json: { smtp: false, waiting: outcome.waiting }, key: "mailerNoSmtp", params: { waiting: outcome.waiting } };
  const summary = { ...outcome.counts, requeued: outcome.requeued };
  if (run.outcome === "FAILED")
    return {
      exitCode: 2,
      json: { error: { code: "MAILER_FAILED", message: run.error ?? "" }, summary },
      key: "mailerFailed",
      params: { message: run.error ?? "", ...summary },
    };
  return { exitCode: 0, json: { summary }, key: "mailerDone", params: summary };
}

// Every minute: order mail should reach the shopper while the news is fresh.
const mailer: JobDefinition = {
  schedules: ["* * * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runMailerJob(options),
  report: reportMailer,
};

function reportLandedPrices(run: LeaseRun<unknown>): CliReport {
  if (run.outcome === "SKIPPED") return failure("JOB_BUSY", run.error ?? "another worker is running this job", "busy");
  const value = run.value as LandedPricesValue | undefined;
  if (!value || run.outcome === "FAILED") return failure("LANDED_PRICES_FAILED", run.error ?? "the recompute failed", "landedFailed");
  const summary = { ...value.counts, fingerprint: value.fingerprint, durationMs: value.durationMs };
  if (value.rounds === 0)
    return {
      exitCode: 0,
      json: { summary: { fingerprint: value.fingerprint, pricingUnchanged: true } },
      key: "landedUnchanged",
      params: {},
    };
  return { exitCode: 0, json: { summary }, key: "landedDone", params: { ...value.counts, seconds: (value.durationMs / 1000).toFixed(1) } };
}

// Every 10 minutes a cheap check (the pricing data's fingerprint against the last run's); the
// recompute itself only when something changed: a rule set coming into force, rates going stale, an
// edit another process made. Changes made in this process start it at once, in the background.
const landedPrices: JobDefinition = {
  schedules: ["*/10 * * * *"],
  timezone: CHINA_TIME_ZONE,
  needsCatchUp: async () => true,
  run: (options) => runLandedPricesJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportLandedPrices,
};

// Nightly, in the quiet hour after the shops' evening: deleting in small batches keeps it gentle,
// but there is no reason to do it while shoppers are busy.
const housekeeping: JobDefinition = {
  schedules: ["40 3 * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runHousekeepingJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportCounted("HOUSEKEEPING_FAILED", "housekeepingDone", "housekeepingFailed"),
};

// Every minute: searches index up to 100 queued listings themselves before they read, so a bulk
// import or a category rename (hundreds of listings queued at once) is caught up here, off the shoppers' path.
const searchIndex: JobDefinition = {
  schedules: ["* * * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runSearchIndexJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportCounted("SEARCH_INDEX_FAILED", "searchIndexDone", "searchIndexFailed"),
};

// Every two minutes: a top-up whose notification went astray is in the wallet within minutes, and an
// unpaid trade closes soon after its time (nothing to do, and no call to Alipay, while none is open).
const paymentsCheck: JobDefinition = {
  schedules: ["*/2 * * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runPaymentsCheckJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportCounted("PAYMENTS_CHECK_FAILED", "paymentsCheckDone", "paymentsCheckFailed"),
};

function reportReconcile(run: LeaseRun<unknown>): CliReport {
  if (run.outcome === "SKIPPED") return failure("JOB_BUSY", run.error ?? "another worker is running this job", "busy");
  const value = run.value as PaymentsReconcileValue | undefined;
  if (!value || run.outcome === "FAILED") {
    const message = run.error ?? "";
    return {
      exitCode: 2,
      json: {
        error: { code: "PAYMENTS_RECONCILE_FAILED", message },
        ...(value ? { summary: value.counts, providers: value.providers } : {}),
      },
      key: "paymentsReconcileFailed",
      params: { message, billDate: value?.counts.billDate ?? "" },
    };
  }
  if (!value.configured) return { exitCode: 0, json: { configured: [] }, key: "paymentsReconcileUnavailable", params: {} };
  return {
    exitCode: 0,
    json: { summary: value.counts, providers: value.providers },
    key: value.counts.differences === 0 ? "paymentsReconcileMatched" : "paymentsReconcileDifferences",
    params: { ...value.counts, providers: value.providers.map((row) => `${row.provider} ${row.status}`).join(", ") },
  };
}

// Daily at 10:15 in China: Alipay's bill of the day before is ready after 09:00, WeChat Pay's after
// 10:00. Yesterday's China day, for every configured provider.
const paymentsReconcile: JobDefinition = {
  schedules: ["15 10 * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) =>
    runPaymentsReconcileJob({
      trigger: options.trigger,
      holder: options.holder,
      onProgress: options.onProgress,
      billDate: options.date,
      provider: options.provider,
    }),
  report: reportReconcile,
};

// Every minute: "send" on /admin/campaigns queues a run the worker picks up at once; the schedule
// finishes a campaign a stopped worker left half sent.
const campaigns: JobDefinition = {
  schedules: ["* * * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runCampaignsJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportCounted("CAMPAIGNS_FAILED", "campaignsDone", "campaignsFailed"),
};

// Daily at 10:00 in China: a greeting a few days after delivery arrives in the morning, not at night.
const checkIns: JobDefinition = {
  schedules: ["0 10 * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runCheckInsJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportCounted("CHECK_INS_FAILED", "checkInsDone", "checkInsFailed"),
};

// Daily at 10:30 in China: re-order reminders with today's landed price (after the morning's rates).
const reorderReminders: JobDefinition = {
  schedules: ["30 10 * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runReorderRemindersJob({ trigger: options.trigger, holder: options.holder, onProgress: options.onProgress }),
  report: reportCounted("REORDER_REMINDERS_FAILED", "reorderRemindersDone", "reorderRemindersFailed"),
};

// Daily at 09:00 in China: free storage ending in a few days (app/domain/orders/storage.ts), once per order.
const storageReminders: JobDefinition = {
  schedules: ["0 9 * * *"],
  timezone: CHINA_TIME_ZONE,
  run: (options) => runStorageRemindersJob({ trigger: options.trigger, holder: options.holder }),
  report: reportCounted("STORAGE_REMINDERS_FAILED", "storageRemindersDone", "storageRemindersFailed"),
};

// JOB_SCHEDULES="housekeeping=*/3 * * * * *" (outside production only) replaces a job's schedules with
// one node-cron expression (six fields: seconds first), several separated by ";". For tests: the
// two-worker end-to-end test watches workers share a tick within seconds instead of waiting a night.
// A wrong name or expression stops the process rather than leaving a job on a schedule nobody chose.
export function withScheduleOverrides(jobs: Record<string, JobDefinition>, spec: string | undefined, nodeEnv: string | undefined) {
  if (!spec || nodeEnv === "production") return jobs;
  const result = { ...jobs };
  for (const part of spec.split(";").filter((entry) => entry.trim())) {
    const [name = "", expression = ""] = part.split("=").map((entry) => entry.trim());
    const job = result[name];
    if (!job || !cron.validate(expression))
      throw new Error(`JOB_SCHEDULES: "${part}" must be <job>=<cron expression> with a job of ${Object.keys(jobs).join(", ")}`);
    result[name] = { ...job, schedules: [expression] };
  }
  return result;
}

/** Every job by name: the worker schedules them, `npm run job -- <name>` runs one now. */
export const jobRegistry: Record<string, JobDefinition> = withScheduleOverrides(
  {
    rates,
    prices,
    "orders-complete": ordersComplete,
    "orders-nudge": ordersNudge,
    mailer,
    "landed-prices": landedPrices,
    housekeeping,
    "search-index": searchIndex,
    "payments-check": paymentsCheck,
    "payments-reconcile": paymentsReconcile,
    campaigns,
    "check-ins": checkIns,
    "reorder-reminders": reorderReminders,
    "storage-reminders": storageReminders,
  },
  process.env.JOB_SCHEDULES,
  // Not process.env.NODE_ENV: the web server's build inlines that as "production", which made a built
  // server ignore JOB_SCHEDULES even when it runs in development or test.
  getEnv().NODE_ENV,
);

export const jobNames = () => Object.keys(jobRegistry);
