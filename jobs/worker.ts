import cron, { type ScheduledTask } from "node-cron";
import { listQueuedRuns, runQueuedRun, runScheduledTick } from "~/services/jobs.server";
import { processHolder } from "./holder";
import { jobRegistry, type JobDefinition } from "./registry";

export { processHolder };

export type WorkerLog = { info(message: string): void; error(message: string): void };
export type WorkerOptions = {
  holder: string;
  jobs?: Record<string, JobDefinition>;
  catchUp?: boolean;
  log?: WorkerLog;
  /** How often to look for runs queued by "run now" (ms); 0 turns the queue off. */
  queuePollMs?: number;
};

// "Run now" promises a start within a few seconds; one indexed query per worker this often is cheap.
const QUEUE_POLL_MS = 2_000;
export type Worker = { stop(): Promise<void> };

/**
 * Schedules every registered job. Each run goes through the job's lease, so any number of workers
 * (or web processes with WORKER=inline) may run this: each scheduled run happens once.
 */
export function startWorker(options: WorkerOptions): Worker {
  const jobs = options.jobs ?? jobRegistry;
  const log = options.log ?? { info: (message) => console.log(message), error: (message) => console.error(message) };
  const running = new Set<Promise<void>>();

  const launch = (
    name: string,
    job: JobDefinition,
    trigger: "SCHEDULE" | "MANUAL",
    start = () => job.run({ trigger, holder: options.holder }),
  ) => {
    const run: Promise<void> = start()
      .then((result) => {
        // A queued run finding its job busy stays queued for the next poll: not worth a line each time.
        if (trigger === "MANUAL" && result.outcome === "SKIPPED") return;
        log.info(`[worker] ${name}: ${result.outcome}${result.error ? ` (${result.error})` : ""}`);
      })
      .catch((error: unknown) => log.error(`[worker] ${name} crashed: ${(error as Error).message}`))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };

  const tasks: ScheduledTask[] = Object.entries(jobs).flatMap(([name, job]) =>
    job.schedules.map((expression) => {
      const task: ScheduledTask = cron.schedule(
        expression,
        () => {
          // Half the time to the next tick (at most 30 s): another worker's run of this tick falls inside it.
          const windowMs = Math.min(30_000, Math.max(0, ((task.getNextRun()?.getTime() ?? Date.now()) - Date.now()) / 2));
          return launch(name, job, "SCHEDULE", () =>
            runScheduledTick(name, windowMs, () => job.run({ trigger: "SCHEDULE", holder: options.holder })),
          );
        },
        { name: `${name} ${expression}`, timezone: job.timezone, noOverlap: true },
      );
      return task;
    }),
  );
  log.info(`[worker] ${options.holder} scheduled ${tasks.length} runs of ${Object.keys(jobs).join(", ") || "no jobs"}`);

  if (options.catchUp ?? true) {
    for (const [name, job] of Object.entries(jobs)) {
      void job
        .needsCatchUp?.()
        .then((needed) => (needed ? launch(name, job, "SCHEDULE") : undefined))
        .catch((error: unknown) => log.error(`[worker] ${name} catch-up check failed: ${(error as Error).message}`));
    }
  }

  // Queued runs: each goes through the job's own run (and so its lease) with trigger MANUAL; the
  // lease and a conditional claim make sure one worker runs it. A job this worker is already
  // running a queued run of waits for the next poll.
  const draining = new Set<string>();
  let stopped = false;
  const pollQueue = async () => {
    const queued = await listQueuedRuns(Object.keys(jobs));
    for (const entry of queued) {
      const job = jobs[entry.job];
      if (!job || draining.has(entry.job) || stopped) continue;
      draining.add(entry.job);
      void launch(entry.job, job, "MANUAL", () =>
        runQueuedRun(entry, () => job.run({ trigger: "MANUAL", holder: options.holder })),
      ).finally(() => draining.delete(entry.job));
    }
  };
  const queuePollMs = options.queuePollMs ?? QUEUE_POLL_MS;
  let polling = false;
  const queueTimer =
    queuePollMs > 0
      ? setInterval(() => {
          if (polling) return;
          polling = true;
          pollQueue()
            .catch((error: unknown) => log.error(`[worker] queue check failed: ${(error as Error).message}`))
            .finally(() => (polling = false));
        }, queuePollMs)
      : null;
  queueTimer?.unref();

  return {
    async stop() {
      stopped = true;
      if (queueTimer) clearInterval(queueTimer);
      await Promise.all(tasks.map((task) => task.destroy()));
      // Runs in flight finish and release their leases; a killed process leaves them to expire.
      await Promise.allSettled([...running]);
    },
  };
}
