import crypto from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { jobRegistry } from "../../jobs/registry";
import type { Mail, MailTransport } from "~/integrations/mail.server";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { autoCompleteOrders, nudgeStaleOrders } from "~/services/order-jobs.server";
import { MAX_MAIL_ATTEMPTS, runMailer, sendOutbox } from "~/services/outbox.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createTestUser, getRequest, respond } from "./helpers";

const args = (request: Request) => ({ request, params: {}, context: {} });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2024-06-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let sequence = 0;
type OrderFields = { status: string; deliveredAt?: Date; lastEventAt?: Date; nudgedAt?: Date | null; agentId?: string | null };

/** An order row as checkout would leave it, in the given status; no quote is needed for these moves. */
async function createOrder(userId: string, fields: OrderFields) {
  sequence += 1;
  return db.order.create({
    data: {
      number: `GB2406${String(sequence).padStart(6, "0")}${crypto.randomInt(100, 999)}`,
      userId,
      idempotencyKey: crypto.randomUUID(),
      quoteId: crypto.randomUUID(),
      storeName: "Test Store",
      currency: "USD",
      shippingLineCode: "us-air-general",
      customsRegime: "POSTAL",
      totalFen: 30_000,
      paidFen: 30_000,
      address: JSON.stringify({
        name: "张三",
        phone: "13800000000",
        province: "上海市",
        city: "上海市",
        district: "浦东新区",
        line: "世纪大道 1 号",
      }),
      ...fields,
    },
    select: { id: true, number: true },
  });
}

const statusOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const nudgesFor = (userId: string, orderId: string) =>
  db.notification.findMany({ where: { userId, kind: "ORDER_NUDGE", link: `/orders/${orderId}` } });

describe("orders complete by themselves after delivery", () => {
  const days = getEnv().ORDER_AUTO_COMPLETE_DAYS;

  test("a delivered order past the window is completed by the system and the shopper told; a younger one is left alone", async () => {
    const shopper = await createTestUser("SHOPPER");
    const due = await createOrder(shopper.id, { status: "DELIVERED", deliveredAt: ago(days * DAY + HOUR) });
    const young = await createOrder(shopper.id, { status: "DELIVERED", deliveredAt: ago(days * DAY - HOUR) });
    const shipped = await createOrder(shopper.id, { status: "SHIPPED" });

    const { counts } = await autoCompleteOrders(NOW);

    expect(counts).toMatchObject({ completed: 1, failed: 0 });
    expect(await statusOf(due.id)).toBe("COMPLETED");
    expect(await statusOf(young.id)).toBe("DELIVERED");
    expect(await statusOf(shipped.id)).toBe("SHIPPED");
    const events = await db.orderEvent.findMany({ where: { orderId: due.id } });
    expect(events).toEqual([
      expect.objectContaining({ actorRole: "SYSTEM", actorId: null, fromStatus: "DELIVERED", toStatus: "COMPLETED" }),
    ]);
    expect(await db.notification.count({ where: { userId: shopper.id, kind: "ORDER_COMPLETED", link: `/orders/${due.id}` } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { to: shopper.email } })).toBe(1);

    // The younger one's turn comes once its window has passed.
    await autoCompleteOrders(new Date(NOW.getTime() + 2 * HOUR));
    expect(await statusOf(young.id)).toBe("COMPLETED");
  });

  test("two runs at once complete each order once; the run that loses counts it and carries on with the rest", async () => {
    const shopper = await createTestUser("SHOPPER");
    const orders = await Promise.all(
      Array.from({ length: 4 }, () => createOrder(shopper.id, { status: "DELIVERED", deliveredAt: ago(days * DAY + DAY) })),
    );

    const [a, b] = await Promise.all([autoCompleteOrders(NOW), autoCompleteOrders(NOW)]);

    expect(a.counts.completed + b.counts.completed).toBe(4);
    expect(a.counts.failed + b.counts.failed).toBe(a.counts.due + b.counts.due - 4);
    for (const order of orders) {
      expect(await statusOf(order.id)).toBe("COMPLETED");
      expect(await db.orderEvent.count({ where: { orderId: order.id, toStatus: "COMPLETED" } })).toBe(1);
    }
  });

  test("npm run job -- orders-complete reports what it did and exits 0", async () => {
    const run = await jobRegistry["orders-complete"]!.run({ trigger: "CLI", holder: "test" });
    const report = jobRegistry["orders-complete"]!.report(run);
    expect(run.outcome).toBe("OK");
    expect(report).toMatchObject({ exitCode: 0, key: "ordersCompleteDone", params: { failed: 0 } });
    expect(await db.jobRun.count({ where: { job: "orders-complete", outcome: "OK" } })).toBe(1);
  });
});

describe("stale orders nudge the agent", () => {
  const hours = getEnv().ORDER_STALE_HOURS;

  test("the agent is told once per silence, by notification and mail; a later event makes the order eligible again", async () => {
    const [shopper, agent] = [await createTestUser("SHOPPER"), await createTestUser("AGENT")];
    const stale = await createOrder(shopper.id, { status: "PURCHASING", agentId: agent.id, lastEventAt: ago((hours + 1) * HOUR) });
    const fresh = await createOrder(shopper.id, { status: "PURCHASING", agentId: agent.id, lastEventAt: ago(HOUR) });
    const delivered = await createOrder(shopper.id, { status: "DELIVERED", agentId: agent.id, lastEventAt: ago(10 * DAY) });

    const first = await nudgeStaleOrders(NOW);

    expect(first.counts).toMatchObject({ nudged: 1, failed: 0 });
    const nudges = await nudgesFor(agent.id, stale.id);
    expect(nudges).toHaveLength(1);
    expect(JSON.parse(nudges[0]!.params)).toEqual({ number: stale.number, hours: hours + 1 });
    expect((await db.emailOutbox.findFirstOrThrow({ where: { to: agent.email } })).body).toContain(stale.number);
    expect(await nudgesFor(agent.id, fresh.id)).toHaveLength(0);
    expect(await nudgesFor(agent.id, delivered.id)).toHaveLength(0);
    // The shopper is not bothered with the nudge.
    expect(await db.notification.count({ where: { userId: shopper.id, kind: "ORDER_NUDGE" } })).toBe(0);

    await nudgeStaleOrders(new Date(NOW.getTime() + 5 * HOUR));
    expect(await nudgesFor(agent.id, stale.id)).toHaveLength(1);
    expect(await db.emailOutbox.count({ where: { to: agent.email } })).toBe(1);

    // The agent posts an update, then goes silent again: a new silence, a new nudge.
    await db.order.update({ where: { id: stale.id }, data: { lastEventAt: new Date(NOW.getTime() + HOUR) } });
    await nudgeStaleOrders(new Date(NOW.getTime() + (hours + 2) * HOUR));
    expect(await nudgesFor(agent.id, stale.id)).toHaveLength(2);
  });

  test("a paid order nobody has claimed goes to every admin, once", async () => {
    const shopper = await createTestUser("SHOPPER");
    await createTestUser("ADMIN");
    await createTestUser("ADMIN");
    const unclaimed = await createOrder(shopper.id, { status: "PAID", agentId: null, lastEventAt: ago((hours + 3) * HOUR) });

    const run = await nudgeStaleOrders(NOW);
    await nudgeStaleOrders(NOW);

    expect(run.counts.escalated).toBeGreaterThanOrEqual(1);
    const admins = await db.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
    for (const admin of admins) expect(await nudgesFor(admin.id, unclaimed.id)).toHaveLength(1);
  });

  test("two runs at once nudge once", async () => {
    const [shopper, agent] = [await createTestUser("SHOPPER"), await createTestUser("AGENT")];
    const stale = await createOrder(shopper.id, { status: "SHIPPED", agentId: agent.id, lastEventAt: ago(4 * DAY) });
    await Promise.all([nudgeStaleOrders(NOW), nudgeStaleOrders(NOW)]);
    expect(await nudgesFor(agent.id, stale.id)).toHaveLength(1);
  });
});

/** Records what it was given; fails for any recipient listed in `failFor`, optionally slowly. */
function fakeTransport(options: { failFor?: string[]; delayMs?: number } = {}) {
  const sent: Mail[] = [];
  const transport: MailTransport = {
    async send(mail) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.failFor?.includes(mail.to)) throw new Error(`550 mailbox unavailable: ${mail.to}`);
      sent.push(mail);
    },
  };
  return { transport, sent };
}

async function queueMail(to: string, subject: string, createdAt = new Date()) {
  return db.emailOutbox.create({ data: { to, subject, body: `正文：${subject}\n第二行`, createdAt } });
}

describe("the mailer", () => {
  beforeEach(async () => {
    await db.emailOutbox.deleteMany();
    await db.jobLease.deleteMany();
  });

  test("sends pending mail oldest first from MAIL_FROM and marks it sent", async () => {
    const oldest = await queueMail("a@example.com", "one", ago(3 * HOUR));
    const middle = await queueMail("b@example.com", "two", ago(2 * HOUR));
    const newest = await queueMail("c@example.com", "three", ago(HOUR));
    const { transport, sent } = fakeTransport();

    const counts = await sendOutbox({ transport, batch: 2, now: () => NOW });

    expect(counts).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    expect(sent).toEqual([
      { from: getEnv().MAIL_FROM, to: "a@example.com", subject: "one", text: "正文：one\n第二行" },
      expect.objectContaining({ to: "b@example.com" }),
    ]);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: oldest.id } })).toMatchObject({ status: "SENT", sentAt: NOW });
    expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: middle.id } })).status).toBe("SENT");
    expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: newest.id } })).status).toBe("PENDING");

    await sendOutbox({ transport });
    expect(sent.map((mail) => mail.subject)).toEqual(["one", "two", "three"]);
  });

  test("a failing mail is retried on later runs once due and marked FAILED after the last attempt; the others still go out", async () => {
    const bad = await queueMail("bounce@example.com", "bad");
    await queueMail("ok@example.com", "good");
    const { transport, sent } = fakeTransport({ failFor: ["bounce@example.com"] });

    const first = await sendOutbox({ transport });
    expect(first).toMatchObject({ sent: 1, retrying: 1, failed: 0 });
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "550 mailbox unavailable: bounce@example.com",
    });

    // Not due yet: a run at once leaves it alone; each later run is past the longest back-off (four hours).
    expect(await sendOutbox({ transport })).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    const later = (run: number) => () => new Date(Date.now() + run * 5 * HOUR);
    for (let run = 2; run <= MAX_MAIL_ATTEMPTS; run += 1) await sendOutbox({ transport, now: later(run) });
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({
      status: "FAILED",
      attempts: MAX_MAIL_ATTEMPTS,
      nextAttemptAt: null,
      sentAt: null,
    });

    const after = await sendOutbox({ transport: fakeTransport().transport, now: later(MAX_MAIL_ATTEMPTS + 1) });
    expect(after).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(sent.map((mail) => mail.to)).toEqual(["ok@example.com"]);
  });

  test("two mailers running at once never send one mail twice", async () => {
    for (let index = 0; index < 20; index += 1) await queueMail(`user${index}@example.com`, `mail ${index}`);
    const one = fakeTransport({ delayMs: 2 });
    const two = fakeTransport({ delayMs: 3 });

    await Promise.all([sendOutbox({ transport: one.transport }), sendOutbox({ transport: two.transport })]);

    const subjects = [...one.sent, ...two.sent].map((mail) => mail.subject);
    expect(subjects).toHaveLength(20);
    expect(new Set(subjects).size).toBe(20);
    expect(await db.emailOutbox.count({ where: { status: "SENT" } })).toBe(20);
  });

  test("without SMTP the job leaves mail pending and says so, which is not a failure", async () => {
    await queueMail("a@example.com", "waiting");
    expect(getEnv().SMTP_URL).toBeUndefined();

    const run = await jobRegistry.mailer!.run({ trigger: "CLI", holder: "test" });
    const report = jobRegistry.mailer!.report(run);

    expect(run).toMatchObject({ outcome: "OK", counts: { waitingNoSmtp: 1 } });
    expect(report).toMatchObject({ exitCode: 0, key: "mailerNoSmtp", params: { waiting: 1 } });
    expect((await db.emailOutbox.findFirstOrThrow()).status).toBe("PENDING");
  });

  test("the job puts back mail a crashed mailer left mid-send, and reports a dead SMTP server as a failed run", async () => {
    const stuck = await queueMail("a@example.com", "stuck");
    await db.emailOutbox.update({ where: { id: stuck.id }, data: { status: "SENDING" } });
    const { transport } = fakeTransport({ failFor: ["a@example.com"] });

    const run = await runMailer("MANUAL", "test", { transport });

    expect(run.outcome).toBe("FAILED");
    expect(run.counts).toMatchObject({ requeued: 1, retrying: 1 });
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(jobRegistry.mailer!.report(run)).toMatchObject({ exitCode: 2, key: "mailerFailed" });
  });
});

describe("/admin/outbox", () => {
  beforeEach(async () => {
    await db.emailOutbox.deleteMany();
  });

  type Page = {
    status: string;
    smtpConfigured: boolean;
    mails: { to: string; subject: string; body: string; status: string; attempts: number; lastError: string | null }[];
    totals: Record<string, number>;
  };
  const page = async (path: string, cookie: string) =>
    (await (await respond(() => outboxLoader(args(getRequest(path, cookie))))).json()) as Page;

  test("a shopper is refused", async () => {
    const shopper = await createTestUser("SHOPPER");
    expect((await respond(() => outboxLoader(args(getRequest("/admin/outbox", shopper.cookie))))).status).toBe(403);
  });

  test("an admin reads the mail, newest first, and can show only one status", async () => {
    const admin = await createTestUser("ADMIN");
    await queueMail("old@example.com", "older", ago(2 * HOUR));
    const failed = await queueMail("bounce@example.com", "bounced", ago(HOUR));
    await db.emailOutbox.update({ where: { id: failed.id }, data: { status: "FAILED", attempts: 5, lastError: "550 no such user" } });

    const all = await page("/admin/outbox", admin.cookie);
    expect(all.smtpConfigured).toBe(false);
    expect(all.mails.map((mail) => mail.subject)).toEqual(["bounced", "older"]);
    expect(all.mails[1]).toMatchObject({ to: "old@example.com", body: "正文：older\n第二行", status: "PENDING" });
    expect(all.totals).toMatchObject({ all: 2, PENDING: 1, FAILED: 1 });

    const onlyFailed = await page("/admin/outbox?status=FAILED", admin.cookie);
    expect(onlyFailed.mails).toEqual([expect.objectContaining({ subject: "bounced", attempts: 5, lastError: "550 no such user" })]);

    const bogus = await page("/admin/outbox?status=nonsense", admin.cookie);
    expect(bogus.status).toBe("all");
    expect(bogus.mails).toHaveLength(2);
  });
});
