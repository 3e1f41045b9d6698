import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { action as settingsAction, loader as settingsLoader } from "~/routes/admin.reminders";
import { loader as checkInLoader } from "~/routes/orders.$id_.check-in";
import { runCheckIns, sendCheckIns } from "~/services/check-ins.server";
import { runReorderReminders, sendReorderReminders } from "~/services/reorder-reminders.server";
import { alertRestock } from "~/services/restock-alerts.server";
import { quoteListingById } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { createListing, placeNewOrder, seedOrderWorld, sessionUser, deposit } from "./order-fixtures";
import { args, DAY_MS, deliveredOrder, setDeliveredAgo, type Person } from "./returns-fixtures";

// Return visits on a real database: one check-in per delivered order after the admin's days, even when
// the job runs twice or two workers at once; re-order reminders for consumables with today's landed
// price, never after a re-order or for a listing not on sale; a restock alert once per restock; the
// settings page validated, audited and admin-only.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;

const notificationsOf = (userId: string, kind: string) =>
  db.notification.findMany({ where: { userId, kind }, select: { params: true, link: true } });
const mailsTo = (email: string) => db.emailOutbox.findMany({ where: { to: email }, select: { subject: true, body: true } });

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
});

describe("check-ins", () => {
  test("none before the days have passed; exactly one after, however often the job runs", async () => {
    const { orderId, shopper } = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 2 });
    await sendCheckIns(new Date(), { days: 3 });
    expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(0);

    await setDeliveredAgo(orderId, 3.1);
    const first = await sendCheckIns(new Date(), { days: 3 });
    expect(first.counts.sent).toBeGreaterThanOrEqual(1);
    await sendCheckIns(new Date(), { days: 3 });
    const told = await notificationsOf(shopper.id, "CHECK_IN");
    expect(told).toHaveLength(1);
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true } });
    expect(JSON.parse(told[0]?.params ?? "{}")).toMatchObject({ number: order.number, title: "头戴式耳机" });
    expect(told[0]?.link).toBe(`/orders/${orderId}/check-in`);
    const mails = (await mailsTo(shopper.email)).filter((mail) => mail.body.includes("/check-in"));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("到了吗");
    expect(mails[0]?.body).toContain("评价、退货或投诉");
  });

  test("two workers at once send one check-in (the key is claimed with the notification)", async () => {
    const { shopper } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }], { deliveredDaysAgo: 4 });
    await Promise.all([
      sendCheckIns(new Date(), { days: 3 }),
      sendCheckIns(new Date(), { days: 3 }),
      sendCheckIns(new Date(), { days: 3 }),
    ]);
    expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(1);
  });

  test("orders already told never hold back the others: the run pages through the whole window", async () => {
    const orders = await Promise.all(
      [1, 2, 3].map(() => deliveredOrder(agent, [{ listingId: world.cheapListingId }], { deliveredDaysAgo: 3.2 })),
    );
    // The earlier tests' orders (told already, lower ids) come first; one order a page, these still come.
    await sendCheckIns(new Date(), { days: 3, pageSize: 1 });
    for (const { shopper } of orders) expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(1);
  });

  test("the job runs under its lease, is recorded, and uses the admin's days", async () => {
    await db.revisitSettings.upsert({ where: { id: "default" }, create: { checkInDays: 5 }, update: { checkInDays: 5 } });
    const { orderId, shopper } = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 4 });
    await runCheckIns("CLI", "test-worker-a");
    expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(0);
    await setDeliveredAgo(orderId, 5.5);
    const runs = await Promise.all([runCheckIns("SCHEDULE", "test-worker-a"), runCheckIns("SCHEDULE", "test-worker-b")]);
    expect(runs.map((run) => run.outcome).sort()).toContain("OK");
    expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(1);
    expect(await db.jobRun.count({ where: { job: "check-ins" } })).toBeGreaterThanOrEqual(2);
    await db.revisitSettings.update({ where: { id: "default" }, data: { checkInDays: 3 } });
  });

  test("the check-in page offers what is still allowed, to the order's shopper only", async () => {
    const { orderId, shopper } = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 3 });
    const page = await respond(() => checkInLoader(args(getRequest(`/orders/${orderId}/check-in`, shopper.cookie), { id: orderId })));
    expect(page.status).toBe(200);
    const data = (await page.json()) as { actions: Record<string, boolean>; product: { title: string } };
    expect(data.actions).toEqual({ review: true, return: true, complaint: true });
    expect(data.product.title).toBe("头戴式耳机");

    const stranger = await sessionUser("SHOPPER");
    const hidden = await respond(() => checkInLoader(args(getRequest(`/orders/${orderId}/check-in`, stranger.cookie), { id: orderId })));
    expect(hidden.status).toBe(404);
  });
});

describe("npm run job -- check-ins", () => {
  function runCli(...cliArgs: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["jobs/cli/job.ts", ...cliArgs], { env: process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  }

  test("sends the due check-ins with progress on stderr, recorded as a CLI run; a second run sends none", async () => {
    const { shopper } = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 3.5 });
    const first = await runCli("check-ins", "--lang", "en");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/orders due a check-in: [1-9]\d* sent/);
    expect(first.stderr).toMatch(/check-ins: \d+\/\d+/);
    expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(1);
    const second = await runCli("check-ins", "--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ summary: { due: 0, sent: 0 } });
    expect(await notificationsOf(shopper.id, "CHECK_IN")).toHaveLength(1);
    expect(await db.jobRun.count({ where: { job: "check-ins", trigger: "CLI", outcome: "OK" } })).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

describe("re-order reminders", () => {
  let coffeeId: string;

  beforeAll(async () => {
    await db.category.create({ data: { slug: "coffee", nameZh: "咖啡", nameEn: "Coffee", taxCategory: "general" } });
    const listing = await createListing(world.storeId, { price: "20.00", weightGrams: 300 });
    coffeeId = listing.id;
    await db.listing.update({ where: { id: coffeeId }, data: { categorySlug: "coffee", titleZh: "咖啡豆" } });
    await db.categoryCadence.create({ data: { categorySlug: "coffee", days: 30 } });
  });

  test("a consumable delivered the cadence ago gets one reminder with today's landed price", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: coffeeId }], { deliveredDaysAgo: 29 });
    await sendReorderReminders();
    expect(await notificationsOf(shopper.id, "REORDER_REMINDER")).toHaveLength(0);

    await setDeliveredAgo(orderId, 30.5);
    await Promise.all([sendReorderReminders(), sendReorderReminders()]);
    await sendReorderReminders();
    const told = await notificationsOf(shopper.id, "REORDER_REMINDER");
    expect(told).toHaveLength(1);
    const landed = await quoteListingById(coffeeId);
    if (!landed?.outcome.ok) throw new Error("the coffee listing has no quote");
    expect(JSON.parse(told[0]?.params ?? "{}")).toMatchObject({ title: "咖啡豆", total: landed.outcome.quote.total, listingId: coffeeId });
    expect(told[0]?.link).toBe(`/listings/${coffeeId}`);
  });

  test("no reminder after the shopper ordered it again, nor for goods that are not consumables", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: coffeeId }], { deliveredDaysAgo: 31 });
    await deposit(shopper.id, 1_000_000);
    await placeNewOrder(shopper, coffeeId);
    const audio = await deliveredOrder(agent, [{ listingId: world.listingId }], { deliveredDaysAgo: 31 });
    await sendReorderReminders();
    expect(await notificationsOf(shopper.id, "REORDER_REMINDER")).toHaveLength(0);
    expect(await notificationsOf(audio.shopper.id, "REORDER_REMINDER")).toHaveLength(0);
    const item = await db.orderItem.findFirstOrThrow({ where: { orderId }, select: { id: true } });
    expect(await db.sentReminder.count({ where: { key: { contains: item.id } } })).toBe(0);
  });

  test("none while the listing is out of stock or unpublished; it comes once it is back on sale", async () => {
    const { shopper } = await deliveredOrder(agent, [{ listingId: coffeeId }], { deliveredDaysAgo: 32 });
    await db.listing.update({ where: { id: coffeeId }, data: { available: false } });
    await sendReorderReminders();
    await db.listing.update({ where: { id: coffeeId }, data: { available: true, status: "DRAFT" } });
    await sendReorderReminders();
    expect(await notificationsOf(shopper.id, "REORDER_REMINDER")).toHaveLength(0);
    await db.listing.update({ where: { id: coffeeId }, data: { status: "PUBLISHED" } });
    await sendReorderReminders();
    expect(await notificationsOf(shopper.id, "REORDER_REMINDER")).toHaveLength(1);
  });

  test("the job runs once across two workers and is recorded with its counts", async () => {
    const { shopper } = await deliveredOrder(agent, [{ listingId: coffeeId }], { deliveredDaysAgo: 33 });
    const runs = await Promise.all([runReorderReminders("SCHEDULE", "worker-a"), runReorderReminders("SCHEDULE", "worker-b")]);
    expect(runs.map((run) => run.outcome)).toContain("OK");
    expect(await notificationsOf(shopper.id, "REORDER_REMINDER")).toHaveLength(1);
    const recorded = await db.jobRun.findFirstOrThrow({ where: { job: "reorder-reminders", outcome: "OK" }, select: { counts: true } });
    expect(JSON.parse(recorded.counts ?? "{}")).toMatchObject({ sent: expect.any(Number), notOffered: expect.any(Number) });
  });
});

describe("restock alerts", () => {
  test("a watcher hears once per restock, even from two runs at once", async () => {
    const listing = await createListing(world.storeId, { price: "30.00", weightGrams: 300 });
    const watcher = await sessionUser("SHOPPER");
    await db.listingWatch.create({ data: { userId: watcher.id, listingId: listing.id } });
    const t0 = Date.now() - 10 * DAY_MS;
    await db.listing.update({ where: { id: listing.id }, data: { available: false } });
    await db.priceSnapshot.create({ data: { listingId: listing.id, price: "30.00", available: false, recordedAt: new Date(t0) } });
    // Still out of stock: nothing to tell.
    expect(await alertRestock(listing.id, new Date(t0 + DAY_MS))).toBe(0);

    await db.listing.update({ where: { id: listing.id }, data: { available: true } });
    const at = new Date(t0 + 2 * DAY_MS);
    await Promise.all([alertRestock(listing.id, at), alertRestock(listing.id, at)]);
    await alertRestock(listing.id, new Date(t0 + 3 * DAY_MS));
    const told = await notificationsOf(watcher.id, "RESTOCK");
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]?.params ?? "{}")).toMatchObject({ title: "头戴式耳机", listingId: listing.id, total: expect.any(String) });

    // Out of stock again, then back: a second alert.
    await db.priceSnapshot.create({
      data: { listingId: listing.id, price: "30.00", available: false, recordedAt: new Date(t0 + 4 * DAY_MS) },
    });
    await alertRestock(listing.id, new Date(t0 + 5 * DAY_MS));
    expect(await notificationsOf(watcher.id, "RESTOCK")).toHaveLength(2);
  });
});

describe("the settings page", () => {
  const post = (fields: Record<string, string>, cookie: string) =>
    respond(() => settingsAction(args(formRequest("/admin/reminders", fields, { cookie }))));

  test("shoppers and agents are refused", async () => {
    const shopper = await sessionUser("SHOPPER");
    for (const person of [shopper, agent]) {
      expect((await respond(() => settingsLoader(args(getRequest("/admin/reminders", person.cookie))))).status).toBe(403);
      expect((await post({ checkInDays: "4" }, person.cookie)).status).toBe(403);
    }
  });

  test("bad input is refused with a message at the field and nothing written", async () => {
    const before = await db.auditLog.count({ where: { entity: "RevisitSettings" } });
    const bad: Record<string, string>[] = [
      { checkInDays: "0" },
      { checkInDays: "abc" },
      { checkInDays: "1e3" },
      { checkInDays: "3", "cadences[0].slug": "audio", "cadences[0].days": "400" },
      { checkInDays: "3", "cadences[0].slug": "no-such-category", "cadences[0].days": "10" },
    ];
    for (const fields of bad) {
      const response = await post(fields, admin.cookie);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Record<string, string[]> };
      expect(Object.values(body.errors).flat()[0]).toMatch(/^revisits:errors\./);
    }
    expect(await db.auditLog.count({ where: { entity: "RevisitSettings" } })).toBe(before);
    expect(await db.categoryCadence.findUnique({ where: { categorySlug: "audio" } })).toBeNull();
  });

  test("an admin sets the days and cadences (blank clears one), audited", async () => {
    const saved = await post(
      { checkInDays: "4", "cadences[0].slug": "audio", "cadences[0].days": "60", "cadences[1].slug": "coffee", "cadences[1].days": "" },
      admin.cookie,
    );
    expect(saved.status).toBe(302);
    expect((await db.revisitSettings.findUniqueOrThrow({ where: { id: "default" } })).checkInDays).toBe(4);
    expect((await db.categoryCadence.findUniqueOrThrow({ where: { categorySlug: "audio" } })).days).toBe(60);
    expect(await db.categoryCadence.findUnique({ where: { categorySlug: "coffee" } })).toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "RevisitSettings" }, orderBy: { createdAt: "desc" } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ checkInDays: 4, cadences: { audio: 60 } });
    const page = await respond(() => settingsLoader(args(getRequest("/admin/reminders", admin.cookie))));
    const data = (await page.json()) as { checkInDays: number; categories: { slug: string; days: number | null }[] };
    expect(data.checkInDays).toBe(4);
    expect(data.categories).toEqual(expect.arrayContaining([expect.objectContaining({ slug: "audio", days: 60 })]));
  });
});
