import { guessCategory, FALLBACK_CATEGORY } from "~/domain/category-guess";
import type { NormalizedListing } from "~/domain/catalog/normalized-listing";
import type { ManualListingForm } from "~/domain/listing-forms";
import { draftChineseListing } from "~/domain/localization";
import type { Role } from "~/domain/auth/roles";
import { storeOrigin, storeSlug } from "~/domain/store-origin";
import { fetchListing, fetchShopifyCatalog, type StoreResult } from "~/integrations/stores/index.server";
import { db } from "~/utils/db.server";
import { isUniqueViolation, lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { recomputeListingPrices } from "./listing-prices.server";
import { syncListingVariants } from "./listing-variants.server";

export type ImportError = { code: string; message: string };
/** A store's product as the adapters normalize it, or as an agent typed it in (platform MANUAL). */
export type ListingSource = Omit<NormalizedListing, "platform"> & { platform: NormalizedListing["platform"] | "MANUAL" };
export type ImportedListing = Awaited<ReturnType<typeof summarize>>;
/**
 * `refreshed`: the store's data was written (a new listing, or an update of the one with this link).
 * A shopper re-importing a published listing gets it as it is, unwritten.
 */
export type ImportOutcome =
  { ok: true; created: boolean; refreshed: boolean; listing: ImportedListing } | { ok: false; error: ImportError };
/** Who asked for an import through the web (the CLI, jobs and seeds pass none: they may refresh anything). */
export type Importer = { id: string; role: Role };
export type ImportOptions = { importedById?: string | null; importer?: Importer };

/**
 * What an importer may do with the listing that already has this link: staff refresh any; a shopper
 * refreshes only their own draft, gets a published listing as it is, and never sees another's draft.
 */
function reimportRight(importer: Importer | undefined, listing: { status: string; importedById: string | null }) {
  if (!importer || importer.role === "AGENT" || importer.role === "ADMIN") return "refresh" as const;
  if (listing.status === "PUBLISHED") return "show" as const;
  return listing.importedById === importer.id ? ("refresh" as const) : ("refuse" as const);
}

const IMPORTED_BY_OTHER: ImportError = {
  code: "IMPORTED_BY_OTHER",
  message: "Someone already imported this product; it is waiting for an agent's review.",
};

const listingSummarySelect = {
  id: true,
  title: true,
  titleZh: true,
  currency: true,
  price: true,
  available: true,
  weightGrams: true,
  status: true,
  localizationStatus: true,
  images: { select: { url: true }, orderBy: { position: "asc" } },
  variants: { select: { title: true, price: true, available: true, sku: true }, orderBy: { position: "asc" } },
} as const;

async function summarize(id: string) {
  const row = await db.listing.findUniqueOrThrow({ where: { id }, select: listingSummarySelect });
  return { ...row, images: row.images.map((image) => image.url) };
}

async function registeredStore(origin: string) {
  return db.store.findFirst({ where: { baseUrl: origin }, select: { id: true, currency: true, country: true } });
}

/** The store a listing belongs to: the registered one, or a new record for an unregistered store. */
async function ensureStore(listing: ListingSource): Promise<{ ok: true; id: string } | { ok: false; error: ImportError }> {
  const known = await registeredStore(listing.storeOrigin);
  if (known) return { ok: true, id: known.id };
  const host = new URL(listing.storeOrigin).hostname;
  const country = storeOrigin(host, listing.currency);
  if (!country) {
    return {
      ok: false,
      error: { code: "ORIGIN_UNKNOWN", message: `Cannot tell which country ${host} ships from; an admin must register the store first.` },
    };
  }
  const store = await db.store.upsert({
    where: { slug: storeSlug(host) },
    create: {
      slug: storeSlug(host),
      name: listing.storeName ?? host,
      country,
      currency: listing.currency,
      platform: listing.platform,
      baseUrl: listing.storeOrigin,
    },
    update: {},
    select: { id: true },
  });
  return { ok: true, id: store.id };
}

async function ensureCategory(slug: string) {
  if (slug !== FALLBACK_CATEGORY) return slug;
  await db.category.upsert({
    where: { slug },
    create: { slug, nameZh: "其他", nameEn: "Other", taxCategory: "general", sortOrder: 99 },
    update: {},
  });
  return slug;
}

/**
 * Writes a store's product as a listing: a new Chinese draft, or an update of the listing with the
 * same source URL (history kept, a price snapshot when price or availability changed, a reviewed
 * translation kept). One transaction: never a half-made listing.
 */
export async function saveNormalizedListing(normalized: ListingSource, options: ImportOptions = {}): Promise<ImportOutcome> {
  const store = await ensureStore(normalized);
  if (!store.ok) return store;
  const category = await ensureCategory(guessCategory(normalized.productType, normalized.title, normalized.tags.join(" ")));
  const draft = draftChineseListing({
    title: normalized.title,
    description: normalized.description,
    productType: normalized.productType,
    vendor: normalized.vendor,
    variants: normalized.variants,
  });
  const taxCategory =
    (await db.category.findUnique({ where: { slug: category }, select: { taxCategory: true } }))?.taxCategory ?? "general";
  const images = normalized.images.map((url, position) => ({ url, alt: `${draft.titleZh} ${position + 1}`, position }));
  const variants = normalized.variants.map((variant, position) => ({
    title: variant.title,
    titleZh: draft.variantTitlesZh[position] ?? variant.title,
    sku: variant.sku,
    price: variant.price,
    available: variant.available,
    weightGrams: variant.weightGrams,
    position,
  }));
  const importedById = options.importedById ?? options.importer?.id ?? null;
  const now = new Date();
  const source = {
    title: normalized.title,
    description: normalized.description,
    price: normalized.price,
    currency: normalized.currency,
    available: normalized.available,
    weightGrams: normalized.weightGrams,
    lastRefreshedAt: now,
    lastRefreshStatus: "OK",
  };

  // Two imports of one link at once: on PostgreSQL the listing's row lock makes the second update wait
  // for the first (and read its price for the snapshot), and when both find no listing the unique
  // source URL refuses the second insert, which then runs again as an update.
  const write = () =>
    transactionWithRetry(async (tx) => {
      const found = await tx.listing.findUnique({ where: { sourceUrl: normalized.sourceUrl }, select: { id: true } });
      if (found) await lockRow(tx, "Listing", found.id);
      const existing =
        found &&
        (await tx.listing.findUnique({
          where: { id: found.id },
          select: { id: true, price: true, available: true, localizationStatus: true, weightGrams: true, status: true, importedById: true },
        }));
      if (!existing) {
        const row = await tx.listing.create({
          data: {
            ...source,
            storeId: store.id,
            categorySlug: category,
            sourceUrl: normalized.sourceUrl,
            titleZh: draft.titleZh,
            descriptionZh: draft.descriptionZh,
            localizationStatus: "DRAFT",
            status: "DRAFT",
            taxCategory,
            importedById,
            images: { create: images },
            variants: { create: variants },
            priceSnapshots: { create: { price: normalized.price, available: normalized.available, recordedAt: now } },
          },
          select: { id: true },
        });
        return { id: row.id, created: true, refreshed: true };
      }
      const right = reimportRight(options.importer, existing);
      if (right === "refuse") return null;
      if (right === "show") return { id: existing.id, created: false, refreshed: false };
      const keepTranslation = existing.localizationStatus === "REVIEWED";
      await tx.listing.update({
        where: { id: existing.id },
        data: {
          ...source,
          // An agent's measured weight beats a store that states none.
          weightGrams: normalized.weightGrams ?? existing.weightGrams,
          ...(keepTranslation ? {} : { titleZh: draft.titleZh, descriptionZh: draft.descriptionZh }),
        },
      });
      await tx.listingImage.deleteMany({ where: { listingId: existing.id } });
      await tx.listingImage.createMany({ data: images.map((image) => ({ ...image, listingId: existing.id })) });
      // In place: carts and orders name variants by id. A reviewed translation keeps its variant titles.
      await syncListingVariants(
        tx,
        existing.id,
        variants.map(({ position: _position, ...variant }) => (keepTranslation ? { ...variant, titleZh: undefined } : variant)),
      );
      if (existing.price !== normalized.price || existing.available !== normalized.available) {
        await tx.priceSnapshot.create({
          data: { listingId: existing.id, price: normalized.price, available: normalized.available, recordedAt: now },
        });
      }
      return { id: existing.id, created: false, refreshed: true };
    });
  const written = await write().catch((error: unknown) => {
    if (isUniqueViolation(error)) return write();
    throw error;
  });
  if (!written) return { ok: false, error: IMPORTED_BY_OTHER };
  const { id, created, refreshed } = written;
  if (refreshed) await recomputeListingPrices([id]);
  return { ok: true, created, refreshed, listing: await summarize(id) };
}

/** Import by link: fetch the product through its store adapter, then save it as a Chinese draft. */
export async function importListing(url: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { ok: false, error: { code: "INVALID_URL", message: "That is not a link (it should start with https://)." } };
  }
  const store = await registeredStore(origin);
  const fetched: StoreResult = await fetchListing(url, { storeCurrency: store?.currency ?? null });
  if (!fetched.ok) return { ok: false, error: fetched.error };
  if (fetched.notModified) return { ok: false, error: { code: "NOT_MODIFIED", message: "The store reported no change." } };
  return saveNormalizedListing(fetched.listing, options);
}

/** A whole Shopify store through /products.json, page by page; each product saved on its own. */
export async function* importStoreCatalog(
  origin: string,
  options: { currency: string; importedById?: string | null; onPage?: (page: number, count: number) => void },
) {
  for await (const item of fetchShopifyCatalog(origin, { currency: options.currency, onPage: options.onPage })) {
    if (!item.ok) {
      yield { url: origin, outcome: { ok: false as const, error: item.error } };
      return;
    }
    yield { url: item.listing.sourceUrl, outcome: await saveNormalizedListing(item.listing, options) };
  }
}

export async function findStoreCurrency(origin: string) {
  return (await registeredStore(origin))?.currency ?? null;
}

/** An agent's manual entry for a registered store: saved like an import, as a Chinese draft. */
export async function createManualListing(form: ManualListingForm, agentId: string): Promise<ImportOutcome> {
  const store = await db.store.findUnique({ where: { id: form.storeId }, select: { baseUrl: true, currency: true, name: true } });
  if (!store) return { ok: false, error: { code: "STORE_UNKNOWN", message: "Choose a registered store." } };
  if (new URL(form.sourceUrl).origin !== store.baseUrl) {
    return { ok: false, error: { code: "URL_NOT_IN_STORE", message: `The product link must be on ${store.baseUrl}.` } };
  }
  const available = form.available ?? false;
  return saveNormalizedListing(
    {
      sourceUrl: form.sourceUrl,
      platform: "MANUAL",
      storeOrigin: store.baseUrl,
      storeName: store.name,
      title: form.title,
      description: form.description ?? "",
      currency: store.currency,
      price: form.price,
      available,
      weightGrams: form.weightGrams ?? null,
      dimensionsCm: null,
      images: form.imageUrls,
      variants: [{ title: "Default", price: form.price, available, sku: null, weightGrams: form.weightGrams ?? null }],
      productType: null,
      vendor: null,
      tags: [],
    },
    { importedById: agentId },
  );
}

export async function listRegisteredStores() {
  return db.store.findMany({ select: { id: true, name: true, baseUrl: true, currency: true, country: true }, orderBy: { name: "asc" } });
}
