import { z } from "zod";
import { variantParcel, type ParcelSource } from "./variant-parcel";

// "Compare every shipping line" on a listing opens the calculator filled in for it: the link names
// the listing, the chosen variant and the quantity; the calculator's own fields come from the listing.

const id = z
  .string()
  .trim()
  .min(1, "product:compare.errors.listing")
  .max(64, "product:compare.errors.listing")
  .regex(/^[A-Za-z0-9_-]+$/, "product:compare.errors.listing");

/** The query /quote?listing=…&variant=…&quantity=… (every value a string, as a URL gives it). */
export const listingPrefillSchema = z.object({
  listing: id,
  variant: z
    .string()
    .trim()
    .max(64, "product:compare.errors.variant")
    .regex(/^[A-Za-z0-9_-]*$/, "product:compare.errors.variant")
    .optional(),
  // Strict digits, never a coercion: "1e2" or "0x10" is no quantity.
  quantity: z
    .string()
    .regex(/^\d{1,2}$/, "product:compare.errors.quantity")
    .transform(Number)
    .refine((value) => value >= 1, "product:compare.errors.quantity")
    .optional(),
});

export type ListingPrefill = z.infer<typeof listingPrefillSchema>;

type PrefillListing = ParcelSource & {
  title: string;
  price: string;
  currency: string;
  taxCategory: string;
  domesticShipping: string | null;
  store: { country: string };
};
type PrefillVariant = ParcelSource & { id: string; title: string; price: string };

// The calculator takes up to 4 decimals and 9 integer digits; store prices carry at most that in practice.
const formDecimal = (value: string) => {
  const [whole = "0", fraction = ""] = value.split(".");
  return fraction.replace(/0+$/, "") ? `${whole}.${fraction.slice(0, 4)}` : whole;
};

/** The calculator's query for one listing (its chosen variant, `quantity` units), on the store's origin. */
export function listingQuoteQuery(listing: PrefillListing, variant: PrefillVariant | null, quantity: number, title: string) {
  const parcel = variantParcel(listing, variant);
  const fields: Record<string, string | number | null | undefined> = {
    title: title.slice(0, 200),
    price: formDecimal(variant?.price ?? listing.price),
    currency: listing.currency,
    quantity,
    weightGrams: parcel.weightGrams,
    lengthCm: parcel.lengthCm,
    widthCm: parcel.widthCm,
    heightCm: parcel.heightCm,
    taxCategory: listing.taxCategory,
    domesticShipping: listing.domesticShipping ? formDecimal(listing.domesticShipping) : undefined,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== null && value !== undefined) query.set(`items[0].${key}`, String(value));
  query.set("origin", listing.store.country);
  return query;
}
