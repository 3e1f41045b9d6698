import { beforeEach, describe, expect, test } from "vitest";
import { runWithLease } from "~/services/jobs.server";
import { db } from "~/utils/db.server";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const ok = <T>(value: T) => ({ outcome: "OK" as const, counts: { items: 1 }, value });

beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
});

describe("runWithLease", () => {
  test("two concurrent runs of one job: one runs, the other is SKIPPED and recorded", async () => {
    const gate = deferred();
    let bodies = 0;
    const body = async () => {
      bodies += 1;
      await gate.promise;
      return ok("done");
    };
    const first = runWithLease("demo", "SCHEDULE", body, { ttlMs: 60_000, holder: "worker-a" });
    const second = runWithLease("demo", "SCHEDULE", body, { ttlMs: 60_000, holder: "worker-b" });
    const settledSecond = await Promise.race([second, new Promise((resolve) => setTimeout(() => resolve("pending"), 2_000))]);
    gate.resolve();
    const results = [await first, await second];
    expect(bodies).toBe(1);
    expect(settledSecond).not.toBe("pending");
    expect(results.map((run) => run.outcome).sort()).toEqual(["OK", "SKIPPED"]);
    const skipped = results.find((run) => run.outcome === "SKIPPED");
    expect(skipped?.error).toMatch(/lease held by worker-[ab]#/);
    const rows = await db.jobRun.findMany({ where: { job: "demo" }, select: { outcome: true, counts: true, finishedAt: true } });
    expect(rows.map((row) => row.outcome).sort()).toEqual(["OK", "SKIPPED"]);
    expect(rows.every((row) => row.finishedAt !== null)).toBe(true);
    expect(JSON.parse(rows.find((row) => row.outcome === "OK")?.counts ?? "{}")).toEqual({ items: 1 });
  });

  test("a crashed worker's expired lease is taken over, and its RUNNING row is closed as FAILED", async () => {
    await db.jobLease.create({ data: { job: "demo", holder: "crashed#1", expiresAt: new Date(Date.now() - 1_000) } });
    const orphan = await db.jobRun.create({ data: { job: "demo", trigger: "SCHEDULE", startedAt: new Date(Date.now() - 600_000) } });
    const run = await runWithLease("demo", "SCHEDULE", async () => ok(1), { ttlMs: 60_000, holder: "worker-b" });
    expect(run.outcome).toBe("OK");
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({
      outcome: "FAILED",
      error: expect.stringContaining("lease expired"),
    });
  });

  test("an unexpired lease of another holder is respected", async () => {
    await db.jobLease.create({ data: { job: "demo", holder: "alive#1", expiresAt: new Date(Date.now() + 60_000) } });
    let ran = false;
    const run = await runWithLease("demo", "MANUAL", async () => ((ran = true), ok(1)), { ttlMs: 60_000, holder: "worker-b" });
    expect(run.outcome).toBe("SKIPPED");
    expect(ran).toBe(false);
  });

  test("a throwing job is recorded as FAILED and frees the lease for the next run", async () => {
    const failed = await runWithLease(
      "demo",
      "CLI",
      async () => {
        throw new Error("provider exploded");
      },
      { ttlMs: 60_000, holder: "cli" },
    );
    expect(failed).toMatchObject({ outcome: "FAILED", error: "provider exploded" });
    expect((await runWithLease("demo", "CLI", async () => ok(1), { ttlMs: 60_000, holder: "cli" })).outcome).toBe("OK");
  });

  test("a long job renews its lease, so a short ttl does not let a second worker in", async () => {
    const gate = deferred();
    const long = runWithLease("slow", "SCHEDULE", async () => (await gate.promise, ok(1)), { ttlMs: 1_200, holder: "worker-a" });
    await new Promise((resolve) => setTimeout(resolve, 1_800)); // past the first ttl, renewed at ~1 s
    const other = await runWithLease("slow", "SCHEDULE", async () => ok(2), { ttlMs: 1_200, holder: "worker-b" });
    gate.resolve();
    expect(other.outcome).toBe("SKIPPED");
    expect((await long).outcome).toBe("OK");
  });
});
