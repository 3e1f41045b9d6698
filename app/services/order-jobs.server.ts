import { shouldAutoComplete } from "~/domain/orders";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { runWithLease, type JobResult, type JobTrigger } from "./jobs.server";
import { notifyAboutOrder } from "./order-events.server";
import { transitionOrder, type TransitionActor } from "./order-transitions.server";
import { AGENT_ACTIVE_STATUSES } from "./orders.server";

// The two order housekeeping jobs: completing delivered orders nobody confirmed, and nudging
// whoever should move a stale order. Both are hourly and safe to run twice: each order is moved or
// nudged through a conditional write, so a second run (or a second worker) finds nothing to do.

const SYSTEM: TransitionActor = { id: null, role: "SYSTEM" };
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// An hourly run takes at most this many orders; the next run picks up the rest.
const BATCH = 500;

export type JobOptions = { signal?: AbortSignal; days?: number; hours?: number };

export type AutoCompleteCounts = { due: number; completed: number; failed: number };

/** DELIVERED orders whose delivery is ORDER_AUTO_COMPLETE_DAYS or more ago become COMPLETED, as SYSTEM. */
export async function autoCompleteOrders(now = new Date(), options: JobOptions = {}) {
  const days = options.days ?? getEnv().ORDER_AUTO_COMPLETE_DAYS;
  const due = await db.order.findMany({
    where: { status: "DELIVERED", deliveredAt: { lte: new Date(now.getTime() - days * DAY_MS) } },
    select: { id: true, number: true, version: true, deliveredAt: true },
    orderBy: { deliveredAt: "asc" },
    take: BATCH,
  });
  const counts: AutoCompleteCounts = { due: due.length, completed: 0, failed: 0 };
  const errors: string[] = [];
  for (const order of due) {
    if (options.signal?.aborted) break;
    if (!order.deliveredAt || !shouldAutoComplete(order.deliveredAt, now, days)) continue;
    try {
      // The version read above: a shopper or admin who moved the order since wins, and this one is counted.
      const outcome = await transitionOrder(SYSTEM, order.id, { to: "COMPLETED", version: order.version, payload: {} }, now);
      if (outcome.ok) counts.completed += 1;
      else {
        counts.failed += 1;
        errors.push(`${order.number}: ${outcome.code}`);
      }
    } catch (error) {
      counts.failed += 1;
      errors.push(`${order.number}: ${(error as Error).message}`);
    }
  }
  return { counts, errors };
}

export type NudgeCounts = { stale: number; nudged: number; escalated: number; failed: number };

/**
 * Orders in an agent's hands with no event for ORDER_STALE_HOURS: the agent is told once per
 * silence (nudgedAt is set; a later event makes the order eligible again). Paid orders nobody has
 * claimed go to every admin instead. The nudge is not an event on purpose: it must not reset the
 * order's staleness, which the agent's queue shows.
 */
export async function nudgeStaleOrders(now = new Date(), options: JobOptions = {}) {
  const hours = options.hours ?? getEnv().ORDER_STALE_HOURS;
  const cutoff = new Date(now.getTime() - hours * HOUR_MS);
  const notNudgedSinceLastEvent = [{ nudgedAt: null }, { nudgedAt: { lt: db.order.fields.lastEventAt } }];
  const stale = await db.order.findMany({
    where: {
      lastEventAt: { lte: cutoff },
      OR: notNudgedSinceLastEvent,
      AND: [
        {
          OR: [
            { agentId: { not: null }, status: { in: AGENT_ACTIVE_STATUSES } },
            { agentId: null, status: "PAID" },
          ],
        },
      ],
    },
    select: { id: true, number: true, lastEventAt: true, agent: { select: { id: true, email: true } } },
    orderBy: { lastEventAt: "asc" },
    take: BATCH,
  });
  const counts: NudgeCounts = { stale: stale.length, nudged: 0, escalated: 0, failed: 0 };
  const errors: string[] = [];
  const admins = stale.some((order) => !order.agent)
    ? await db.user.findMany({ where: { role: "ADMIN" }, select: { id: true, email: true } })
    : [];

  for (const order of stale) {
    if (options.signal?.aborted) break;
    const recipients = order.agent
      ? [{ userId: order.agent.id, email: order.agent.email }]
      : admins.map((admin) => ({ userId: admin.id, email: admin.email }));
    // Nobody to tell yet: leave the order un-nudged so the first admin created hears about it.
    if (recipients.length === 0) continue;
    const silentHours = Math.floor((now.getTime() - order.lastEventAt.getTime()) / HOUR_MS);
    try {
      const sent = await db.$transaction(async (tx) => {
        // Claimed only while nothing happened since the read: an event, a reassignment or another run's nudge means skip.
        const claimed = await tx.order.updateMany({
          where: { id: order.id, lastEventAt: order.lastEventAt, agentId: order.agent?.id ?? null, OR: notNudgedSinceLastEvent },
          data: { nudgedAt: now },
        });
        if (claimed.count === 0) return false;
        for (const recipient of recipients) await notifyAboutOrder(tx, recipient, order, "ORDER_NUDGE", { hours: silentHours });
        return true;
      });
      if (sent && order.agent) counts.nudged += 1;
      else if (sent) counts.escalated += 1;
    } catch (error) {
      counts.failed += 1;
      errors.push(`${order.number}: ${(error as Error).message}`);
    }
  }
  return { counts, errors };
}

export const ORDERS_COMPLETE_JOB = "orders-complete";
export const ORDERS_NUDGE_JOB = "orders-nudge";
const LEASE_MS = 5 * 60_000;

type Tally = { counts: { failed: number }; errors: string[] };

function resultOf<T extends Tally>(value: T, attempted: number): JobResult<T> {
  const { failed } = value.counts;
  const outcome = failed === 0 ? "OK" : failed < attempted ? "PARTIAL" : "FAILED";
  return { outcome, counts: value.counts, error: value.errors.length ? value.errors.join("; ") : null, value };
}

/** Auto-completion under its lease: the worker, the CLI and the admin's "run now" all call this. */
export function runOrdersComplete(trigger: JobTrigger, holder: string) {
  return runWithLease(
    ORDERS_COMPLETE_JOB,
    trigger,
    async ({ signal }) => {
      const result = await autoCompleteOrders(new Date(), { signal });
      return resultOf(result, result.counts.due);
    },
    { ttlMs: LEASE_MS, holder },
  );
}

/** Stale-order nudges under their lease: the worker, the CLI and the admin's "run now" all call this. */
export function runOrdersNudge(trigger: JobTrigger, holder: string) {
  return runWithLease(
    ORDERS_NUDGE_JOB,
    trigger,
    async ({ signal }) => {
      const result = await nudgeStaleOrders(new Date(), { signal });
      return resultOf(result, result.counts.stale);
    },
    { ttlMs: LEASE_MS, holder },
  );
}
