// What a unit of a listing weighs and measures when a shopper picks one of its variants: a 3-bag
// pack is three bags, so the variant's own figures win; each missing one falls back to the listing's.
// The listing page, the precomputed list price, the cart and the checkout all read through here.

export type Parcel = { weightGrams: number | null; lengthCm: number | null; widthCm: number | null; heightCm: number | null };

export type ParcelSource = {
  weightGrams: number | null;
  lengthCm?: number | null;
  widthCm?: number | null;
  heightCm?: number | null;
};

const positive = (value: number | null | undefined) => (typeof value === "number" && value > 0 ? value : null);

/**
 * The chosen variant's weight and size, else the listing's. The size is taken as a whole (all three
 * sides from the variant, or all three from the listing): mixing a variant's length with the listing's
 * height would describe a box nobody packs.
 */
export function variantParcel(listing: ParcelSource, variant?: ParcelSource | null): Parcel {
  const own = variant && positive(variant.lengthCm) && positive(variant.widthCm) && positive(variant.heightCm) ? variant : null;
  const size = own ?? listing;
  const sized = positive(size.lengthCm) && positive(size.widthCm) && positive(size.heightCm);
  return {
    weightGrams: positive(variant?.weightGrams) ?? positive(listing.weightGrams),
    lengthCm: sized ? (size.lengthCm ?? null) : null,
    widthCm: sized ? (size.widthCm ?? null) : null,
    heightCm: sized ? (size.heightCm ?? null) : null,
  };
}

/** The calculator's dimensions field for a parcel: present only when all three sides are known. */
export function parcelDimensions(parcel: Parcel): { dimensionsCm?: [number, number, number] } {
  return parcel.lengthCm && parcel.widthCm && parcel.heightCm ? { dimensionsCm: [parcel.lengthCm, parcel.widthCm, parcel.heightCm] } : {};
}
