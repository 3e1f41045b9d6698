// Which shipping line checkout preselects. A line whose quote is an error (over a customs limit, no
// room left in the annual allowance) is not eligible: it is shown with its reason, never selected.

export type LineCandidate = { code: string; totalFen: number | null; etaDaysMax: number; isDefault: boolean };

/** Why a line is selected: the shopper just chose it, chose it for this cart before, used it for their last order from the same country, or it is the cheapest. */
export type LineSelection = "chosen" | "remembered" | "lastOrder" | "cheapest";

export type LinePick = { code: string | null | undefined; source: Exclude<LineSelection, "cheapest"> };

export type LineChoice = { code: string; selection: LineSelection; unavailableChoice: string | null };

const eligible = (candidate: LineCandidate): candidate is LineCandidate & { totalFen: number } => candidate.totalFen !== null;

/** The cheapest eligible line; on a tie the faster one, then the store country's default line, then the first listed. */
export function cheapestEligibleLine<T extends LineCandidate>(candidates: T[]): T | null {
  let best: (T & { totalFen: number }) | null = null;
  for (const candidate of candidates) {
    if (!eligible(candidate)) continue;
    const better =
      !best ||
      candidate.totalFen < best.totalFen ||
      (candidate.totalFen === best.totalFen &&
        (candidate.etaDaysMax < best.etaDaysMax || (candidate.etaDaysMax === best.etaDaysMax && candidate.isDefault && !best.isDefault)));
    if (better) best = candidate;
  }
  return best;
}

/**
 * The first of the shopper's picks (in the order given) that is still eligible, else the cheapest
 * eligible line. A line the shopper has just chosen that cannot carry the cart is reported, so the
 * page can say why another one is selected.
 */
export function chooseCheckoutLine(candidates: LineCandidate[], picks: LinePick[]): LineChoice | null {
  const chosen = picks.find((pick) => pick.source === "chosen")?.code ?? null;
  const unavailableChoice = chosen && !candidates.some((candidate) => candidate.code === chosen && eligible(candidate)) ? chosen : null;
  for (const pick of picks) {
    const match = pick.code ? candidates.find((candidate) => candidate.code === pick.code && eligible(candidate)) : undefined;
    if (match) return { code: match.code, selection: pick.source, unavailableChoice };
  }
  const cheapest = cheapestEligibleLine(candidates);
  return cheapest ? { code: cheapest.code, selection: "cheapest", unavailableChoice } : null;
}
