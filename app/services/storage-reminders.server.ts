import { storageReminderDue, storageTerms } from "~/domain/orders/storage";
import { db } from "~/utils/db.server";
import { resultOf } from "./check-ins.server";
import { runWithLease, type JobTrigger } from "./jobs.server";
import { notifyAboutOrder } from "./order-events.server";

// Free storage ending (app/domain/orders/storage.ts): a shopper whose goods wait at the warehouse hears,
// STORAGE_REMINDER_DAYS before their free storage ends, the day it ends and what happens then. Once per
// order: Order.storageRemindedAt is claimed by a conditional update in the notification's transaction,
// so two workers, a retry or a second run never send a second reminder.

const PAGE = 500;

export type StorageReminderCounts = { due: number; sent: number; skipped: number; failed: number };

export async function sendStorageReminders(now = new Date(), options: { signal?: AbortSignal; pageSize?: number } = {}) {
  const counts: StorageReminderCounts = { due: 0, sent: 0, skipped: 0, failed: 0 };
  const errors: string[] = [];
  const page = options.pageSize ?? PAGE;
  for (let cursor: string | undefined; !options.signal?.aborted;) {
    const orders = await db.order.findMany({
      where: { status: "AT_WAREHOUSE", storageRemindedAt: null, arrivedAt: { not: null }, freeStorageDays: { not: null } },
      select: { id: true, number: true, userId: true, arrivedAt: true, freeStorageDays: true, user: { select: { email: true } } },
      orderBy: { id: "asc" },
      take: page,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    cursor = orders.at(-1)?.id;
    for (const order of orders) {
      if (options.signal?.aborted) break;
      if (!order.arrivedAt || order.freeStorageDays === null) continue;
      const terms = storageTerms(order.arrivedAt, order.freeStorageDays);
      if (!storageReminderDue(terms, now)) continue;
      counts.due += 1;
      try {
        const sent = await db.$transaction(async (tx) => {
          const claimed = await tx.order.updateMany({
            where: { id: order.id, status: "AT_WAREHOUSE", storageRemindedAt: null },
            data: { storageRemindedAt: now },
          });
          if (claimed.count !== 1) return false;
          await notifyAboutOrder(tx, { userId: order.userId, email: order.user.email }, order, "STORAGE_ENDING", {
            until: terms.freeUntilDay,
          });
          return true;
        });
        if (sent) counts.sent += 1;
        else counts.skipped += 1;
      } catch (error) {
        counts.failed += 1;
        errors.push(`${order.id}: ${(error as Error).message}`);
      }
    }
    if (orders.length < page) break;
  }
  return { counts, errors };
}

export const STORAGE_REMINDERS_JOB = "storage-reminders";
const LEASE_MS = 5 * 60_000;

/** The storage reminders under their lease: the worker, the CLI and the admin's "run now" all call this. */
export function runStorageReminders(trigger: JobTrigger, holder: string) {
  return runWithLease(STORAGE_REMINDERS_JOB, trigger, async ({ signal }) => resultOf(await sendStorageReminders(new Date(), { signal })), {
    ttlMs: LEASE_MS,
    holder,
  });
}
