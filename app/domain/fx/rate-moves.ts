import { ONE, Ratio } from "../landed-cost/ratio";

/** Currencies the platform prices in; a snapshot that moves any of them too far waits for confirmation. */
export const PLATFORM_CURRENCIES = ["EUR", "USD", "JPY", "KRW", "GBP", "HKD", "CNY"] as const;

/** `change` is to/from − 1 (display only); `to` is null when the new snapshot lacks the currency. */
export type RateMove = { currency: string; from: string; to: string | null; change: number | null };

type Rates = Record<string, string>;

function relativeChange(from: string, to: string): Ratio {
  return Ratio.parse(to).div(Ratio.parse(from)).minus(ONE);
}

function beyond(change: Ratio, limit: Ratio): boolean {
  return change.gt(limit) || Ratio.of(0n).minus(change).gt(limit);
}

/** Every watched currency whose rate moved more than `maxMove` (a share, 0.1 = 10%) or disappeared. */
export function findLargeMoves(previous: Rates, next: Rates, maxMove: number, currencies: readonly string[]): RateMove[] {
  const limit = Ratio.fromNumber(maxMove);
  const moves: RateMove[] = [];
  for (const currency of new Set(currencies)) {
    const from = previous[currency];
    if (from === undefined) continue;
    const to = next[currency];
    if (to === undefined) {
      moves.push({ currency, from, to: null, change: null });
      continue;
    }
    const change = relativeChange(from, to);
    if (beyond(change, limit)) moves.push({ currency, from, to, change: change.toNumber() });
  }
  return moves;
}

/** Watched currencies of `candidate` that `witness` lacks or prices more than `tolerance` apart. */
export function findDisagreements(candidate: Rates, witness: Rates, tolerance: number, currencies: readonly string[]): string[] {
  const limit = Ratio.fromNumber(tolerance);
  return [...new Set(currencies)].filter((currency) => {
    const mine = candidate[currency];
    if (mine === undefined) return false;
    const theirs = witness[currency];
    return theirs === undefined || beyond(relativeChange(mine, theirs), limit);
  });
}

/** A plain-text note for the snapshot's `reason` column and the job log (admins see it localized too). */
export function describeMoves(moves: RateMove[], maxMove: number): string {
  const parts = moves.map(({ currency, from, to, change }) =>
    to === null || change === null
      ? `${currency} missing (was ${from})`
      : `${currency} ${from} → ${to} (${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)}%)`,
  );
  return `moved more than ${(maxMove * 100).toFixed(1)}%: ${parts.join(", ")}`;
}
