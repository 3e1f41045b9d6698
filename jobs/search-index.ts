import { runWithLease, type JobResult, type JobTrigger } from "~/services/jobs.server";
import { drainAllSearchQueue } from "~/services/search-index.server";
import { processHolder } from "./holder";

export const SEARCH_INDEX_JOB = "search-index";
// A drain of a few thousand queued listings (a bulk import) takes seconds; runWithLease renews the lease every ttl/3.
const SEARCH_INDEX_LEASE_MS = 5 * 60_000;

export type SearchIndexCounts = { indexed: number };
export type SearchIndexValue = { counts: SearchIndexCounts; durationMs: number };
export type SearchIndexJobOptions = { trigger?: JobTrigger; holder?: string; onProgress?: (message: string) => void };

/**
 * Drains the whole search queue (listings the triggers queued and no search has indexed yet) under
 * the "search-index" lease; `indexed` counts the listings taken off the queue.
 */
export function runSearchIndexJob(options: SearchIndexJobOptions = {}) {
  const { trigger = "CLI", holder = processHolder("cli"), onProgress } = options;
  return runWithLease(
    SEARCH_INDEX_JOB,
    trigger,
    // The lease renews itself on a timer while the drain runs (each batch is its own transaction).
    async (): Promise<JobResult<SearchIndexValue>> => {
      const started = Date.now();
      const indexed = await drainAllSearchQueue((done, waiting) =>
        onProgress?.(`${done.toLocaleString("en")} indexed, ${waiting.toLocaleString("en")} waiting`),
      );
      const counts = { indexed };
      return { outcome: "OK", counts, value: { counts, durationMs: Date.now() - started } };
    },
    { ttlMs: SEARCH_INDEX_LEASE_MS, holder },
  );
}
