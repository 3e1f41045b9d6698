import { beforeEach, describe, expect, test } from "vitest";
import type { MailTransport } from "~/integrations/mail.server";
import { action as outboxAction, loader as outboxLoader } from "~/routes/admin.outbox";
import { sendOutbox } from "~/services/outbox.server";
import { db } from "~/utils/db.server";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";

// The admin's "retry now" on /admin/outbox: a given-up or waiting mail goes on the next run, once.

const args = (request: Request) => ({ request, params: {}, context: {} });
const HOUR = 3_600_000;
const later = new Date(Date.now() + 2 * HOUR);

async function queueMail(
  subject: string,
  data: { status?: string; attempts?: number; nextAttemptAt?: Date | null; lastError?: string } = {},
) {
  return db.emailOutbox.create({ data: { to: "shopper@example.com", subject, body: subject, ...data } });
}

const retry = (id: string, cookie: string, path = "/admin/outbox") =>
  respond(() => outboxAction(args(formRequest(path, { intent: "retry", id }, { cookie }))));

const row = (id: string) =>
  db.emailOutbox.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, nextAttemptAt: true } });

function recordingTransport() {
  const sent: string[] = [];
  const transport: MailTransport = {
    async send(mail) {
      sent.push(mail.subject);
    },
  };
  return { transport, sent };
}

describe("/admin/outbox retry now", () => {
  beforeEach(async () => {
    await db.emailOutbox.deleteMany();
    await db.auditLog.deleteMany({ where: { entity: "EmailOutbox" } });
  });

  test("the page shows when a waiting mail is tried next", async () => {
    const admin = await createTestUser("ADMIN");
    await queueMail("waiting", { attempts: 3, nextAttemptAt: later, lastError: "421 try later" });
    const page = (await (await respond(() => outboxLoader(args(getRequest("/admin/outbox", admin.cookie))))).json()) as {
      mails: { nextAttemptAt: string | null; attempts: number; lastError: string | null }[];
    };
    expect(page.mails).toEqual([expect.objectContaining({ attempts: 3, nextAttemptAt: later.toISOString(), lastError: "421 try later" })]);
  });

  test("a FAILED mail gets a whole new schedule and goes on the next run; the change is audited", async () => {
    const admin = await createTestUser("ADMIN");
    const mail = await queueMail("bounced", { status: "FAILED", attempts: 16, lastError: "550 user unknown" });

    const response = await retry(mail.id, admin.cookie, "/admin/outbox?status=FAILED");

    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/outbox?status=FAILED&retried=1");
    expect(await row(mail.id)).toEqual({ status: "PENDING", attempts: 0, nextAttemptAt: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "EmailOutbox", entityId: mail.id } });
    expect(audit).toMatchObject({ actorId: admin.id, action: "retry" });
    expect(JSON.parse(audit.before ?? "{}")).toMatchObject({ status: "FAILED", attempts: 16 });

    const { transport, sent } = recordingTransport();
    await sendOutbox({ transport });
    expect(sent).toEqual(["bounced"]);
  });

  test("a PENDING mail waiting for its next attempt waits no more, and keeps its count", async () => {
    const admin = await createTestUser("ADMIN");
    const mail = await queueMail("waiting", { attempts: 4, nextAttemptAt: later });

    expect((await retry(mail.id, admin.cookie)).status).toBe(302);
    expect(await row(mail.id)).toEqual({ status: "PENDING", attempts: 4, nextAttemptAt: null });
  });

  test("a mail being sent or sent already is left alone; twice at once changes it once", async () => {
    const admin = await createTestUser("ADMIN");
    const sending = await queueMail("sending", { status: "SENDING", attempts: 2 });
    const sent = await queueMail("sent", { status: "SENT" });
    const failed = await queueMail("failed", { status: "FAILED", attempts: 16 });

    expect((await retry(sending.id, admin.cookie)).status).toBe(409);
    expect((await retry(sent.id, admin.cookie)).status).toBe(409);
    expect(await row(sending.id)).toMatchObject({ status: "SENDING", attempts: 2 });

    const statuses = (await Promise.all([retry(failed.id, admin.cookie), retry(failed.id, admin.cookie)])).map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409]);
    expect(await db.auditLog.count({ where: { entity: "EmailOutbox", entityId: failed.id } })).toBe(1);
  });

  test("bad input is a 400 or 404, a shopper is refused, nothing changes", async () => {
    const admin = await createTestUser("ADMIN");
    const shopper = await createTestUser("SHOPPER");
    const mail = await queueMail("bounced", { status: "FAILED", attempts: 16 });

    expect((await retry(mail.id, shopper.cookie)).status).toBe(403);
    expect((await retry("x".repeat(65), admin.cookie)).status).toBe(400);
    expect((await retry("no-such-mail", admin.cookie)).status).toBe(404);
    const wrongIntent = await respond(() =>
      outboxAction(args(formRequest("/admin/outbox", { intent: "delete", id: mail.id }, { cookie: admin.cookie }))),
    );
    expect(wrongIntent.status).toBe(400);
    expect(await row(mail.id)).toMatchObject({ status: "FAILED", attempts: 16 });
  });
});
