import type { JobTrigger } from "~/services/jobs.server";
import { runPricesRefresh } from "~/services/price-refresh.server";
import { processHolder } from "./holder";

export type PricesJobOptions = { trigger?: JobTrigger; holder?: string; store?: string; onProgress?: (message: string) => void };

/** Re-reads every active listing from its store once, under the "prices" lease; alerts watchers of drops. */
export function runPricesJob(options: PricesJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), ...rest } = options;
  return runPricesRefresh(trigger, holder, rest);
}
