import { z } from "zod";
import { pickVariant } from "~/domain/catalog/landed-price";
import { QUOTE_LIMITS } from "~/domain/landed-cost/schema";
import { listingQuoteQuery, type ListingPrefill } from "~/domain/catalog/listing-quote-form";
import type { SessionUser } from "~/utils/auth.server";
import { getListing } from "./catalog.server";
import { listingQuoteRequest } from "./quote.server";

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

const listingReferenceSchema = z
  .object({
    id: z.string().min(1).max(64),
    variant: z.string().min(1).max(64).optional(),
    quantity: z.number().int().min(1).max(QUOTE_LIMITS.maxQuantity).optional(),
  })
  .strict();

const invalid = (message: string, fields: string[]) => ({
  ok: false as const,
  error: { code: "INVALID_INPUT" as const, message, details: { fields } },
});

/**
 * POST /api/quotes may name a listing instead of describing it: { "listing": { "id", "variant"?,
 * "quantity"? }, "context"? }. The request is then built here from the listing as it is now (the
 * chosen variant's price, weight and size, as its page and the cart quote it); any other document
 * passes through unchanged.
 */
export async function resolveListingDocument(body: unknown, viewer: Pick<SessionUser, "id" | "role"> | null) {
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("listing" in body))
    return { ok: true as const, document: body };
  const { listing: reference, ...rest } = body as { listing: unknown } & Record<string, unknown>;
  if ("request" in rest) return invalid("Send either request or listing, not both.", ["request", "listing"]);
  const parsed = listingReferenceSchema.safeParse(reference);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ["listing", ...issue.path].join("."));
    return invalid(parsed.error.issues.map((issue) => `${["listing", ...issue.path].join(".")}: ${issue.message}`).join("; "), fields);
  }
  const listing = await getListing(parsed.data.id, viewer);
  if (!listing) return invalid("listing.id: no such listing.", ["listing.id"]);
  const variant = pickVariant(listing.variants, parsed.data.variant);
  const request = listingQuoteRequest({ ...listing, variant, title: variant ? `${listing.title} (${variant.title})` : listing.title });
  const items = request.items.map((item) => ({ ...item, quantity: parsed.data.quantity ?? 1 }));
  return { ok: true as const, document: { ...rest, request: { ...request, items } } };
}
