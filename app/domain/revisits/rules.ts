// Return visits (issue #19): when a check-in or a re-order reminder is due, which items are
// consumables, whether the shopper already ordered again, and what a check-in may offer. Pure rules;
// the services read the facts and claim each reminder's key.

const DAY_MS = 86_400_000;

/** Orders whose goods reached the shopper. */
export const DELIVERED_STATUSES = ["DELIVERED", "COMPLETED"] as const;

/**
 * A reminder this many days later than it was due is not sent any more: turning the feature on, or a
 * worker that was down for weeks, must not greet every shopper about goods delivered long ago.
 */
export const LATE_LIMIT_DAYS = 14;

export const DEFAULT_CHECK_IN_DAYS = 3;

/** The delivery instants whose reminder is due at `now` for a wait of `days`: (from, to], newest last. */
export function dueWindow(now: Date, days: number): { after: Date; upTo: Date } {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`reminder days must be a non-negative integer: ${days}`);
  return {
    after: new Date(now.getTime() - (days + LATE_LIMIT_DAYS) * DAY_MS),
    upTo: new Date(now.getTime() - days * DAY_MS),
  };
}

/** Whether a reminder `days` after `deliveredAt` is due at `now` (and not yet too late to send). */
export function isDue(deliveredAt: Date, now: Date, days: number): boolean {
  const { after, upTo } = dueWindow(now, days);
  return deliveredAt.getTime() > after.getTime() && deliveredAt.getTime() <= upTo.getTime();
}

/** The unique key claimed when a check-in for an order is sent: one check-in per order, ever. */
export const checkInKey = (orderId: string) => `CHECK_IN:${orderId}`;
/** The unique key claimed when a re-order reminder for a delivered item is sent: one per item, ever. */
export const reorderKey = (orderItemId: string) => `REORDER:${orderItemId}`;

/** The re-order cadence of an item's category, or null when the category is not a consumable. */
export function cadenceFor(categorySlug: string | null | undefined, cadences: ReadonlyMap<string, number>): number | null {
  if (!categorySlug) return null;
  const days = cadences.get(categorySlug);
  return days !== undefined && days > 0 ? days : null;
}

export type LaterOrder = { createdAt: Date; status: string; paidAt: Date | null; listingIds: readonly (string | null)[] };

/**
 * Whether the shopper ordered `listingId` again after the order it was delivered with was placed: a
 * paid order that was not cancelled counts (an unpaid or cancelled one is not a re-order).
 */
export function reorderedSince(placedAt: Date, listingId: string, orders: readonly LaterOrder[]): boolean {
  return orders.some(
    (order) =>
      order.createdAt.getTime() > placedAt.getTime() &&
      order.paidAt !== null &&
      order.status !== "CANCELLED" &&
      order.listingIds.includes(listingId),
  );
}

export type CheckInFacts = {
  status: string;
  paidAt: Date | null;
  deliveredAt: Date | null;
  /** Items of the order without a review yet. */
  unreviewedItems: number;
  /** Units of the order not yet in a return. */
  returnableUnits: number;
  /** The longest return window (days after delivery) of the return policy. */
  returnWindowDays: number;
  unresolvedComplaints: number;
  now: Date;
};

export type CheckInActions = { review: boolean; return: boolean; complaint: boolean };

/** What a check-in still offers: a review, a return, a complaint (each only while the shopper may file it). */
export function checkInActions(facts: CheckInFacts): CheckInActions {
  const delivered = (DELIVERED_STATUSES as readonly string[]).includes(facts.status) && facts.deliveredAt !== null;
  const returnOpen =
    delivered &&
    facts.deliveredAt !== null &&
    facts.now.getTime() <= facts.deliveredAt.getTime() + facts.returnWindowDays * DAY_MS &&
    facts.returnableUnits > 0;
  return {
    review: delivered && facts.unreviewedItems > 0,
    return: returnOpen,
    complaint: facts.paidAt !== null && facts.unresolvedComplaints === 0,
  };
}

/**
 * Whether a watcher last told of a restock at `alertedAt` should hear of this one: the listing went out
 * of stock at `wentOutAt` (null: it never did while watched, or the moment is unknown) after that.
 */
export function restockDue(alertedAt: Date | null, wentOutAt: Date | null): boolean {
  if (alertedAt === null) return true;
  return wentOutAt !== null && wentOutAt.getTime() > alertedAt.getTime();
}
