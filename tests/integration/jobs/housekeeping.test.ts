import { beforeEach, describe, expect, test } from "vitest";
import { runHousekeeping } from "~/services/housekeeping.server";
import { housekeepingSettings, type HousekeepingSettings } from "~/services/housekeeping-settings.server";
import { storePhoto } from "~/services/order-photos.server";
import { fileStorage } from "~/services/storage/storage.server";
import { db } from "~/utils/db.server";
import { EnvError } from "~/utils/env.server";
import { jobRegistry } from "../../../jobs/registry";
import { createTestUser } from "../helpers";

const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 24 * 3600_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const settings: HousekeepingSettings = { jobRunDays: 30, jobRunKeep: 3, quoteDays: 90, mailDays: 30 };
const run = (options: { batchSize?: number; settings?: HousekeepingSettings; onProgress?: (message: string) => void } = {}) =>
  runHousekeeping("CLI", "test", { now: () => NOW, settings, ...options });

beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
  await db.session.deleteMany();
  await db.rateLimitWindow.deleteMany();
  await db.order.deleteMany();
  await db.quote.deleteMany();
  await db.emailOutbox.deleteMany();
});

async function finishedRun(job: string, startedDaysAgo: number, outcome = "OK") {
  const startedAt = daysAgo(startedDaysAgo);
  return db.jobRun.create({ data: { job, trigger: "SCHEDULE", startedAt, finishedAt: new Date(startedAt.getTime() + 1_000), outcome } });
}

async function quote(createdDaysAgo: number, validForDays = 0) {
  const createdAt = daysAgo(createdDaysAgo);
  return db.quote.create({
    data: {
      request: "{}",
      context: "{}",
      result: "{}",
      totalFen: 100,
      createdAt,
      validUntil: new Date(createdAt.getTime() + validForDays * DAY + 30 * 60_000),
    },
  });
}

let orderNumber = 0;
async function orderUsing(
  userId: string,
  quoteId: string,
  extra: { exceptionQuoteId?: string; refundQuoteId?: string; priceCheck?: string } = {},
) {
  orderNumber += 1;
  return db.order.create({
    data: {
      number: `HK${orderNumber}`,
      userId,
      idempotencyKey: `hk-${orderNumber}`,
      quoteId,
      storeName: "Test store",
      currency: "USD",
      shippingLineCode: "us-postal-ems",
      customsRegime: "POSTAL",
      status: "PAID",
      totalFen: 100,
      address: "{}",
      ...extra,
    },
  });
}

describe("housekeeping", () => {
  test("job runs: deletes finished runs past the retention, keeps each job's latest few and every queued or running one", async () => {
    // rates: five old runs; the latest three stay whatever their age.
    const ratesRuns = [];
    for (const age of [200, 150, 100, 60, 40]) ratesRuns.push(await finishedRun("rates", age));
    const recent = await finishedRun("rates", 5);
    // mailer: one old, one recent; with the recent it has two, under the keep of three: both stay.
    const mailerOld = await finishedRun("mailer", 90, "FAILED");
    const mailerNew = await finishedRun("mailer", 1);
    const running = await db.jobRun.create({ data: { job: "prices", trigger: "SCHEDULE", startedAt: daysAgo(100), outcome: "RUNNING" } });
    const queued = await db.jobRun.create({ data: { job: "prices", trigger: "MANUAL", startedAt: daysAgo(100), outcome: "QUEUED" } });

    const result = await run();
    expect(result.outcome).toBe("OK");
    expect(result.counts).toMatchObject({ jobRuns: 3 });
    const left = new Set((await db.jobRun.findMany({ select: { id: true } })).map((row) => row.id));
    // The three oldest rates runs went; 60 and 40 days old stay as two of the latest three.
    for (const gone of ratesRuns.slice(0, 3)) expect(left.has(gone.id)).toBe(false);
    for (const kept of [ratesRuns[3], ratesRuns[4], recent, mailerOld, mailerNew, running, queued])
      expect(left.has(kept?.id ?? "")).toBe(true);
    // The run itself is recorded with its counts.
    const own = await db.jobRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(own).toMatchObject({ job: "housekeeping", trigger: "CLI", outcome: "OK" });
    expect(JSON.parse(own.counts ?? "{}")).toEqual({ jobRuns: 3, sessions: 0, rateLimitWindows: 0, quotes: 0, mail: 0, photos: 0 });
  });

  test("sessions and rate-limit windows: only expired ones go", async () => {
    const user = await createTestUser();
    const before = await db.session.count();
    await db.session.create({ data: { userId: user.id, expiresAt: new Date(NOW.getTime() - 1_000) } });
    await db.session.create({ data: { userId: user.id, expiresAt: daysAgo(40) } });
    const live = await db.session.create({ data: { userId: user.id, expiresAt: new Date(NOW.getTime() + DAY) } });
    // The longest rule's window is an hour: a window that started more than an hour ago is over.
    await db.rateLimitWindow.create({ data: { key: "login-ip:1.2.3.4", windowStart: new Date(NOW.getTime() - 2 * 3600_000), count: 5 } });
    await db.rateLimitWindow.create({ data: { key: "signup-ip:1.2.3.4", windowStart: new Date(NOW.getTime() - 61 * 60_000), count: 3 } });
    await db.rateLimitWindow.create({ data: { key: "signup-ip:1.2.3.4", windowStart: new Date(NOW.getTime() - 30 * 60_000), count: 3 } });

    const result = await run();
    expect(result.counts).toMatchObject({ sessions: 2, rateLimitWindows: 2 });
    // createTestUser's own session (if it made one) expires in the future: it stays too.
    expect(await db.session.count()).toBe(before + 1);
    expect(await db.session.findUnique({ where: { id: live.id } })).not.toBeNull();
    expect(await db.rateLimitWindow.findMany({ select: { key: true } })).toEqual([{ key: "signup-ip:1.2.3.4" }]);
  });

  test("quotes: an old unused expired quote goes; one any order names (placed, exception, refund, price-check offer) never does", async () => {
    const user = await createTestUser();
    const unusedOld = await quote(120);
    const unusedRecent = await quote(10);
    // Old but still valid (a long offer): no checkout may lose it.
    const unusedStillValid = await quote(120, 365);
    const placed = await quote(200);
    const exception = await quote(200);
    const refund = await quote(200);
    const offered = await quote(200);
    await orderUsing(user.id, placed.id, {
      exceptionQuoteId: exception.id,
      refundQuoteId: refund.id,
      priceCheck: JSON.stringify({ outcome: "PRICE_ROSE", newQuoteId: offered.id, paidFen: 100 }),
    });
    // A checked order whose check offered nothing (newQuoteId null) protects nothing extra.
    const otherPlaced = await quote(200);
    await orderUsing(user.id, otherPlaced.id, { priceCheck: JSON.stringify({ outcome: "PASSED", newQuoteId: null }) });

    const result = await run();
    expect(result.counts).toMatchObject({ quotes: 1 });
    const left = new Set((await db.quote.findMany({ select: { id: true } })).map((row) => row.id));
    expect(left.has(unusedOld.id)).toBe(false);
    for (const kept of [unusedRecent, unusedStillValid, placed, exception, refund, offered, otherPlaced])
      expect(left.has(kept.id)).toBe(true);
  });

  test("mail: sent mail past the retention goes; pending, failed and recent sent mail stay", async () => {
    const mail = (status: string, sentDaysAgo: number | null) =>
      db.emailOutbox.create({
        data: {
          to: "a@example.com",
          subject: "s",
          body: "b",
          status,
          sentAt: sentDaysAgo === null ? null : daysAgo(sentDaysAgo),
          createdAt: daysAgo(100),
        },
      });
    const oldSent = await mail("SENT", 45);
    const recentSent = await mail("SENT", 3);
    const pending = await mail("PENDING", null);
    const failed = await mail("FAILED", null);
    const result = await run();
    expect(result.counts).toMatchObject({ mail: 1 });
    const left = (await db.emailOutbox.findMany({ select: { id: true } })).map((row) => row.id).sort();
    expect(left).toEqual([recentSent.id, pending.id, failed.id].sort());
    expect(left).not.toContain(oldSent.id);
  });

  test("photos: a stored photo nothing names goes after 24 hours, through the storage driver", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const stored = await storePhoto(png);
    if (!stored.ok) throw new Error(stored.error);
    const soon = await runHousekeeping("CLI", "test", { now: () => new Date(Date.now() + 3600_000), settings });
    expect(soon.counts).toMatchObject({ photos: 0 });
    expect(await fileStorage().exists(stored.name)).toBe(true);
    const later = await runHousekeeping("CLI", "test", { now: () => new Date(Date.now() + 25 * 3600_000), settings });
    expect(later.counts?.photos).toBeGreaterThanOrEqual(1);
    expect(await fileStorage().exists(stored.name)).toBe(false);
  });

  test("deletes in bounded batches, reporting progress, and steps over used quotes between batches", async () => {
    const user = await createTestUser();
    const expiredAt = daysAgo(1);
    await db.session.createMany({ data: Array.from({ length: 23 }, () => ({ userId: user.id, expiresAt: expiredAt })) });
    const quotes = [];
    for (let index = 0; index < 12; index += 1) quotes.push(await quote(150));
    // Every third quote is used by an order: a batch full of used quotes must not stop the pass.
    const used = quotes.filter((_, index) => index % 3 === 0);
    for (const row of used) await orderUsing(user.id, row.id);
    const messages: string[] = [];
    const result = await run({ batchSize: 5, onProgress: (message) => messages.push(message) });
    expect(result.counts).toMatchObject({ sessions: 23, quotes: 8 });
    expect(messages).toContain("sessions: 5 deleted");
    expect(messages).toContain("sessions: 23 deleted");
    expect(messages.filter((message) => message.startsWith("sessions:")).length).toBe(5);
    expect((await db.quote.findMany({ select: { id: true } })).map((row) => row.id).sort()).toEqual(used.map((row) => row.id).sort());
  });

  test("runs under its lease: a second run at the same time is SKIPPED; the registry schedules it nightly and reports counts", async () => {
    await db.jobLease.create({ data: { job: "housekeeping", holder: "other-worker", expiresAt: new Date(Date.now() + 60_000) } });
    const skipped = await runHousekeeping("SCHEDULE", "test", { settings });
    expect(skipped.outcome).toBe("SKIPPED");
    await db.jobLease.deleteMany();
    const job = jobRegistry.housekeeping;
    expect(job?.schedules).toEqual(["40 3 * * *"]);
    const ran = await job!.run({ trigger: "CLI", holder: "test" });
    expect(job!.report(ran)).toMatchObject({
      exitCode: 0,
      key: "housekeepingDone",
      params: { jobRuns: 0, sessions: expect.any(Number), mail: 0 },
    });
  });

  test("retentions come from the environment with defaults; a bad value names the variable", () => {
    const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;
    expect(housekeepingSettings(env({}))).toEqual({ jobRunDays: 30, jobRunKeep: 20, quoteDays: 90, mailDays: 30 });
    expect(housekeepingSettings(env({ HOUSEKEEPING_QUOTE_DAYS: "365", HOUSEKEEPING_JOB_RUN_KEEP: "50" }))).toMatchObject({
      quoteDays: 365,
      jobRunKeep: 50,
    });
    expect(() => housekeepingSettings(env({ HOUSEKEEPING_MAIL_DAYS: "0" }))).toThrow(EnvError);
    expect(() => housekeepingSettings(env({ HOUSEKEEPING_MAIL_DAYS: "soon" }))).toThrow(
      "HOUSEKEEPING_MAIL_DAYS: must be a whole number of days",
    );
  });
});
