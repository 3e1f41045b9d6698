import type { JobTrigger } from "~/services/jobs.server";
import { runOrdersComplete, runOrdersNudge } from "~/services/order-jobs.server";
import { processHolder } from "./holder";

export type OrdersJobOptions = { trigger?: JobTrigger; holder?: string };

/** Completes delivered orders past ORDER_AUTO_COMPLETE_DAYS once, under the "orders-complete" lease. */
export function runOrdersCompleteJob(options: OrdersJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli") } = options;
  return runOrdersComplete(trigger, holder);
}

/** Nudges agents (or admins) about orders silent for ORDER_STALE_HOURS once, under the "orders-nudge" lease. */
export function runOrdersNudgeJob(options: OrdersJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli") } = options;
  return runOrdersNudge(trigger, holder);
}
