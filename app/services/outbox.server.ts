import { z } from "zod";
import { fromColumn, fromJsonColumn } from "~/domain/stored";
import { smtpTransport, type MailTransport } from "~/integrations/mail.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { runWithLease, type JobResult, type JobTrigger } from "./jobs.server";

// Mail is written to EmailOutbox in the same transaction as whatever it reports, and sent later by
// the mailer job. A row is PENDING until sent (SENT) or given up on (FAILED); while one sender has
// it, it is SENDING, which no other sender touches.

export const OUTBOX_STATUSES = ["PENDING", "SENDING", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
const outboxStatusSchema = z.enum(OUTBOX_STATUSES);

export const MAX_MAIL_ATTEMPTS = 5;
const MAX_ERROR_CHARS = 500;
const mailHeadersSchema = z.record(z.string(), z.string());

export type SendCounts = { sent: number; retrying: number; failed: number; skipped: number };
export type SendOptions = { transport: MailTransport; batch?: number; now?: () => Date; from?: string; signal?: AbortSignal };

function errorText(error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/**
 * Sends up to `batch` PENDING mails, oldest first. Each row is claimed with a conditional update
 * before it is sent, so two senders running at once never send one mail twice. A failure puts the
 * mail back for the next run; the MAX_MAIL_ATTEMPTS-th failure marks it FAILED.
 */
export async function sendOutbox(options: SendOptions) {
  const { transport, batch = 50, now = () => new Date(), from = getEnv().MAIL_FROM, signal } = options;
  const rows = await db.emailOutbox.findMany({
    where: { status: "PENDING" },
    select: { id: true, to: true, subject: true, body: true, html: true, headers: true, attempts: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: batch,
  });
  const counts: SendCounts = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const row of rows) {
    if (signal?.aborted) break;
    // `attempts` in the condition too: a row another sender failed and put back since our read is theirs to count.
    const claimed = await db.emailOutbox.updateMany({
      where: { id: row.id, status: "PENDING", attempts: row.attempts },
      data: { status: "SENDING" },
    });
    if (claimed.count === 0) {
      counts.skipped += 1;
      continue;
    }
    try {
      const headers = row.headers === null ? undefined : fromJsonColumn(mailHeadersSchema, "EmailOutbox.headers", row.headers);
      await transport.send({ from, to: row.to, subject: row.subject, text: row.body, html: row.html ?? undefined, headers });
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= MAX_MAIL_ATTEMPTS;
      await db.emailOutbox.update({
        where: { id: row.id },
        data: { status: gaveUp ? "FAILED" : "PENDING", attempts, lastError: errorText(error) },
      });
      counts[gaveUp ? "failed" : "retrying"] += 1;
      continue;
    }
    await db.emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: now() } });
    counts.sent += 1;
  }
  return counts;
}

/**
 * SENDING rows left by a sender that died mid-send. Only safe while holding the mailer's lease (no
 * other sender can be running then). Whether such a mail left is unknown: it is sent again, since
 * a duplicate notice is better than a lost one, and the interruption counts as a failed attempt.
 */
async function requeueInterrupted() {
  const stuck = await db.emailOutbox.findMany({ where: { status: "SENDING" }, select: { id: true, attempts: true } });
  for (const row of stuck) {
    const attempts = row.attempts + 1;
    await db.emailOutbox.updateMany({
      where: { id: row.id, status: "SENDING" },
      data: {
        status: attempts >= MAX_MAIL_ATTEMPTS ? "FAILED" : "PENDING",
        attempts,
        lastError: "the mailer stopped while sending this mail",
      },
    });
  }
  return stuck.length;
}

export const MAILER_JOB = "mailer";
const MAILER_LEASE_MS = 2 * 60_000;

export type MailerOutcome = { configured: false; waiting: number } | { configured: true; counts: SendCounts; requeued: number };

/**
 * The mailer under its lease: the worker, the CLI and the admin's "run now" all call this. Without
 * SMTP_URL nothing is sent and that is not a failure: the mail waits, readable at /admin/outbox.
 */
export function runMailer(trigger: JobTrigger, holder: string, options: { transport?: MailTransport | null } = {}) {
  const transport = options.transport === undefined ? smtpTransport() : options.transport;
  return runWithLease(
    MAILER_JOB,
    trigger,
    async ({ signal }): Promise<JobResult<MailerOutcome>> => {
      if (!transport) {
        const waiting = await db.emailOutbox.count({ where: { status: "PENDING" } });
        return { outcome: "OK", counts: { waitingNoSmtp: waiting }, value: { configured: false, waiting } };
      }
      const requeued = await requeueInterrupted();
      const counts = await sendOutbox({ transport, signal });
      const tried = counts.sent + counts.retrying + counts.failed;
      const failures = counts.retrying + counts.failed;
      const outcome = failures === 0 ? "OK" : failures < tried ? "PARTIAL" : "FAILED";
      return {
        outcome,
        counts: { ...counts, requeued },
        error: failures ? `${failures} of ${tried} mails could not be sent` : null,
        value: { configured: true, counts, requeued },
      };
    },
    { ttlMs: MAILER_LEASE_MS, holder },
  );
}

export type OutboxFilter = Exclude<OutboxStatus, "SENDING"> | "all";

/** The admin's view of the outbox: newest first, optionally one status. */
export async function listOutbox(filter: OutboxFilter, take = 100) {
  const [mails, groups] = await Promise.all([
    db.emailOutbox.findMany({
      where: filter === "all" ? {} : { status: filter },
      select: {
        id: true,
        to: true,
        subject: true,
        body: true,
        status: true,
        attempts: true,
        lastError: true,
        sentAt: true,
        createdAt: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
    }),
    db.emailOutbox.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const status = (value: string) => fromColumn(outboxStatusSchema, "EmailOutbox.status", value);
  const totals: Partial<Record<OutboxStatus, number>> = Object.fromEntries(
    groups.map((group) => [status(group.status), group._count._all]),
  );
  return { mails: mails.map((mail) => ({ ...mail, status: status(mail.status) })), totals };
}
