import { z } from "zod";
import { fromColumn, fromJsonColumn } from "~/domain/stored";
import { classifyMailFailure, MAX_MAIL_ATTEMPTS, nextMailAttempt, type MailFailure } from "~/domain/mail-retry";
import { MailSendError, smtpTransport, type MailTransport } from "~/integrations/mail.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { runWithLease, type JobResult, type JobTrigger } from "./jobs.server";

// Mail is written to EmailOutbox in the same transaction as whatever it reports, and sent later by
// the mailer job. A row is PENDING until sent (SENT) or given up on (FAILED); while one sender has
// it, it is SENDING, which no other sender touches.

export const OUTBOX_STATUSES = ["PENDING", "SENDING", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
const outboxStatusSchema = z.enum(OUTBOX_STATUSES);

export { MAX_MAIL_ATTEMPTS } from "~/domain/mail-retry";
const MAX_ERROR_CHARS = 500;
const mailHeadersSchema = z.record(z.string(), z.string());

export type SendCounts = {
  sent: number;
  /** Failed this time, tried again later (nextAttemptAt set). */
  retrying: number;
  /** Given up: refused for good, or the last attempt of the schedule. */
  failed: number;
  /** Claimed by another sender first. */
  skipped: number;
  /** Due but not tried: the run stopped at a server that could not be used at all. */
  deferred: number;
};
export type SendOptions = { transport: MailTransport; batch?: number; now?: () => Date; from?: string; signal?: AbortSignal };

function errorText(error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

function failureOf(error: unknown): MailFailure {
  if (error instanceof MailSendError) return error;
  return {};
}

/** PENDING and due: never tried, put back for at once, or its back-off is over. */
const dueWhere = (now: Date) => ({ status: "PENDING", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] });

/**
 * Sends up to `batch` due PENDING mails, oldest first. Each row is claimed with a conditional update
 * before it is sent, so two senders running at once never send one mail twice. A refusal for good
 * (5xx on the recipient or message) marks the mail FAILED at once; any other failure schedules the
 * next attempt (~/domain/mail-retry) until the schedule's last one marks it FAILED. A server that
 * cannot be used at all (down, slow, login refused) ends the run: the rest would only wait for the
 * same timeout, and they are tried on the next run.
 */
export async function sendOutbox(options: SendOptions) {
  const { transport, batch = 50, now = () => new Date(), from = getEnv().MAIL_FROM, signal } = options;
  const rows = await db.emailOutbox.findMany({
    where: dueWhere(now()),
    select: { id: true, to: true, subject: true, body: true, html: true, headers: true, attempts: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: batch,
  });
  const counts: SendCounts = { sent: 0, retrying: 0, failed: 0, skipped: 0, deferred: 0 };
  for (const [index, row] of rows.entries()) {
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
      const kind = classifyMailFailure(failureOf(error));
      const attempts = row.attempts + 1;
      const next = kind === "permanent" ? null : nextMailAttempt(attempts, now());
      await db.emailOutbox.update({
        where: { id: row.id },
        data: { status: next ? "PENDING" : "FAILED", attempts, nextAttemptAt: next, lastError: errorText(error) },
      });
      counts[next ? "retrying" : "failed"] += 1;
      if (kind === "unavailable") {
        counts.deferred += rows.length - index - 1;
        break;
      }
      continue;
    }
    await db.emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: now(), nextAttemptAt: null } });
    counts.sent += 1;
  }
  return counts;
}

/**
 * SENDING rows left by a sender that died mid-send. Only safe while holding the mailer's lease (no
 * other sender can be running then). Whether such a mail left is unknown: it is sent again at once,
 * since a duplicate notice is better than a lost one, and the interruption counts as a failed attempt.
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
        nextAttemptAt: null,
        lastError: "the mailer stopped while sending this mail",
      },
    });
  }
  return stuck.length;
}

export const MAILER_JOB = "mailer";
const MAILER_LEASE_MS = 2 * 60_000;

export type MailerCounts = SendCounts & {
  /** PENDING mails whose next attempt is later (backing off after a failure). */
  waiting: number;
};
export type MailerOutcome = { configured: false; waiting: number } | { configured: true; counts: MailerCounts; requeued: number };
export type MailerOptions = { transport?: MailTransport | null; now?: () => Date };

/**
 * The mailer under its lease: the worker, the CLI and the admin's "run now" all call this. Without
 * SMTP_URL nothing is sent and that is not a failure: the mail waits, readable at /admin/outbox.
 */
export function runMailer(trigger: JobTrigger, holder: string, options: MailerOptions = {}) {
  const transport = options.transport === undefined ? smtpTransport() : options.transport;
  const now = options.now ?? (() => new Date());
  return runWithLease(
    MAILER_JOB,
    trigger,
    async ({ signal }): Promise<JobResult<MailerOutcome>> => {
      if (!transport) {
        const waiting = await db.emailOutbox.count({ where: { status: "PENDING" } });
        return { outcome: "OK", counts: { waitingNoSmtp: waiting }, value: { configured: false, waiting } };
      }
      const requeued = await requeueInterrupted();
      const sent = await sendOutbox({ transport, signal, now });
      const waiting = await db.emailOutbox.count({ where: { status: "PENDING", nextAttemptAt: { gt: now() } } });
      const counts: MailerCounts = { ...sent, waiting };
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
        nextAttemptAt: true,
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

export type RetryOutcome = { ok: true } | { ok: false; reason: "notFound" | "notRetryable" };

/**
 * An admin asks for a mail to be tried on the next run (audited). A FAILED mail gets a whole new
 * schedule (attempts back to 0); a PENDING one waiting for its next attempt keeps its count and waits
 * no more. Conditional updates: a mail being sent, or sent meanwhile, is left alone, and two admins
 * clicking at once change it once.
 */
export async function retryMail(actor: SessionUser, id: string): Promise<RetryOutcome> {
  return db.$transaction(async (tx): Promise<RetryOutcome> => {
    const mail = await tx.emailOutbox.findUnique({ where: { id }, select: { status: true, attempts: true, nextAttemptAt: true } });
    if (!mail) return { ok: false, reason: "notFound" };
    const failed = await tx.emailOutbox.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: null },
    });
    const changed =
      failed.count === 1
        ? failed
        : await tx.emailOutbox.updateMany({
            where: { id, status: "PENDING", nextAttemptAt: { not: null } },
            data: { nextAttemptAt: null },
          });
    if (changed.count !== 1) return { ok: false, reason: "notRetryable" };
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        entity: "EmailOutbox",
        entityId: id,
        action: "retry",
        before: JSON.stringify(mail),
        after: JSON.stringify({ status: "PENDING", attempts: failed.count === 1 ? 0 : mail.attempts, nextAttemptAt: null }),
      },
    });
    return { ok: true };
  });
}
