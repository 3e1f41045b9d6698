import os from "node:os";
import { db } from "~/utils/db.server";
import { runWithLease, type JobCounts, type JobResult, type JobTrigger } from "./jobs.server";
import { pricingFingerprint, recomputeAllListingPrices, type RecomputeCounts } from "./listing-prices.server";
import { createListingPricer } from "./quote.server";

export const LANDED_PRICES_JOB = "landed-prices";
// Renewed every ttl/3 while it runs; 100,000 listings take seconds.
const LANDED_LEASE_MS = 5 * 60_000;
// A change landing while a recompute runs gets another round at once, a few at most.
const MAX_ROUNDS = 3;

/** The fingerprint the last successful run priced (or verified) every listing with. */
async function lastFingerprint(): Promise<string | null> {
  const run = await db.jobRun.findFirst({
    where: { job: LANDED_PRICES_JOB, outcome: "OK" },
    orderBy: { startedAt: "desc" },
    select: { counts: true },
  });
  const counts = run?.counts ? (JSON.parse(run.counts) as { fingerprint?: unknown }) : null;
  return typeof counts?.fingerprint === "string" ? counts.fingerprint : null;
}

/** A listing nobody has priced yet (written behind the services' back, e.g. straight into SQL). */
async function anyUnpriced() {
  return (await db.listing.findFirst({ where: { landedStatus: null }, select: { id: true } })) !== null;
}

function progressBar(done: number, total: number, counts: RecomputeCounts) {
  const width = 24;
  const filled = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
  const percent = total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}% ${done}/${total} · changed ${counts.repriced} · weight unknown ${counts.weightUnknown} · no line ${counts.noLine}`;
}

export type LandedPricesValue = { rounds: number; fingerprint: string; counts: RecomputeCounts; durationMs: number };

export type LandedPricesOptions = { force?: boolean; now?: () => Date; onProgress?: (message: string) => void };

/**
 * Recomputes every listing's landed price under the "landed-prices" lease when what prices depend on
 * changed since the last run (its fingerprint), or when `force`d (the CLI, "run now"). The schedule
 * runs it every few minutes, so a customs rule set coming into force or rates going stale at some
 * hour are picked up without anyone acting.
 */
export function runLandedPrices(trigger: JobTrigger, holder: string, options: LandedPricesOptions = {}) {
  const clock = options.now ?? (() => new Date());
  let lastShown = 0;
  return runWithLease(
    LANDED_PRICES_JOB,
    trigger,
    async ({ signal }): Promise<JobResult<LandedPricesValue>> => {
      let priced = options.force ? null : await lastFingerprint();
      const totals: RecomputeCounts = { listings: 0, repriced: 0, priced: 0, weightUnknown: 0, noLine: 0, notPriced: 0, skipped: 0 };
      let rounds = 0;
      let fingerprint = "";
      let durationMs = 0;
      for (;;) {
        const now = clock();
        const pricer = await createListingPricer(now);
        fingerprint = pricingFingerprint(pricer, now);
        const needed = fingerprint !== priced || (rounds === 0 && (await anyUnpriced()));
        if (!needed || rounds >= MAX_ROUNDS) break;
        const result = await recomputeAllListingPrices({
          now,
          pricer,
          signal,
          onProgress: (done, total, counts) => {
            if (!options.onProgress || (done !== total && Date.now() - lastShown < 200)) return;
            lastShown = Date.now();
            options.onProgress(progressBar(done, total, counts));
          },
        });
        // The last round's view of every listing, and what all rounds wrote.
        Object.assign(totals, result.counts, {
          repriced: totals.repriced + result.counts.repriced,
          skipped: totals.skipped + result.counts.skipped,
        });
        durationMs += result.durationMs;
        priced = result.fingerprint;
        rounds += 1;
      }
      const counts: JobCounts = rounds === 0 ? { fingerprint, pricingUnchanged: true } : { fingerprint, ...totals, durationMs };
      return { outcome: "OK", counts, value: { rounds, fingerprint, counts: totals, durationMs } };
    },
    { ttlMs: LANDED_LEASE_MS, holder },
  );
}

// Admin changes (fees, lines, tax table, customs rules) and new rates reprice every listing in the
// background: the admin's request returns at once; several changes in a row make one recompute
// (plus one more if a change lands while it runs).
let inFlight: Promise<void> | null = null;
let again = false;

export function requestLandedRecompute() {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = new Promise<void>((resolve) => setImmediate(resolve))
    .then(async () => {
      do {
        again = false;
        await runLandedPrices("EVENT", `event@${os.hostname()}:${process.pid}`);
      } while (again);
    })
    .catch((error: unknown) => console.error(`[landed-prices] background recompute failed: ${(error as Error).message}`))
    .finally(() => {
      inFlight = null;
    });
}

/** Resolves when no background recompute is running (the CLI waits before it exits; tests before they look). */
export async function landedRecomputeSettled() {
  while (inFlight) await inFlight;
}
