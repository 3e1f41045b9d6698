import { z } from "zod";
import { fromJsonColumn, fromRows } from "~/domain/stored";
import { personalizationDeclarationSchema } from "~/domain/catalog/personalization";
import type { ListingCardData } from "~/domain/catalog/listing-card";
import { db, Prisma } from "~/utils/db.server";
import { createTtlCache } from "~/utils/ttl-cache.server";
import type { SessionUser } from "~/utils/auth.server";
import { oneOffListingWhere } from "./product-requests.server";

// The raw row of loadCards, checked rather than cast: SQLite gives `available` as 0/1, PostgreSQL as a boolean.
const cardRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleZh: z.string(),
  localizationStatus: z.string(),
  price: z.string(),
  currency: z.string(),
  landedFen: z.number().int().nullable(),
  landedStatus: z.string().nullable(),
  available: z.union([z.boolean(), z.number()]).transform(Boolean),
  storeName: z.string(),
  storeCountry: z.string(),
  imageUrl: z.string().nullable(),
  imageAlt: z.string().nullable(),
});

/**
 * The cards of these listings, in the order given: one lean query (store and first image joined in
 * SQL). Prisma's relation loading with `take: 1` costs more than the whole page's rendering.
 */
export async function loadCards(ids: readonly string[]): Promise<ListingCardData[]> {
  if (ids.length === 0) return [];
  const raw = await db.$queryRaw<
    unknown[]
  >`SELECT l."id", l."title", l."titleZh", l."localizationStatus", l."price", l."currency", l."landedFen", l."landedStatus", l."available",
      s."name" AS "storeName", s."country" AS "storeCountry", i."url" AS "imageUrl", i."alt" AS "imageAlt"
    FROM "Listing" l JOIN "Store" s ON s."id" = l."storeId"
    LEFT JOIN "ListingImage" i ON i."id" = (SELECT f."id" FROM "ListingImage" f WHERE f."listingId" = l."id" ORDER BY f."position" LIMIT 1)
    WHERE l."id" IN (${Prisma.join([...ids])})`;
  const rows = fromRows(cardRowSchema, "Listing, Store, ListingImage", raw);
  const byId = new Map(
    rows.map(({ storeName, storeCountry, imageUrl, imageAlt, available, ...card }) => [
      card.id,
      {
        ...card,
        available,
        store: { name: storeName, country: storeCountry },
        images: imageUrl === null ? [] : [{ url: imageUrl, alt: imageAlt ?? "" }],
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const cardSelect = {
  id: true,
  title: true,
  titleZh: true,
  localizationStatus: true,
  price: true,
  currency: true,
  landedFen: true,
  landedStatus: true,
  available: true,
  store: { select: { name: true, country: true } },
  images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
} as const;

// Every page's header lists the categories and the home page shows the featured listings: both
// change rarely, so each process keeps them for a few seconds.
const cache = createTtlCache(5_000);

export function listCategories() {
  return cache.get("categories", () =>
    db.category.findMany({
      select: { slug: true, nameZh: true, nameEn: true },
      orderBy: { sortOrder: "asc" },
    }),
  );
}

export async function getHomePage() {
  const [categories, featured] = await Promise.all([
    listCategories(),
    cache.get("featured", async () => {
      const rows = await db.listing.findMany({
        where: { status: "PUBLISHED", featured: true },
        select: { id: true },
        orderBy: { createdAt: "desc" },
        take: 12,
      });
      return loadCards(rows.map((row) => row.id));
    }),
  ]);
  return { categories, featured };
}

/** From the cached category list: every category page needs it. */
export async function findCategory(slug: string) {
  return (await listCategories()).find((category) => category.slug === slug) ?? null;
}

/** Countries that have published listings, for the origin filter (kept a few seconds, like the categories). */
export function listOrigins() {
  return cache.get("origins", async () => {
    const stores = await db.store.findMany({
      where: { listings: { some: { status: "PUBLISHED" } } },
      select: { country: true },
      distinct: ["country"],
    });
    return stores.map((store) => store.country).sort();
  });
}

/** A published listing, or a one-off listing ("buy anything" request) for its shopper and staff only. */
/** What a variant is shown and quoted with (its own weight and parcel size, null falling back to the listing's). */
export const listingVariantSelect = {
  id: true,
  title: true,
  titleZh: true,
  price: true,
  available: true,
  weightGrams: true,
  lengthCm: true,
  widthCm: true,
  heightCm: true,
} as const;

export async function getListing(id: string, viewer: Pick<SessionUser, "id" | "role"> | null = null) {
  const listing = await db.listing.findFirst({
    where: { id, OR: [{ status: "PUBLISHED" }, ...oneOffListingWhere(viewer)] },
    select: {
      id: true,
      title: true,
      titleZh: true,
      description: true,
      descriptionZh: true,
      localizationStatus: true,
      price: true,
      currency: true,
      available: true,
      weightGrams: true,
      lengthCm: true,
      widthCm: true,
      heightCm: true,
      taxCategory: true,
      sourceUrl: true,
      domesticShipping: true,
      lastRefreshedAt: true,
      lastRefreshStatus: true,
      verifiedAt: true,
      category: { select: { slug: true, nameZh: true, nameEn: true } },
      store: { select: { slug: true, name: true, country: true, verificationStatus: true } },
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
      variants: {
        select: listingVariantSelect,
        orderBy: { position: "asc" },
      },
      priceSnapshots: { select: { price: true, recordedAt: true }, orderBy: { recordedAt: "desc" }, take: 52 },
      personalization: true,
    },
  });
  if (!listing) return null;
  return {
    ...listing,
    personalization: fromJsonColumn(personalizationDeclarationSchema, "Listing.personalization", listing.personalization),
  };
}

export async function isWatching(userId: string, listingId: string) {
  return (await db.listingWatch.count({ where: { userId, listingId } })) > 0;
}

/** Watch or stop watching a published listing; the price-drop alert starts from the current landed price. */
export async function setWatch(userId: string, listingId: string, watch: boolean, currentTotalFen: number | null) {
  const listing = await db.listing.findFirst({ where: { id: listingId, status: "PUBLISHED" }, select: { id: true } });
  if (!listing) return false;
  if (watch) {
    await db.listingWatch.upsert({
      where: { userId_listingId: { userId, listingId } },
      create: { userId, listingId, lastNotifiedTotalFen: currentTotalFen },
      update: {},
    });
  } else {
    await db.listingWatch.deleteMany({ where: { userId, listingId } });
  }
  return true;
}
