import cron from "node-cron";
import { describe, expect, test, vi } from "vitest";
import type { JobDefinition } from "../../../jobs/registry";
import { jobRegistry } from "../../../jobs/registry";
import { startWorker } from "../../../jobs/worker";
import { runScheduledTick, runWithLease } from "~/services/jobs.server";
import { db } from "~/utils/db.server";

const quiet = { info: () => undefined, error: () => undefined };

function fakeJob(overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    schedules: ["* * * * * *"],
    timezone: "Europe/Berlin",
    run: vi.fn(async () => ({ runId: "x", outcome: "OK" as const, counts: {}, error: null })),
    report: () => ({ exitCode: 0, json: {}, key: "ratesStored", params: {} }),
    ...overrides,
  };
}

describe("worker", () => {
  test("the rates job is scheduled after the ECB publishes, in Frankfurt time, with two retries and a nightly weekend check", () => {
    const rates = jobRegistry.rates;
    expect(rates?.timezone).toBe("Europe/Berlin");
    expect(rates?.schedules).toEqual(["15 16 * * 1-5", "15 17 * * 1-5", "15 18 * * 1-5", "0 23 * * *"]);
    for (const expression of rates?.schedules ?? []) expect(cron.validate(expression)).toBe(true);
  });

  test("runs each scheduled job with trigger SCHEDULE and the worker's holder, and stops cleanly", async () => {
    const job = fakeJob();
    const worker = startWorker({ holder: "test-worker", jobs: { fake: job }, catchUp: false, log: quiet });
    await vi.waitFor(() => expect(job.run).toHaveBeenCalled(), { timeout: 3_000, interval: 50 });
    await worker.stop();
    const calls = vi.mocked(job.run).mock.calls.length;
    expect(vi.mocked(job.run).mock.calls[0]?.[0]).toEqual({ trigger: "SCHEDULE", holder: "test-worker" });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(vi.mocked(job.run).mock.calls.length).toBe(calls);
  });

  test("catches up at start when a job says it is overdue (e.g. stale rates)", async () => {
    const overdue = fakeJob({ schedules: ["0 0 1 1 *"], needsCatchUp: async () => true });
    const current = fakeJob({ schedules: ["0 0 1 1 *"], needsCatchUp: async () => false });
    const worker = startWorker({ holder: "w", jobs: { overdue, current }, log: quiet });
    await vi.waitFor(() => expect(overdue.run).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    await worker.stop();
    expect(current.run).not.toHaveBeenCalled();
  });

  test("a second worker arriving for the same tick after the first one's run has finished (and freed the lease) skips it", async () => {
    const job = "tick-once";
    await db.jobRun.deleteMany({ where: { job } });
    const quick = (holder: string) =>
      runWithLease(job, "SCHEDULE", async () => ({ outcome: "OK" as const, value: null }), { ttlMs: 60_000, holder });
    // What each worker's timer does for one tick (jobs/worker.ts): the same tick, one after the other.
    const first = await runScheduledTick(job, 1_000, () => quick("worker-a"));
    const second = await runScheduledTick(job, 1_000, () => quick("worker-b"));
    expect([first.outcome, second.outcome]).toEqual(["OK", "SKIPPED"]);
    expect(second.error).toBe("this tick already ran on another worker");
    // A run outside any tick (catch-up, tests, the CLI) is not a duplicate; nor is the next tick.
    expect((await quick("worker-b")).outcome).toBe("OK");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await runScheduledTick(job, 1_000, () => quick("worker-b"))).outcome).toBe("OK");
    expect(await db.jobRun.count({ where: { job, outcome: "OK" } })).toBe(3);
  });
});
