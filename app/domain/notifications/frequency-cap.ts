// The marketing frequency cap: at most `cap` marketing messages per shopper in any rolling 7 days.
// The service keeps `cap` slots per shopper; a message takes a slot last used before the window.

export const CAP_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;
export const CAP_MIN = 0;
export const CAP_MAX = 14;
export const DEFAULT_CAP = 2;

/** The earliest moment a message still counts against the cap at `now`. */
export function capWindowStart(now: Date): Date {
  return new Date(now.getTime() - CAP_WINDOW_DAYS * DAY_MS);
}

/** A slot is free when it was never used or its last message is out of the window. */
export function slotIsFree(usedAt: Date | null, now: Date): boolean {
  return usedAt === null || usedAt.getTime() <= capWindowStart(now).getTime();
}

/** How many more marketing messages fit at `now`, given when the recent ones were sent. */
export function remainingUnderCap(sentAt: readonly Date[], cap: number, now: Date): number {
  const inWindow = sentAt.filter((at) => !slotIsFree(at, now)).length;
  return Math.max(0, cap - inWindow);
}
