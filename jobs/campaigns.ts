import { runCampaigns } from "~/services/campaigns.server";
import type { JobTrigger } from "~/services/jobs.server";
import { processHolder } from "./holder";

export type CampaignsJobOptions = { trigger?: JobTrigger; holder?: string; onProgress?: (message: string) => void };

/** Sends every queued campaign once, under the "campaigns" lease (see campaigns.server.ts). */
export function runCampaignsJob(options: CampaignsJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress } = options;
  return runCampaigns(trigger, holder, onProgress);
}
