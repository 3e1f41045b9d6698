import { z } from "zod";
import { compareDecimal, isPlainDecimal } from "./price-decimal";

// What every store adapter hands to the import service: one shape whatever the store runs on,
// checked here so a listing is never written half-made.
const DECIMAL = /^\d{1,15}(?:\.\d{1,12})?$/;

export const STORE_PLATFORMS = ["SHOPIFY", "JSONLD"] as const;
export const MAX_IMAGES = 12;
// The store page stays the source of truth; the listing keeps enough to translate and show.
export const MAX_DESCRIPTION = 10_000;

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  return isWebUrl(value) && new URL(value).origin === value;
}

const decimalString = z.string().regex(DECIMAL, 'must be a non-negative decimal string such as "129.99"');
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD");
const webUrl = z.string().max(2048).refine(isWebUrl, "must be an absolute http(s) URL");
// null is "unknown, an agent must weigh it"; a stated 0 is unknown too, never a weight.
const weightGrams = z.number().int().positive().safe().nullable();
const label = (max: number) => z.string().min(1).max(max);

export const normalizedVariantSchema = z
  .object({
    title: label(255),
    price: decimalString,
    available: z.boolean(),
    sku: label(255).nullable(),
    weightGrams,
  })
  .strict();

export const normalizedListingSchema = z
  .object({
    sourceUrl: webUrl,
    platform: z.enum(STORE_PLATFORMS),
    storeOrigin: z.string().refine(isOrigin, 'must be an origin such as "https://shop.example.com"'),
    storeName: label(255).nullable(),
    title: label(500),
    description: z.string().max(MAX_DESCRIPTION),
    currency: currencyCode,
    price: decimalString,
    available: z.boolean(),
    weightGrams,
    dimensionsCm: z.null(),
    images: z.array(webUrl).max(MAX_IMAGES),
    variants: z.array(normalizedVariantSchema).min(1).max(250),
    productType: label(255).nullable(),
    vendor: label(255).nullable(),
    tags: z.array(label(255)).max(250),
  })
  .strict()
  .superRefine((listing, ctx) => {
    if (isWebUrl(listing.sourceUrl) && new URL(listing.sourceUrl).origin !== listing.storeOrigin) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["sourceUrl"], message: "must belong to storeOrigin" });
    }
    if (new Set(listing.images).size !== listing.images.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["images"], message: "must not repeat an image" });
    }
    if (!listing.variants.every((variant) => DECIMAL.test(variant.price))) return;
    const priced = pricedVariant(listing.variants);
    if (priced && compareDecimal(priced.price, listing.price) !== 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["price"], message: "must be the lowest available variant price" });
    }
    if (listing.available !== listing.variants.some((variant) => variant.available)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["available"], message: "must say whether any variant is available" });
    }
  });

export type NormalizedVariant = z.infer<typeof normalizedVariantSchema>;
export type NormalizedListing = z.infer<typeof normalizedListingSchema>;
export type StorePlatform = (typeof STORE_PLATFORMS)[number];

/** What an adapter knows; the listing-level price, availability and weight follow from the variants. */
export type ListingDraft = {
  sourceUrl: string;
  platform: StorePlatform;
  storeOrigin: string;
  storeName: string | null;
  title: string;
  description: string;
  currency: string;
  images: string[];
  variants: NormalizedVariant[];
  productType: string | null;
  vendor: string | null;
  tags: string[];
};

/** The variant a shopper pays least for: the cheapest available one, or the cheapest of all when none is. */
function pricedVariant<T extends { price: string; available: boolean }>(variants: readonly T[]): T | undefined {
  const pool = variants.some((variant) => variant.available) ? variants.filter((variant) => variant.available) : variants;
  let best: T | undefined;
  for (const variant of pool) {
    if (!best || compareDecimal(variant.price, best.price) < 0) best = variant;
  }
  return best;
}

// Adapters decode entities where their format has them; decoding here again would turn a
// stated "&amp;lt;" into "<".
const oneLine = (value: string): string => value.replace(/\s+/g, " ").trim();

const blankToNull = (value: string | null): string | null => {
  const text = value === null ? "" : oneLine(value);
  return text === "" ? null : text;
};

export type FinalizeResult = { ok: true; listing: NormalizedListing } | { ok: false; message: string };

export function finalizeListing(draft: ListingDraft): FinalizeResult {
  const variants = draft.variants.map((variant) => ({ ...variant, title: oneLine(variant.title), sku: blankToNull(variant.sku) }));
  // An unreadable price must fail validation, not be skipped: the cheapest variant could be the broken one.
  const broken = variants.find((variant) => !isPlainDecimal(variant.price));
  const priced = broken ?? pricedVariant(variants);
  // The weight of the variant the price is for; failing that the heaviest stated one, because
  // quoting shipping on too light a parcel costs the buyer a surprise at the warehouse.
  const knownWeights = variants.flatMap((variant) => (variant.weightGrams === null ? [] : [variant.weightGrams]));
  const weight = priced?.weightGrams ?? (knownWeights.length > 0 ? Math.max(...knownWeights) : null);
  const tags = [...new Set(draft.tags.map(oneLine).filter((tag) => tag !== ""))];
  const candidate = {
    sourceUrl: draft.sourceUrl,
    platform: draft.platform,
    storeOrigin: draft.storeOrigin,
    storeName: blankToNull(draft.storeName),
    title: oneLine(draft.title),
    description:
      draft.description.length > MAX_DESCRIPTION ? `${draft.description.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…` : draft.description,
    currency: draft.currency,
    price: priced?.price ?? "",
    available: variants.some((variant) => variant.available),
    weightGrams: weight,
    dimensionsCm: null,
    images: [...new Set(draft.images)].slice(0, MAX_IMAGES),
    variants,
    productType: blankToNull(draft.productType),
    vendor: blankToNull(draft.vendor),
    tags,
  };
  const parsed = normalizedListingSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, listing: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "listing"}: ${issue.message}`);
  return { ok: false, message: issues.join("; ") };
}
