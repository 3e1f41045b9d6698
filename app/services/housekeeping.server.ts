import { setImmediate as yieldToOthers } from "node:timers/promises";
import { db } from "~/utils/db.server";
import { rules as rateLimitRules } from "~/utils/rate-limit.server";
import { pruneExpiredAccountLinks } from "./account-tokens.server";
import { housekeepingSettings, type HousekeepingSettings } from "./housekeeping-settings.server";
import { runWithLease, type JobContext, type JobResult, type JobTrigger } from "./jobs.server";
import { pruneOrphanPhotos } from "./orphan-photos.server";

export const HOUSEKEEPING_JOB = "housekeeping";
// Long enough for a slow batch on a large table; renewed every third of it while the run lasts.
const HOUSEKEEPING_LEASE_MS = 10 * 60_000;
// Rows per delete: small enough that one statement never holds the database (SQLite's one writer,
// PostgreSQL's row locks) for long, large enough that a backlog of millions clears in one night.
export const HOUSEKEEPING_BATCH = 500;

export type HousekeepingCounts = {
  jobRuns: number;
  sessions: number;
  rateLimitWindows: number;
  quotes: number;
  mail: number;
  photos: number;
};
export type HousekeepingValue = { counts: HousekeepingCounts; settings: HousekeepingSettings };

export type HousekeepingOptions = {
  now?: () => Date;
  onProgress?: (message: string) => void;
  settings?: HousekeepingSettings;
  batchSize?: number;
};

const DAY_MS = 24 * 3600_000;

type Pass = {
  context: JobContext;
  batchSize: number;
  report: (table: keyof HousekeepingCounts, deleted: number) => void;
};

/**
 * Deletes in batches until `nextBatch` finds nothing: each batch is one short statement, and between
 * batches the run yields, renews its lease and stops if the lease was lost.
 */
async function inBatches(
  pass: Pass,
  table: keyof HousekeepingCounts,
  deleteBatch: (take: number) => Promise<{ found: number; deleted: number }>,
) {
  let total = 0;
  for (;;) {
    pass.context.signal.throwIfAborted();
    const { found, deleted } = await deleteBatch(pass.batchSize);
    total += deleted;
    if (deleted > 0) pass.report(table, deleted);
    if (found < pass.batchSize) return total;
    await pass.context.renew();
    await yieldToOthers();
  }
}

/** Finished runs older than the retention, except each job's latest `keep` (what the admin page lists). */
async function pruneJobRuns(pass: Pass, now: Date, settings: HousekeepingSettings) {
  const cutoff = new Date(now.getTime() - settings.jobRunDays * DAY_MS);
  const jobs = await db.jobRun.groupBy({ by: ["job"], where: { finishedAt: { lt: cutoff } } });
  let total = 0;
  for (const { job } of jobs) {
    const kept = await db.jobRun.findMany({
      where: { job, finishedAt: { not: null } },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: settings.jobRunKeep,
      select: { id: true },
    });
    const keep = kept.map((row) => row.id);
    total += await inBatches(pass, "jobRuns", async (take) => {
      // finishedAt set means the run ended: QUEUED and RUNNING rows never have it.
      const rows = await db.jobRun.findMany({
        where: { job, finishedAt: { lt: cutoff }, id: { notIn: keep } },
        orderBy: { startedAt: "asc" },
        take,
        select: { id: true },
      });
      if (rows.length === 0) return { found: 0, deleted: 0 };
      const deleted = await db.jobRun.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, finishedAt: { lt: cutoff } } });
      return { found: rows.length, deleted: deleted.count };
    });
  }
  return total;
}

/** Expired sessions, and expired sign-up and password-reset links (counted with them: a way in that has lapsed). */
async function pruneSessions(pass: Pass, now: Date) {
  await inBatches(pass, "sessions", (take) => pruneExpiredAccountLinks(now, take));
  return inBatches(pass, "sessions", async (take) => {
    const rows = await db.session.findMany({
      where: { expiresAt: { lt: now } },
      orderBy: { expiresAt: "asc" },
      take,
      select: { id: true },
    });
    if (rows.length === 0) return { found: 0, deleted: 0 };
    const deleted = await db.session.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, expiresAt: { lt: now } } });
    return { found: rows.length, deleted: deleted.count };
  });
}

/** A window is over once the longest rule's window has passed since it started. */
async function pruneRateLimitWindows(pass: Pass, now: Date) {
  const longestMs = Math.max(...Object.values(rateLimitRules).map((rule) => rule.windowSeconds)) * 1000;
  const cutoff = new Date(now.getTime() - longestMs);
  return inBatches(pass, "rateLimitWindows", async (take) => {
    const rows = await db.rateLimitWindow.findMany({
      where: { windowStart: { lt: cutoff } },
      orderBy: { windowStart: "asc" },
      take,
      select: { key: true, windowStart: true },
    });
    if (rows.length === 0) return { found: 0, deleted: 0 };
    const deleted = await db.rateLimitWindow.deleteMany({
      where: { windowStart: { lt: cutoff }, OR: rows.map((row) => ({ key: row.key, windowStart: row.windowStart })) },
    });
    return { found: rows.length, deleted: deleted.count };
  });
}

/**
 * The quotes price checks offered (inside each order's priceCheck JSON): the order page shows an
 * offer beside the order's quote, so it stays. Read once per run, a page of orders at a time.
 */
async function offeredQuoteIds(): Promise<Set<string>> {
  const offered = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const rows = await db.order.findMany({
      where: { priceCheck: { contains: "newQuoteId" }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: 1_000,
      select: { id: true, priceCheck: true },
    });
    for (const row of rows) {
      const id = (JSON.parse(row.priceCheck ?? "{}") as { newQuoteId?: unknown }).newQuoteId;
      if (typeof id === "string") offered.add(id);
    }
    if (rows.length < 1_000) return offered;
    after = rows[rows.length - 1]?.id;
  }
}

/** Of these quotes, the ones an order's columns name: placed with (or re-based on), an exception's, a refund's. */
async function quoteIdsInOrderColumns(candidates: string[]): Promise<Set<string>> {
  const rows = await db.order.findMany({
    where: { OR: [{ quoteId: { in: candidates } }, { exceptionQuoteId: { in: candidates } }, { refundQuoteId: { in: candidates } }] },
    select: { quoteId: true, exceptionQuoteId: true, refundQuoteId: true },
  });
  return new Set(rows.flatMap((row) => [row.quoteId, row.exceptionQuoteId, row.refundQuoteId]).filter((id): id is string => Boolean(id)));
}

/**
 * Quotes older than the retention and expired (no checkout can take them any more) that no order
 * uses. Orders name quotes in plain columns, not foreign keys, so each batch is checked against them.
 */
async function pruneQuotes(pass: Pass, now: Date, settings: HousekeepingSettings) {
  const cutoff = new Date(now.getTime() - settings.quoteDays * DAY_MS);
  // A quote an order was placed with (usedAt) is that order's history, even once re-basing left it behind.
  const where = { createdAt: { lt: cutoff }, validUntil: { lt: now }, usedAt: null };
  const offered = await offeredQuoteIds();
  // Quotes orders use are stepped over, never deleted: the cursor moves past them.
  let after: string | undefined;
  return inBatches(pass, "quotes", async (take) => {
    // Not a Prisma cursor: that finds nothing once its row is deleted.
    const page = await db.quote.findMany({
      where: after ? { ...where, id: { gt: after } } : where,
      orderBy: { id: "asc" },
      take,
      select: { id: true },
    });
    if (page.length === 0) return { found: 0, deleted: 0 };
    after = page[page.length - 1]?.id;
    const ids = page.map((row) => row.id);
    const used = await quoteIdsInOrderColumns(ids);
    const unused = ids.filter((id) => !used.has(id) && !offered.has(id));
    const deleted = unused.length > 0 ? await db.quote.deleteMany({ where: { ...where, id: { in: unused } } }) : { count: 0 };
    return { found: page.length, deleted: deleted.count };
  });
}

/** Sent mail older than the retention; pending and failed mail stays for the mailer and the admins. */
async function pruneSentMail(pass: Pass, now: Date, settings: HousekeepingSettings) {
  const cutoff = new Date(now.getTime() - settings.mailDays * DAY_MS);
  return inBatches(pass, "mail", async (take) => {
    const rows = await db.emailOutbox.findMany({
      where: { status: "SENT", sentAt: { lt: cutoff } },
      orderBy: { sentAt: "asc" },
      take,
      select: { id: true },
    });
    if (rows.length === 0) return { found: 0, deleted: 0 };
    const deleted = await db.emailOutbox.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, status: "SENT" } });
    return { found: rows.length, deleted: deleted.count };
  });
}

/** Prunes what grows without bound, under the "housekeeping" lease; the counts go to its JobRun. */
export function runHousekeeping(trigger: JobTrigger, holder: string, options: HousekeepingOptions = {}) {
  const clock = options.now ?? (() => new Date());
  return runWithLease(
    HOUSEKEEPING_JOB,
    trigger,
    async (context): Promise<JobResult<HousekeepingValue>> => {
      const settings = options.settings ?? housekeepingSettings();
      const now = clock();
      const counts: HousekeepingCounts = { jobRuns: 0, sessions: 0, rateLimitWindows: 0, quotes: 0, mail: 0, photos: 0 };
      const pass: Pass = {
        context,
        batchSize: options.batchSize ?? HOUSEKEEPING_BATCH,
        report: (table, deleted) => {
          counts[table] += deleted;
          options.onProgress?.(`${table}: ${counts[table].toLocaleString("en")} deleted`);
        },
      };
      await pruneJobRuns(pass, now, settings);
      await pruneSessions(pass, now);
      await pruneRateLimitWindows(pass, now);
      await pruneQuotes(pass, now, settings);
      await pruneSentMail(pass, now, settings);
      // Photos stored for a move that was never written (a crash between the two), after 24 h.
      await pruneOrphanPhotos({
        now,
        signal: context.signal,
        batchSize: pass.batchSize,
        onBatch: async (deleted) => {
          if (deleted > 0) pass.report("photos", deleted);
          await context.renew();
        },
      });
      return { outcome: "OK", counts, value: { counts, settings } };
    },
    { ttlMs: HOUSEKEEPING_LEASE_MS, holder },
  );
}
