import type { z } from "zod";
import { jobRunStateSchema, jobTriggerSchema, type JobOutcome, type JobRunState, type JobTrigger } from "~/domain/jobs";
import { fromColumn, fromJsonColumn, storedValuesSchema } from "~/domain/stored";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { db, Prisma } from "~/utils/db.server";

export type { JobOutcome, JobRunState, JobTrigger };
export type JobCounts = z.infer<typeof storedValuesSchema>;

/** What a job body reports; `value` is handed back to the caller untouched. */
export type JobResult<T> = { outcome: Exclude<JobOutcome, "SKIPPED">; counts?: JobCounts; error?: string | null; value: T };

export type JobContext = {
  /** Aborted when the lease is lost (another holder took it over): stop as soon as possible. */
  signal: AbortSignal;
  /** Pushes the lease out by another ttl; called on a timer already, long loops may call it too. */
  renew(): Promise<boolean>;
};

export type LeaseRun<T> = { runId: string; outcome: JobOutcome; counts: JobCounts; error: string | null; value?: T };

/**
 * The queued run a worker is executing (see runQueuedRun). Carried in async context rather than
 * through every job's signature: each job reaches runWithLease through its own service, and this
 * way "run now" needs no change to any of them. One-shot and bound to its job, so a background run
 * of another job started from inside (new rates start a landed-price recompute) is not mistaken for it.
 */
type QueuedContext = { job: string; runId: string; used: boolean };
const queuedRunContext = new AsyncLocalStorage<QueuedContext>();

/**
 * The scheduled tick a worker is running (see runScheduledTick). The lease alone lets a job run
 * twice for one tick: a run of a few milliseconds frees it before a second worker's timer (up to a
 * second late) fires. A run that finds another worker's scheduled run started within `windowMs`
 * (half the schedule's interval, at most 30 s) is that tick's duplicate and skips.
 */
type TickContext = { job: string; windowMs: number; used: boolean };
const tickContext = new AsyncLocalStorage<TickContext>();

export function runScheduledTick<T>(job: string, windowMs: number, fn: () => Promise<T>): Promise<T> {
  return tickContext.run({ job, windowMs, used: false }, fn);
}

export type LeaseOptions = { ttlMs: number; holder: string; now?: () => Date };

const MAX_ERROR_CHARS = 2_000;

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Takes the job's lease if it is free or expired. Portable on SQLite and PostgreSQL: a conditional
 * update claims an expired row; a missing row is inserted, and a unique violation means someone
 * else inserted it first.
 */
async function acquireLease(job: string, token: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.jobLease.updateMany({ where: { job, expiresAt: { lt: now } }, data: { holder: token, expiresAt } });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { job, holder: token, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function renewLease(job: string, token: string, ttlMs: number, now: Date): Promise<boolean> {
  const renewed = await db.jobLease.updateMany({ where: { job, holder: token }, data: { expiresAt: new Date(now.getTime() + ttlMs) } });
  return renewed.count === 1;
}

async function releaseLease(job: string, token: string) {
  // Expired rather than deleted: the row stays, so the next run claims it with the conditional update.
  await db.jobLease.updateMany({ where: { job, holder: token }, data: { expiresAt: new Date(0) } });
}

function truncate(text: string | null | undefined) {
  if (!text) return null;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/**
 * Runs `fn` only if this caller holds the job's lease, and records the run in JobRun whatever
 * happens: SKIPPED when another holder has it, FAILED when `fn` throws. The lease is renewed every
 * ttl/3 while `fn` runs, so the ttl only has to outlast a stalled renewal, not the whole job.
 */
export async function runWithLease<T>(
  job: string,
  trigger: JobTrigger,
  fn: (context: JobContext) => Promise<JobResult<T>>,
  options: LeaseOptions,
): Promise<LeaseRun<T>> {
  const clock = options.now ?? (() => new Date());
  // Unique per run, so a late release of an old run can never free a newer run's lease.
  const token = `${options.holder}#${crypto.randomUUID().slice(0, 8)}`;
  const startedAt = clock();
  const queuedContext = queuedRunContext.getStore();
  const queued = queuedContext && queuedContext.job === job && !queuedContext.used ? queuedContext : null;
  if (queued) queued.used = true;
  if (!(await acquireLease(job, token, startedAt, options.ttlMs))) {
    // A queued run stays queued while someone else runs the job: a worker tries it again shortly.
    if (queued) return { runId: queued.runId, outcome: "SKIPPED", counts: {}, error: "lease held by another worker; the run stays queued" };
    const lease = await db.jobLease.findUnique({ where: { job }, select: { holder: true, expiresAt: true } });
    const error = lease ? `lease held by ${lease.holder} until ${lease.expiresAt.toISOString()}` : "lease held by another worker";
    const run = await db.jobRun.create({
      data: { job, trigger, startedAt, finishedAt: startedAt, outcome: "SKIPPED", error },
      select: { id: true },
    });
    return { runId: run.id, outcome: "SKIPPED", counts: {}, error };
  }

  const tick = trigger === "SCHEDULE" ? tickContext.getStore() : undefined;
  if (tick && tick.job === job && !tick.used && tick.windowMs > 0) {
    tick.used = true;
    // Under the lease, so of two workers on one tick the second always sees the first's row.
    const ran = await db.jobRun.findFirst({
      where: { job, trigger: "SCHEDULE", outcome: { not: "SKIPPED" }, startedAt: { gte: new Date(startedAt.getTime() - tick.windowMs) } },
      select: { id: true },
    });
    if (ran) {
      await releaseLease(job, token);
      const error = "this tick already ran on another worker";
      const run = await db.jobRun.create({
        data: { job, trigger, startedAt, finishedAt: startedAt, outcome: "SKIPPED", error },
        select: { id: true },
      });
      return { runId: run.id, outcome: "SKIPPED", counts: {}, error };
    }
  }

  // Holding the lease means nobody else runs this job: a RUNNING row left now belongs to a crashed worker.
  await db.jobRun.updateMany({
    where: { job, outcome: "RUNNING" },
    data: { outcome: "FAILED", finishedAt: startedAt, error: "the worker stopped before finishing (its lease expired)" },
  });
  let run: { id: string };
  if (queued) {
    // Under the lease, the conditional update makes the claim exact: of several workers that saw the
    // queued row, only the first to hold the lease runs it; the others find it claimed.
    const claimed = await db.jobRun.updateMany({
      where: { id: queued.runId, job, outcome: "QUEUED" },
      data: { outcome: "RUNNING", startedAt },
    });
    if (claimed.count === 0) {
      await releaseLease(job, token);
      return { runId: queued.runId, outcome: "SKIPPED", counts: {}, error: "the queued run was already taken" };
    }
    run = { id: queued.runId };
  } else {
    run = await db.jobRun.create({ data: { job, trigger, startedAt }, select: { id: true } });
  }
  const controller = new AbortController();
  const renew = async () => {
    const held = await renewLease(job, token, options.ttlMs, clock()).catch(() => false);
    if (!held) controller.abort(new Error(`lost the lease for ${job}`));
    return held;
  };
  const timer = setInterval(() => void renew(), Math.max(1_000, Math.floor(options.ttlMs / 3)));
  timer.unref();

  let result: LeaseRun<T>;
  try {
    const outcome = await fn({ signal: controller.signal, renew });
    result = {
      runId: run.id,
      outcome: outcome.outcome,
      counts: outcome.counts ?? {},
      error: truncate(outcome.error),
      value: outcome.value,
    };
  } catch (error) {
    result = { runId: run.id, outcome: "FAILED", counts: {}, error: truncate((error as Error).message ?? String(error)) };
  } finally {
    clearInterval(timer);
  }
  await db.jobRun.update({
    where: { id: run.id },
    data: { outcome: result.outcome, finishedAt: clock(), counts: JSON.stringify(result.counts), error: result.error },
  });
  await releaseLease(job, token);
  return result;
}

export type QueuedRun = { id: string; job: string };

/**
 * "Run now": records a QUEUED run (trigger MANUAL) for a worker to pick up, instead of running the
 * job inside the admin's request. A job already queued is not queued again: two clicks, one run.
 */
export async function queueJobRun(job: string): Promise<{ run: QueuedRun; alreadyQueued: boolean }> {
  const existing = await oldestQueued(job);
  if (existing) return { run: { id: existing.id, job }, alreadyQueued: true };
  const created = await db.jobRun.create({ data: { job, trigger: "MANUAL", outcome: "QUEUED" }, select: { id: true } });
  // Two clicks at the same moment (two web instances) may both have inserted. Each deletes only the
  // queued rows after the oldest it sees, never the oldest: whichever looks last sees both and
  // deletes the later one, and the oldest always stays (a worker may be claiming it right now).
  const kept = (await oldestQueued(job)) ?? { id: created.id, startedAt: new Date() };
  await db.jobRun.deleteMany({
    where: { job, outcome: "QUEUED", OR: [{ startedAt: { gt: kept.startedAt } }, { startedAt: kept.startedAt, id: { gt: kept.id } }] },
  });
  return { run: { id: kept.id, job }, alreadyQueued: false };
}

function oldestQueued(job: string) {
  return db.jobRun.findFirst({
    where: { job, outcome: "QUEUED" },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { id: true, startedAt: true },
  });
}

/** Queued runs of these jobs, oldest first (what a worker polls for). */
export async function listQueuedRuns(jobs: readonly string[]): Promise<QueuedRun[]> {
  if (jobs.length === 0) return [];
  return db.jobRun.findMany({
    where: { job: { in: [...jobs] }, outcome: "QUEUED" },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { id: true, job: true },
  });
}

/**
 * Runs `fn` (a job's ordinary run with trigger MANUAL) as the queued run: its runWithLease claims
 * the QUEUED row and records the run in it, so the admin sees that row go queued → running → done.
 */
export function runQueuedRun<T>(run: QueuedRun, fn: () => Promise<T>): Promise<T> {
  return queuedRunContext.run({ job: run.job, runId: run.id, used: false }, fn);
}

const runSelect = {
  id: true,
  job: true,
  trigger: true,
  startedAt: true,
  finishedAt: true,
  outcome: true,
  counts: true,
  error: true,
} as const;

/** A JobRun row read back: its trigger, outcome and counts parsed, not cast. */
function withParsedCounts<R extends { trigger: string; outcome: string; counts: string | null }>(row: R) {
  return {
    ...row,
    trigger: fromColumn(jobTriggerSchema, "JobRun.trigger", row.trigger),
    outcome: fromColumn(jobRunStateSchema, "JobRun.outcome", row.outcome),
    counts: row.counts ? fromJsonColumn(storedValuesSchema, "JobRun.counts", row.counts) : {},
  };
}

/** The newest runs of each job, newest first (admin page). */
export async function listRecentRuns(jobs: readonly string[], perJob = 5) {
  const groups = await Promise.all(
    jobs.map((job) => db.jobRun.findMany({ where: { job }, select: runSelect, orderBy: { startedAt: "desc" }, take: perJob })),
  );
  return Object.fromEntries(jobs.map((job, index) => [job, (groups[index] ?? []).map(withParsedCounts)]));
}

export async function findJobRun(id: string) {
  const row = await db.jobRun.findUnique({ where: { id }, select: runSelect });
  return row ? withParsedCounts(row) : null;
}

/** Who holds each lease right now (expired leases are free). */
export async function listActiveLeases(now = new Date()) {
  return db.jobLease.findMany({ where: { expiresAt: { gt: now } }, select: { job: true, holder: true, expiresAt: true } });
}
