import { pickVariant } from "~/domain/catalog/landed-price";
import { listingQuoteQuery, type ListingPrefill } from "~/domain/catalog/listing-quote-form";
import type { SessionUser } from "~/utils/auth.server";
import { getListing } from "./catalog.server";

/**
 * The calculator's query for a listing the viewer may see, or null when there is none: a variant the
 * listing does not have falls back to its default one, as on the listing page.
 */
export async function listingPrefillQuery(prefill: ListingPrefill, viewer: Pick<SessionUser, "id" | "role"> | null, locale: string) {
  const listing = await getListing(prefill.listing, viewer);
  if (!listing) return null;
  const variant = pickVariant(listing.variants, prefill.variant);
  const name = locale === "en" ? listing.title : listing.titleZh || listing.title;
  const variantName = variant && listing.variants.length > 1 ? (locale === "en" ? variant.title : variant.titleZh || variant.title) : null;
  const title = variantName ? `${name} (${variantName})` : name;
  return listingQuoteQuery(listing, variant, prefill.quantity ?? 1, title);
}
