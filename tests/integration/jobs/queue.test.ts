import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { queueJobRun, runQueuedRun, runWithLease } from "~/services/jobs.server";
import { db } from "~/utils/db.server";
import type { JobDefinition } from "../../../jobs/registry";
import { jobRegistry } from "../../../jobs/registry";
import { startWorker, type Worker } from "../../../jobs/worker";

const quiet = { info: () => undefined, error: () => undefined };
const NEVER = ["0 0 1 1 *"];
const workers: Worker[] = [];

beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});

/** A job whose body counts how often it ran and who ran it, through the real lease. */
function countingJob(name: string, bodyMs = 300) {
  const ranBy: string[] = [];
  const job: JobDefinition = {
    schedules: NEVER,
    timezone: "Asia/Shanghai",
    run: (options) =>
      runWithLease(
        name,
        options.trigger,
        async () => {
          ranBy.push(options.holder);
          await new Promise((resolve) => setTimeout(resolve, bodyMs));
          return { outcome: "OK", counts: { ran: 1 }, value: null };
        },
        { ttlMs: 30_000, holder: options.holder },
      ),
    report: () => ({ exitCode: 0, json: {}, key: "x", params: {} }),
  };
  return { job, ranBy };
}

function twoWorkers(jobs: Record<string, JobDefinition>, queuePollMs = 100) {
  for (const holder of ["worker-a", "worker-b"]) workers.push(startWorker({ holder, jobs, catchUp: false, log: quiet, queuePollMs }));
}

const rowsOf = (job: string) =>
  db.jobRun.findMany({ where: { job }, select: { id: true, trigger: true, outcome: true, counts: true, finishedAt: true } });

describe("queued runs (run now)", () => {
  test("two workers racing for queued runs: each queued run runs exactly once, in its own row, within seconds", async () => {
    const { job, ranBy } = countingJob("demo");
    twoWorkers({ demo: job });
    for (let round = 1; round <= 4; round += 1) {
      const queuedAt = Date.now();
      const { run } = await queueJobRun("demo");
      await vi.waitFor(async () => expect((await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).outcome).toBe("OK"), {
        timeout: 5_000,
        interval: 50,
      });
      expect(Date.now() - queuedAt).toBeLessThan(3_000);
      expect(ranBy).toHaveLength(round);
    }
    // Let both workers poll a few more times: nothing runs again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ranBy).toHaveLength(4);
    const rows = await rowsOf("demo");
    // One row per queued run (the queued row itself, now finished): the loser of each race leaves no SKIPPED row.
    expect(rows).toHaveLength(4);
    expect(
      rows.every(
        (row) => row.trigger === "MANUAL" && row.outcome === "OK" && row.finishedAt !== null && row.counts === JSON.stringify({ ran: 1 }),
      ),
    ).toBe(true);
  });

  test("the race itself: two holders running one queued run at once, or one arriving after it finished, run it once", async () => {
    const { job, ranBy } = countingJob("demo", 100);
    const { run } = await queueJobRun("demo");
    const attempt = (holder: string) => runQueuedRun(run, () => job.run({ trigger: "MANUAL", holder }));
    const results = await Promise.all([attempt("worker-a"), attempt("worker-b")]);
    expect(ranBy).toHaveLength(1);
    expect(results.map((result) => result.outcome).sort()).toEqual(["OK", "SKIPPED"]);
    expect(results.every((result) => result.runId === run.id)).toBe(true);
    // A worker that saw the row queued before it ran comes late: the conditional claim refuses it.
    const late = await attempt("worker-c");
    expect(late).toMatchObject({ outcome: "SKIPPED", error: "the queued run was already taken" });
    expect(ranBy).toHaveLength(1);
    expect(await rowsOf("demo")).toMatchObject([{ id: run.id, outcome: "OK", trigger: "MANUAL" }]);
  });

  test("the queued run is bound to its job: another job started from inside it (a background recompute) runs as its own run", async () => {
    const { run } = await queueJobRun("outer");
    let inner: Awaited<ReturnType<typeof runWithLease>> | undefined;
    const outer = await runQueuedRun(run, () =>
      runWithLease(
        "outer",
        "MANUAL",
        async () => {
          inner = await runWithLease("inner", "EVENT", async () => ({ outcome: "OK", value: null }), { ttlMs: 30_000, holder: "w" });
          return { outcome: "OK", value: null };
        },
        { ttlMs: 30_000, holder: "w" },
      ),
    );
    expect(outer.runId).toBe(run.id);
    expect(inner?.runId).not.toBe(run.id);
    expect(await rowsOf("inner")).toMatchObject([{ trigger: "EVENT", outcome: "OK" }]);
    expect(await rowsOf("outer")).toMatchObject([{ id: run.id, trigger: "MANUAL", outcome: "OK" }]);
  });

  test("clicking twice while queued queues once; a run already in progress leaves the queued one waiting, then it runs once", async () => {
    const { job, ranBy } = countingJob("demo", 100);
    // Someone else (a scheduled run on another machine) holds the lease for now.
    await db.jobLease.create({ data: { job: "demo", holder: "elsewhere", expiresAt: new Date(Date.now() + 60_000) } });
    const first = await queueJobRun("demo");
    const second = await queueJobRun("demo");
    expect(first.alreadyQueued).toBe(false);
    expect(second).toEqual({ run: first.run, alreadyQueued: true });
    twoWorkers({ demo: job });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(ranBy).toHaveLength(0);
    expect(await rowsOf("demo")).toMatchObject([{ id: first.run.id, outcome: "QUEUED" }]);
    // The other run ends (its lease is released): the queued run starts on the next poll.
    await db.jobLease.updateMany({ where: { job: "demo" }, data: { expiresAt: new Date(0) } });
    await vi.waitFor(async () => expect((await rowsOf("demo"))[0]?.outcome).toBe("OK"), { timeout: 5_000, interval: 50 });
    expect(ranBy).toHaveLength(1);
    expect(await db.jobRun.count({ where: { job: "demo" } })).toBe(1);
  });

  test("clicks at the same moment (several web instances) leave exactly one queued run", async () => {
    for (let round = 0; round < 10; round += 1) {
      await db.jobRun.deleteMany();
      await Promise.all([queueJobRun("demo"), queueJobRun("demo"), queueJobRun("demo")]);
      expect(await db.jobRun.count({ where: { job: "demo", outcome: "QUEUED" } })).toBe(1);
    }
  });

  test("a real job (the mailer) queued from the admin page is run by a worker with trigger MANUAL in the queued row", async () => {
    const mailer = jobRegistry.mailer;
    if (!mailer) throw new Error("no mailer job");
    const { run } = await queueJobRun("mailer");
    twoWorkers({ mailer });
    await vi.waitFor(async () => expect((await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).outcome).toBe("OK"), {
      timeout: 5_000,
      interval: 50,
    });
    // Only the manual runs: the mailer's every-minute schedule may also fire (in both workers, one run and one
    // SKIPPED) when the test happens to cross a minute boundary.
    const rows = (await rowsOf("mailer")).filter((row) => row.trigger === "MANUAL");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: run.id, trigger: "MANUAL" });
    // No SMTP_URL in tests: the run says how much mail waits.
    expect(JSON.parse(rows[0]?.counts ?? "{}")).toHaveProperty("waitingNoSmtp");
  });

  test("a worker stopped while a run is queued leaves it queued for the next worker", async () => {
    const { job, ranBy } = countingJob("demo");
    const worker = startWorker({ holder: "worker-a", jobs: { demo: job }, catchUp: false, log: quiet, queuePollMs: 100 });
    await worker.stop();
    const { run } = await queueJobRun("demo");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ranBy).toHaveLength(0);
    expect((await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).outcome).toBe("QUEUED");
    twoWorkers({ demo: job });
    await vi.waitFor(async () => expect((await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).outcome).toBe("OK"), {
      timeout: 5_000,
      interval: 50,
    });
    expect(ranBy).toHaveLength(1);
  });
});
