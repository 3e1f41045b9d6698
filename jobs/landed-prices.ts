import type { JobTrigger } from "~/services/jobs.server";
import { runLandedPrices } from "~/services/landed-prices-job.server";
import { processHolder } from "./holder";

export type LandedPricesJobOptions = { trigger?: JobTrigger; holder?: string; onProgress?: (message: string) => void };

/**
 * Recomputes every listing's landed price under the "landed-prices" lease. On schedule only when the
 * pricing data changed since the last run; from the CLI or "run now" always (someone asked).
 */
export function runLandedPricesJob(options: LandedPricesJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress } = options;
  return runLandedPrices(trigger, holder, { force: trigger !== "SCHEDULE", onProgress });
}
