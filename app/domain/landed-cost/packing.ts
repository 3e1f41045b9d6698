import { z } from "zod";
import { Ratio, ZERO } from "./ratio";

// Packing options, chosen at checkout and priced as part of international shipping:
//
// - KEEP_BOXES (the default, free): the goods travel in their original boxes.
// - REMOVE_BOXES: the warehouse takes the goods out of their outer boxes (the product's own
//   packaging stays). It costs the line's `removeBoxesFee`, once per parcel. The quote does not
//   guess the weight saved: shipping is priced on the listed weights and sizes like any quote.
// - EXTRA_PROTECTION: bubble wrap and corner guards for the parcel, the line's
//   `extraProtectionFee`, once per parcel. It can be combined with either box option.
//
// The fees are admin-set per shipping line and travel in the quote's context, so a stored quote
// recomputes to the same amount. The fee is added to the international_shipping line (and so to a
// CBEC parcel's dutiable value, like any shipping charge); the quote also names it in `packing`.

export const packingSchema = z
  .object({
    removeBoxes: z.boolean(),
    extraProtection: z.boolean(),
  })
  .strict();

export type Packing = z.infer<typeof packingSchema>;

export const DEFAULT_PACKING: Packing = { removeBoxes: false, extraProtection: false };

/** A line's fees; a line (or a stored context) without them charges nothing. */
export type PackingFees = { removeBoxesFee?: string | null; extraProtectionFee?: string | null };

/** Keep the boxes, no extra protection: what a request without `packing` means. */
export function isDefaultPacking(packing: Packing | undefined): boolean {
  return !packing || (!packing.removeBoxes && !packing.extraProtection);
}

/** The packing fee of one parcel on a line, in CNY (exact). */
export function packingFee(packing: Packing | undefined, fees: PackingFees): Ratio {
  if (!packing) return ZERO;
  let fee = ZERO;
  if (packing.removeBoxes && fees.removeBoxesFee) fee = fee.plus(Ratio.parse(fees.removeBoxesFee));
  if (packing.extraProtection && fees.extraProtectionFee) fee = fee.plus(Ratio.parse(fees.extraProtectionFee));
  return fee;
}
