import { z } from "zod";
import { fromJsonColumn } from "~/domain/stored";

// The published payout table of a claim for a lost or damaged parcel (README "Claims for lost or
// damaged parcels"). Pure and exact: integer fen in, integer fen out.
//
//   insured parcel:   everything paid for the affected goods (goods, domestic shipping, service fee,
//                     international shipping, insurance and import tax shares);
//   uninsured parcel: the international shipping and import tax shares of the affected goods, up to
//                     the admin-set cap for the whole claim (the goods themselves were not insured).
//
// The payout is never negative and never more than was paid for the affected goods; the cap applies
// to uninsured parcels only.

/** The quote's lines, in the order the table lists them. */
export const PAYOUT_LINE_CODES = [
  "goods",
  "domestic_shipping",
  "service_fee",
  "international_shipping",
  "insurance",
  "import_tax",
] as const;
export type PayoutLineCode = (typeof PAYOUT_LINE_CODES)[number];

/** What an uninsured parcel's claim pays back: what it cost to send the goods and to clear them. */
export const UNINSURED_LINES: readonly PayoutLineCode[] = ["international_shipping", "import_tax"];

/** One affected item line: the shares of the order's quote paid for its affected units, in fen. */
export type AffectedItem = {
  position: number;
  title: string;
  quantity: number;
  shares: Record<PayoutLineCode, number>;
};

export type PayoutItem = {
  position: number;
  title: string;
  quantity: number;
  /** Everything paid for these units. */
  paidFen: number;
  /** What the table covers for these units before the cap. */
  coveredFen: number;
  /** What is paid for these units (after the cap). Σ over items = payoutFen. */
  payoutFen: number;
};

export type PayoutLine = { code: PayoutLineCode; paidFen: number; covered: boolean; coveredFen: number };

export type Payout = {
  insured: boolean;
  /** The cap in force (uninsured only; null when insured). */
  capFen: number | null;
  items: PayoutItem[];
  /** Per quote line, summed over the affected items: what was paid and whether the table covers it. */
  lines: PayoutLine[];
  paidFen: number;
  coveredFen: number;
  /** True when the cap lowered the payout. */
  capped: boolean;
  payoutFen: number;
};

function assertFen(value: number, what: string) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer number of fen: ${value}`);
}

/** Splits `total` over integer `weights` exactly (largest remainder, ties to the earlier entry); all-zero weights get 0. */
export function allocateFen(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (BigInt(total) * BigInt(weight)) / BigInt(weightSum));
  const remainders = weights.map((weight) => (BigInt(total) * BigInt(weight)) % BigInt(weightSum));
  const result = exact.map(Number);
  let left = total - result.reduce((sum, share) => sum + share, 0);
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left <= 0) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1;
  }
  return result;
}

/** The payout of a claim on `items`, for an insured or uninsured parcel, with the admin's cap (uninsured only). */
export function computePayout({ items, insured, capFen }: { items: readonly AffectedItem[]; insured: boolean; capFen: number }): Payout {
  assertFen(capFen, "capFen");
  const coveredCodes: readonly PayoutLineCode[] = insured ? PAYOUT_LINE_CODES : UNINSURED_LINES;
  const rows = items.map((item) => {
    for (const code of PAYOUT_LINE_CODES) assertFen(item.shares[code], `${code} of position ${item.position}`);
    const paidFen = PAYOUT_LINE_CODES.reduce((sum, code) => sum + item.shares[code], 0);
    const coveredFen = coveredCodes.reduce((sum, code) => sum + item.shares[code], 0);
    return { position: item.position, title: item.title, quantity: item.quantity, paidFen, coveredFen };
  });
  const paidFen = rows.reduce((sum, row) => sum + row.paidFen, 0);
  const coveredFen = rows.reduce((sum, row) => sum + row.coveredFen, 0);
  const payoutFen = insured ? coveredFen : Math.min(coveredFen, capFen);
  // The cap lowers the claim as a whole; spread it over the items by what each was covered for.
  const perItem =
    payoutFen === coveredFen
      ? rows.map((row) => row.coveredFen)
      : allocateFen(
          payoutFen,
          rows.map((row) => row.coveredFen),
        );
  const lines = PAYOUT_LINE_CODES.map((code): PayoutLine => {
    const linePaid = items.reduce((sum, item) => sum + item.shares[code], 0);
    const covered = coveredCodes.includes(code);
    return { code, paidFen: linePaid, covered, coveredFen: covered ? linePaid : 0 };
  });
  return {
    insured,
    capFen: insured ? null : capFen,
    items: rows.map((row, index) => ({ ...row, payoutFen: perItem[index] ?? 0 })),
    lines,
    paidFen,
    coveredFen,
    capped: payoutFen < coveredFen,
    payoutFen,
  };
}

export const payoutSchema = z.object({
  insured: z.boolean(),
  capFen: z.number().int().nullable(),
  items: z.array(
    z.object({
      position: z.number().int(),
      title: z.string(),
      quantity: z.number().int(),
      paidFen: z.number().int(),
      coveredFen: z.number().int(),
      payoutFen: z.number().int(),
    }),
  ),
  lines: z.array(
    z.object({ code: z.enum(PAYOUT_LINE_CODES), paidFen: z.number().int(), covered: z.boolean(), coveredFen: z.number().int() }),
  ),
  paidFen: z.number().int(),
  coveredFen: z.number().int(),
  capped: z.boolean(),
  payoutFen: z.number().int(),
}) satisfies z.ZodType<Payout>;

/** A claim's stored table (ParcelClaim.payout). */
export const storedPayout = (value: string) => fromJsonColumn(payoutSchema, "ParcelClaim.payout", value);

/**
 * The units of each item line a claim pays for (or may pay for: filed, approved or paid), which can
 * no longer be returned: goods are paid back once, by a claim or by a return.
 */
export function claimedUnits(payouts: readonly Pick<Payout, "items">[]): Map<number, number> {
  const units = new Map<number, number>();
  for (const payout of payouts)
    for (const { position, quantity } of payout.items) units.set(position, (units.get(position) ?? 0) + quantity);
  return units;
}
