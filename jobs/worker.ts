import cron, { type ScheduledTask } from "node-cron";
import { processHolder } from "./holder";
import { jobRegistry, type JobDefinition } from "./registry";

export { processHolder };

export type WorkerLog = { info(message: string): void; error(message: string): void };
export type WorkerOptions = { holder: string; jobs?: Record<string, JobDefinition>; catchUp?: boolean; log?: WorkerLog };
export type Worker = { stop(): Promise<void> };

/**
 * Schedules every registered job. Each run goes through the job's lease, so any number of workers
 * (or web processes with WORKER=inline) may run this: each scheduled run happens once.
 */
export function startWorker(options: WorkerOptions): Worker {
  const jobs = options.jobs ?? jobRegistry;
  const log = options.log ?? { info: (message) => console.log(message), error: (message) => console.error(message) };
  const running = new Set<Promise<void>>();

  const launch = (name: string, job: JobDefinition, trigger: "SCHEDULE") => {
    const run: Promise<void> = job
      .run({ trigger, holder: options.holder })
      .then((result) => log.info(`[worker] ${name}: ${result.outcome}${result.error ? ` (${result.error})` : ""}`))
      .catch((error: unknown) => log.error(`[worker] ${name} crashed: ${(error as Error).message}`))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };

  const tasks: ScheduledTask[] = Object.entries(jobs).flatMap(([name, job]) =>
    job.schedules.map((expression) =>
      cron.schedule(expression, () => launch(name, job, "SCHEDULE"), { name: `${name} ${expression}`, timezone: job.timezone, noOverlap: true }),
    ),
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

  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      // Runs in flight finish and release their leases; a killed process leaves them to expire.
      await Promise.allSettled([...running]);
    },
  };
}
