import type { JobTrigger } from "~/services/jobs.server";
import { runHousekeeping } from "~/services/housekeeping.server";
import { processHolder } from "./holder";

export type HousekeepingJobOptions = { trigger?: JobTrigger; holder?: string; onProgress?: (message: string) => void };

/** Prunes old job runs, expired sessions and rate-limit windows, unused quotes and sent mail, under the "housekeeping" lease. */
export function runHousekeepingJob(options: HousekeepingJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress } = options;
  return runHousekeeping(trigger, holder, { onProgress });
}
