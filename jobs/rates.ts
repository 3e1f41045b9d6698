import type { JobTrigger } from "~/services/jobs.server";
import { ratesHealth, runRatesRefresh, type RefreshOptions } from "~/services/fx-rates.server";
import { processHolder } from "./holder";

export type RatesJobOptions = Omit<RefreshOptions, "signal"> & { trigger?: JobTrigger; holder?: string };

/** Fetches, checks and stores the day's exchange rates once, under the "rates" lease. */
export function runRatesJob(options: RatesJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), ...refresh } = options;
  return runRatesRefresh(trigger, holder, refresh);
}

/** A worker that starts with missing or stale rates fetches at once instead of waiting for 16:15. */
export async function ratesNeedCatchUp() {
  return (await ratesHealth()).stale;
}
