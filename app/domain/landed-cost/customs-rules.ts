import type { CustomsRules } from "./schema";

/**
 * The rule set in force at `now`: the latest whose `effectiveFrom` ≤ now, or null before the first
 * one (or when `now` is not an instant). Order of `ruleSets` does not matter.
 */
export function customsRulesInForce<T extends { effectiveFrom: string }>(ruleSets: readonly T[], now: string): T | null {
  const at = Date.parse(now);
  if (!Number.isFinite(at)) return null;
  let best: T | null = null;
  let bestFrom = Number.NEGATIVE_INFINITY;
  for (const ruleSet of ruleSets) {
    const from = Date.parse(ruleSet.effectiveFrom);
    if (from <= at && from > bestFrom) {
      best = ruleSet;
      bestFrom = from;
    }
  }
  return best;
}

/** The postal parcel limit for parcels from `originCountry`: its own override, else the general limit. */
export function postalParcelLimitFor(customs: CustomsRules, originCountry: string): string {
  const byOrigin = customs.postalParcelLimitByOrigin;
  // hasOwn: an origin named "constructor" must not find Object.prototype.
  return Object.hasOwn(byOrigin, originCountry) ? (byOrigin[originCountry] as string) : customs.postalParcelLimit;
}
