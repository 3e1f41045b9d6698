import type { LeaseRun, JobTrigger } from "~/services/jobs.server";
import type { RatesOutcome } from "~/services/fx-rates.server";
import { runPricesJob } from "./prices";
import { ratesNeedCatchUp, runRatesJob } from "./rates";
import type { refreshPrices } from "~/services/price-refresh.server";

export type JobRunOptions = { trigger: JobTrigger; holder: string; onProgress?: (message: string) => void; store?: string };

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
  if (run.outcome === "FAILED") return { exitCode: 2, json: { error: { code: "PRICES_FAILED", message: run.error ?? "" }, summary }, key: "pricesFailed", params: { message: run.error ?? "", ...params } };
  return { exitCode: 0, json: { summary }, key: "pricesDone", params };
}

// Every six hours, off the hour: prices move more often than rates, and stores rest overnight too.
const prices: JobDefinition = {
  schedules: ["20 */6 * * *"],
  timezone: "Asia/Shanghai",
  run: (options) => runPricesJob(options),
  report: reportPrices,
};

/** Every job by name: the worker schedules them, `npm run job -- <name>` runs one now. */
export const jobRegistry: Record<string, JobDefinition> = {
  rates,
  prices,
};

export const jobNames = () => Object.keys(jobRegistry);
