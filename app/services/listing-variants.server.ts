import type { Tx } from "~/utils/db.server";

// A listing's variants as its store now lists them, written in place: carts and orders name variants
// by id (CartItem.variantId, OrderItem.variantId), so a variant the store still sells keeps its id
// whatever else changed, and one it dropped stays (unavailable) while anything names it.

export type IncomingVariant = {
  title: string;
  /** The Chinese title to store; undefined keeps the variant's current one while its title is unchanged. */
  titleZh?: string;
  sku: string | null;
  price: string;
  available: boolean;
  weightGrams: number | null;
  /** The variant's own parcel size when the source gives one; undefined keeps the stored size (an agent's measure). */
  lengthCm?: number | null;
  widthCm?: number | null;
  heightCm?: number | null;
};

type StoredVariant = { id: string; title: string; titleZh: string; sku: string | null; weightGrams: number | null };

/** The store's SKU when it gives one, else the option title: what makes "the same variant" across reads. */
const variantKey = (variant: { sku: string | null; title: string }) => (variant.sku ? `sku:${variant.sku}` : `title:${variant.title}`);

/**
 * Updates the listing's variants to `incoming` (in its order): matched by SKU, else by title, each
 * keeps its id; new ones are added; vanished ones are deleted, or marked unavailable (after the live
 * ones) when a cart or an order names them. Runs in the caller's transaction.
 */
export async function syncListingVariants(tx: Tx, listingId: string, incoming: IncomingVariant[]) {
  const stored: StoredVariant[] = await tx.listingVariant.findMany({
    where: { listingId },
    select: { id: true, title: true, titleZh: true, sku: true, weightGrams: true },
    orderBy: { position: "asc" },
  });
  const unmatched = new Set(stored);
  const take = (found: StoredVariant | undefined) => {
    if (found) unmatched.delete(found);
    return found;
  };
  const pairs = incoming.map((variant) => ({
    variant,
    match: take([...unmatched].find((row) => variantKey(row) === variantKey(variant))),
  }));
  // A variant that gained or lost its SKU is still the one with its title.
  for (const pair of pairs) pair.match ??= take([...unmatched].find((row) => row.title === pair.variant.title));

  for (const [position, { variant, match }] of pairs.entries()) {
    const titleZh = variant.titleZh ?? (match && match.title === variant.title ? match.titleZh : variant.title);
    const data = {
      title: variant.title,
      titleZh,
      sku: variant.sku,
      price: variant.price,
      available: variant.available,
      // A store that stops saying (or never said) what a variant weighs keeps the weight an agent gave it.
      weightGrams: variant.weightGrams ?? match?.weightGrams ?? null,
      ...(variant.lengthCm !== undefined ? { lengthCm: variant.lengthCm } : {}),
      ...(variant.widthCm !== undefined ? { widthCm: variant.widthCm } : {}),
      ...(variant.heightCm !== undefined ? { heightCm: variant.heightCm } : {}),
      position,
    };
    if (match) await tx.listingVariant.update({ where: { id: match.id }, data });
    else await tx.listingVariant.create({ data: { ...data, listingId } });
  }

  const gone = [...unmatched].map((row) => row.id);
  if (gone.length === 0) return;
  const inCarts = await tx.cartItem.findMany({ where: { variantId: { in: gone } }, select: { variantId: true } });
  const inOrders = await tx.orderItem.findMany({ where: { variantId: { in: gone } }, select: { variantId: true } });
  const named = new Set([...inCarts, ...inOrders].map((row) => row.variantId));
  const kept = gone.filter((id) => named.has(id));
  for (const [offset, id] of kept.entries())
    await tx.listingVariant.update({ where: { id }, data: { available: false, position: incoming.length + offset } });
  const deletable = gone.filter((id) => !named.has(id));
  if (deletable.length > 0) await tx.listingVariant.deleteMany({ where: { id: { in: deletable } } });
}
