import { checkInActions, checkInKey, DELIVERED_STATUSES, dueWindow, isDue } from "~/domain/revisits/rules";
import { windowDays } from "~/domain/returns/eligibility";
import { UNRESOLVED_STATUSES } from "~/domain/trust/complaint-machine";
import { db, Prisma } from "~/utils/db.server";
import { runWithLease, type JobResult, type JobTrigger } from "./jobs.server";
import { notify } from "./notifications.server";
import { getReturnPolicy } from "./return-policy.server";
import { getCheckInDays } from "./revisit-settings.server";

// The check-in a few days after delivery ("到了吗？还满意吗？"): one per order, ever. Its key is claimed
// in the notification's transaction (SentReminder's primary key), so a second run, a second worker or
// a retry after a crash finds it taken and sends nothing.

// Orders read at once; a run goes through every page of the window.
const PAGE = 500;

export type CheckInCounts = { due: number; sent: number; skipped: number; failed: number };
export type CheckInOptions = {
  days?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Orders read at once (tests page through a few). */
  pageSize?: number;
};

export function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Sends every check-in due at `now`: orders delivered `checkInDays` ago (or a little longer). */
export async function sendCheckIns(now = new Date(), options: CheckInOptions = {}) {
  const days = options.days ?? (await getCheckInDays());
  const page = options.pageSize ?? PAGE;
  const { after, upTo } = dueWindow(now, days);
  const counts: CheckInCounts = { due: 0, sent: 0, skipped: 0, failed: 0 };
  const errors: string[] = [];
  let done = 0;
  // Page by id through the window: orders already told are skipped after reading, so a fixed first
  // page would hold the same told orders every day and starve the rest.
  for (let cursor: string | undefined; !options.signal?.aborted;) {
    const orders = await db.order.findMany({
      where: { status: { in: [...DELIVERED_STATUSES] }, deliveredAt: { gt: after, lte: upTo } },
      select: {
        id: true,
        number: true,
        userId: true,
        deliveredAt: true,
        user: { select: { email: true } },
        items: { select: { titleZh: true, imageUrl: true }, orderBy: { position: "asc" }, take: 1 },
      },
      orderBy: { id: "asc" },
      take: page,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    cursor = orders.at(-1)?.id;
    const keys = orders.map((order) => checkInKey(order.id));
    const sentBefore = new Set(
      (await db.sentReminder.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((row) => row.key),
    );
    const due = orders.filter((order) => !sentBefore.has(checkInKey(order.id)) && order.deliveredAt && isDue(order.deliveredAt, now, days));
    counts.due += due.length;
    for (const order of due) {
      if (options.signal?.aborted) break;
      const item = order.items[0];
      try {
        await db.$transaction(async (tx) => {
          await tx.sentReminder.create({ data: { key: checkInKey(order.id), kind: "CHECK_IN", userId: order.userId } });
          await notify(
            tx,
            { userId: order.userId, email: order.user.email },
            "CHECK_IN",
            { number: order.number, title: item?.titleZh ?? order.number, image: item?.imageUrl ?? null },
            `/orders/${order.id}/check-in`,
          );
        });
        counts.sent += 1;
      } catch (error) {
        // Someone else (a second worker, a run at the same moment) claimed it first: already told.
        if (isUniqueViolation(error)) counts.skipped += 1;
        else {
          counts.failed += 1;
          errors.push(`${order.number}: ${(error as Error).message}`);
        }
      }
      done += 1;
      options.onProgress?.(done, counts.due);
    }
    if (orders.length < page) break;
  }
  return { counts, errors };
}

/** The check-in page of one of the shopper's own orders: its first product and what it still offers. */
export async function getCheckIn(userId: string, orderId: string, now = new Date()) {
  const order = await db.order.findFirst({
    where: { id: orderId, userId },
    select: {
      id: true,
      number: true,
      status: true,
      paidAt: true,
      deliveredAt: true,
      items: { select: { titleZh: true, imageUrl: true, quantity: true, review: { select: { id: true } } }, orderBy: { position: "asc" } },
      // Units in a return that still holds them (neither cancelled nor rejected) cannot go back again.
      returns: { where: { status: { notIn: ["CANCELLED", "REJECTED"] } }, select: { items: { select: { quantity: true } } } },
      complaints: { where: { status: { in: [...UNRESOLVED_STATUSES] } }, select: { id: true } },
    },
  });
  if (!order) return null;
  const policy = await getReturnPolicy();
  const units = order.items.reduce((total, item) => total + item.quantity, 0);
  const returned = order.returns.reduce((total, entry) => total + entry.items.reduce((sum, unit) => sum + unit.quantity, 0), 0);
  const actions = checkInActions({
    status: order.status,
    paidAt: order.paidAt,
    deliveredAt: order.deliveredAt,
    unreviewedItems: order.items.filter((item) => !item.review).length,
    returnableUnits: units - returned,
    returnWindowDays: Math.max(windowDays("SHOPPER", policy), windowDays("PLATFORM", policy)),
    unresolvedComplaints: order.complaints.length,
    now,
  });
  const first = order.items[0];
  return {
    order: { id: order.id, number: order.number, deliveredAt: order.deliveredAt },
    product: { title: first?.titleZh ?? order.number, image: first?.imageUrl ?? null, more: Math.max(0, order.items.length - 1) },
    actions,
  };
}

export const CHECK_INS_JOB = "check-ins";
const LEASE_MS = 5 * 60_000;

export function resultOf<T extends { counts: { failed: number; due: number }; errors: string[] }>(value: T): JobResult<T> {
  const { failed, due } = value.counts;
  const outcome = failed === 0 ? "OK" : failed < due ? "PARTIAL" : "FAILED";
  return { outcome, counts: value.counts, error: value.errors.length ? value.errors.slice(0, 20).join("; ") : null, value };
}

/** The check-ins under their lease: the worker, the CLI and the admin's "run now" all call this. */
export function runCheckIns(trigger: JobTrigger, holder: string, onProgress?: (done: number, total: number) => void) {
  return runWithLease(CHECK_INS_JOB, trigger, async ({ signal }) => resultOf(await sendCheckIns(new Date(), { signal, onProgress })), {
    ttlMs: LEASE_MS,
    holder,
  });
}
