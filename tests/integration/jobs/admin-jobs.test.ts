import { beforeEach, describe, expect, test } from "vitest";
import { action, loader } from "~/routes/admin.jobs";
import { loader as layoutLoader } from "~/routes/admin";
import { invalidatePricingCache, latestFxSnapshot } from "~/services/pricing-context.server";
import { db } from "~/utils/db.server";
import { jobRegistry } from "../../../jobs/registry";
import { fixtureRates } from "../../mocks/fx-providers";
import { createTestUser, formRequest, getRequest, respond } from "../helpers";

const args = (request: Request) => ({ request, params: {}, context: {} });
const rates = JSON.stringify(fixtureRates());

async function heldSnapshot() {
  return db.fxSnapshot.create({
    data: {
      base: "EUR",
      asOf: "2024-03-13",
      source: "ECB",
      rates: JSON.stringify({ ...fixtureRates(), USD: "2.5" }),
      status: "HELD",
      reason: "USD moved",
    },
  });
}

beforeEach(async () => {
  await db.fxSnapshot.deleteMany();
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
  await db.fxSnapshot.create({ data: { base: "EUR", asOf: "2024-03-12", source: "ECB", rates, status: "ACTIVE" } });
  invalidatePricingCache();
});

describe("/admin/jobs", () => {
  test("only admins see it; the page lists runs, the current snapshot and held ones with their moves", async () => {
    const shopper = await createTestUser("SHOPPER");
    expect((await respond(() => loader(args(getRequest("/admin/jobs", shopper.cookie))))).status).toBe(403);
    expect(
      (await respond(() => action(args(formRequest("/admin/jobs", { intent: "run", job: "rates" }, { cookie: shopper.cookie }))))).status,
    ).toBe(403);
    const admin = await createTestUser("ADMIN");
    await heldSnapshot();
    const response = await respond(() => loader(args(getRequest("/admin/jobs", admin.cookie))));
    const body = (await response.json()) as {
      jobs: string[];
      health: { active: { asOf: string }; stale: boolean };
      held: { moves: { currency: string }[] }[];
    };
    expect(body.jobs).toContain("rates");
    expect(body.health.active.asOf).toBe("2024-03-12");
    expect(body.held[0]?.moves.map((move) => move.currency)).toEqual(["USD"]);
  });

  test("confirm makes a held snapshot ACTIVE and audits it; a second click is refused", async () => {
    const admin = await createTestUser("ADMIN");
    const held = await heldSnapshot();
    const response = await respond(() =>
      action(args(formRequest("/admin/jobs", { intent: "confirm", id: held.id }, { cookie: admin.cookie }))),
    );
    expect(response.status).toBe(200);
    invalidatePricingCache();
    expect((await latestFxSnapshot())?.id).toBe(held.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "FxSnapshot", entityId: held.id } });
    expect(audit).toMatchObject({ actorId: admin.id, action: "confirm" });
    const again = await respond(() =>
      action(args(formRequest("/admin/jobs", { intent: "confirm", id: held.id }, { cookie: admin.cookie }))),
    );
    expect(again.status).toBe(409);
  });

  test("reject marks it REJECTED, audited; the ACTIVE snapshot is untouched", async () => {
    const admin = await createTestUser("ADMIN");
    const held = await heldSnapshot();
    await respond(() => action(args(formRequest("/admin/jobs", { intent: "reject", id: held.id }, { cookie: admin.cookie }))));
    expect(await db.fxSnapshot.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({
      status: "REJECTED",
      reason: expect.stringContaining(admin.email),
    });
    expect(await db.auditLog.count({ where: { entity: "FxSnapshot", entityId: held.id, action: "reject" } })).toBe(1);
    invalidatePricingCache();
    expect((await latestFxSnapshot())?.asOf).toBe("2024-03-12");
  });

  test("run now queues a MANUAL run instead of running it; a second click while queued queues nothing more; bad input is 400/404", async () => {
    const admin = await createTestUser("ADMIN");
    const click = () => respond(() => action(args(formRequest("/admin/jobs", { intent: "run", job: "rates" }, { cookie: admin.cookie }))));
    const response = await click();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: "jobs:results.queued", params: { job: "rates" } });
    // Nothing ran inside the request: no provider was called, no snapshot was stored.
    expect(await db.fxSnapshot.count()).toBe(1);
    expect(await db.jobRun.findMany({ where: { job: "rates" }, select: { trigger: true, outcome: true, finishedAt: true } })).toEqual([
      { trigger: "MANUAL", outcome: "QUEUED", finishedAt: null },
    ]);
    expect(await (await click()).json()).toEqual({ message: "jobs:results.alreadyQueued", params: { job: "rates" } });
    expect(await db.jobRun.count({ where: { job: "rates" } })).toBe(1);
    // The page lists the queued run, so it can show it and follow it.
    const page = (await (await respond(() => loader(args(getRequest("/admin/jobs", admin.cookie))))).json()) as {
      runs: Record<string, { outcome: string; trigger: string }[]>;
    };
    expect(page.runs.rates).toMatchObject([{ outcome: "QUEUED", trigger: "MANUAL" }]);
    expect(
      (await respond(() => action(args(formRequest("/admin/jobs", { intent: "run", job: "nope" }, { cookie: admin.cookie }))))).status,
    ).toBe(404);
    expect((await respond(() => action(args(formRequest("/admin/jobs", { intent: "frobnicate" }, { cookie: admin.cookie }))))).status).toBe(
      400,
    );
  });

  test("the page offers every job the worker runs, and shows the housekeeping retentions", async () => {
    const admin = await createTestUser("ADMIN");
    const body = (await (await respond(() => loader(args(getRequest("/admin/jobs", admin.cookie))))).json()) as {
      jobs: string[];
      housekeeping: Record<string, number>;
    };
    expect([...body.jobs].sort()).toEqual(Object.keys(jobRegistry).sort());
    expect(body.housekeeping).toEqual({ jobRunDays: 30, jobRunKeep: 20, quoteDays: 90, mailDays: 30 });
  });

  test("the admin layout reports stale rates (old or none) for its banner", async () => {
    const admin = await createTestUser("ADMIN");
    const stale = (await (await respond(() => layoutLoader(args(getRequest("/admin", admin.cookie))))).json()) as {
      rates: { stale: boolean; asOf: string };
    };
    expect(stale.rates).toMatchObject({ stale: true, asOf: "2024-03-12" });
    await db.fxSnapshot.create({ data: { base: "EUR", asOf: new Date().toISOString(), source: "ECB", rates, status: "ACTIVE" } });
    const fresh = (await (await respond(() => layoutLoader(args(getRequest("/admin", admin.cookie))))).json()) as {
      rates: { stale: boolean };
    };
    expect(fresh.rates.stale).toBe(false);
    await db.fxSnapshot.deleteMany();
    const none = (await (await respond(() => layoutLoader(args(getRequest("/admin", admin.cookie))))).json()) as {
      rates: { stale: boolean; asOf: null };
    };
    expect(none.rates).toEqual({ stale: true, asOf: null, maxAgeHours: 72 });
  });
});
