import { db } from "~/utils/db.server";

export type NotificationParams = Record<string, string | number | boolean | null>;
export type OutgoingEmail = { to: string; subject: string; body: string };

/**
 * Records an in-app notification and, optionally, the matching email in the outbox, in one
 * transaction: a user never gets the mail without the notification or the other way round.
 * `kind` names a locale key (the page renders it with `params`); the mailer job sends the outbox.
 */
export async function notify(userId: string, kind: string, params: NotificationParams = {}, link?: string | null, email?: OutgoingEmail) {
  return db.$transaction(async (tx) => {
    const notification = await tx.notification.create({
      data: { userId, kind, params: JSON.stringify(params), link: link ?? null },
      select: { id: true },
    });
    const outbox = email
      ? await tx.emailOutbox.create({ data: { to: email.to, subject: email.subject, body: email.body }, select: { id: true } })
      : null;
    return { notificationId: notification.id, emailId: outbox?.id ?? null };
  });
}

/** A user's notifications, newest first; only their own. */
export async function listNotifications(userId: string, options: { unreadOnly?: boolean; take?: number } = {}) {
  const rows = await db.notification.findMany({
    where: { userId, ...(options.unreadOnly ? { readAt: null } : {}) },
    select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
  });
  return rows.map((row) => ({ ...row, params: JSON.parse(row.params) as NotificationParams }));
}

/** Marks the given notifications read; scoped by owner so ids of others do nothing. */
export async function markNotificationsRead(userId: string, ids: string[], now = new Date()) {
  const result = await db.notification.updateMany({ where: { userId, id: { in: ids }, readAt: null }, data: { readAt: now } });
  return result.count;
}

export async function countUnread(userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}
