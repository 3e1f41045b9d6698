import { runCheckIns } from "~/services/check-ins.server";
import type { JobTrigger } from "~/services/jobs.server";
import { runReorderReminders } from "~/services/reorder-reminders.server";
import { runStorageReminders } from "~/services/storage-reminders.server";
import { processHolder } from "./holder";

export type RevisitsJobOptions = { trigger?: JobTrigger; holder?: string; onProgress?: (message: string) => void };

/** "12/40" progress for the CLI, at most every 200 ms (and always the last one). */
function progress(onProgress: ((message: string) => void) | undefined) {
  if (!onProgress) return undefined;
  let lastShown = 0;
  return (done: number, total: number) => {
    if (done !== total && Date.now() - lastShown < 200) return;
    lastShown = Date.now();
    onProgress(`${done}/${total}`);
  };
}

/** Check-ins for orders delivered the admin's number of days ago, once each, under the "check-ins" lease. */
export function runCheckInsJob(options: RevisitsJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress } = options;
  return runCheckIns(trigger, holder, progress(onProgress));
}

/** Re-order reminders for consumables, once per delivered item, under the "reorder-reminders" lease. */
export function runReorderRemindersJob(options: RevisitsJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress } = options;
  return runReorderReminders(trigger, holder, progress(onProgress));
}

/** Free storage ending, once per order waiting at the warehouse, under the "storage-reminders" lease. */
export function runStorageRemindersJob(options: RevisitsJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli") } = options;
  return runStorageReminders(trigger, holder);
}
