import { ONE, Ratio } from "./ratio";
import { asOfInstant, type FxSnapshot } from "./schema";

const HOUR_MS = 3_600_000;

function unitsPerBase(fx: FxSnapshot, currency: string): Ratio | undefined {
  // The ECB file lists no EUR entry: the base is implicit.
  if (currency === fx.base) return ONE;
  const listed = fx.rates[currency];
  return listed === undefined ? undefined : Ratio.parse(listed);
}

/** CNY per 1 unit of `currency`, spread included, at full precision; undefined when not in the snapshot. */
export function cnyPerUnit(fx: FxSnapshot, fxSpread: string, currency: string): Ratio | undefined {
  const cny = unitsPerBase(fx, "CNY");
  const foreign = unitsPerBase(fx, currency);
  if (!cny || !foreign) return undefined;
  return cny.div(foreign).times(ONE.plus(Ratio.parse(fxSpread)));
}

export type Staleness = { stale: false } | { stale: true; ageHours: number };

export function staleness(fx: FxSnapshot, now: string, maxAgeHours: number): Staleness {
  const ageMs = Date.parse(now) - asOfInstant(fx.asOf);
  if (ageMs <= maxAgeHours * HOUR_MS) return { stale: false };
  // Rounded up so the age shown is always visibly above the maximum.
  return { stale: true, ageHours: Math.ceil(ageMs / (HOUR_MS / 100)) / 100 };
}
