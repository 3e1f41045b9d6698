import { db } from "~/utils/db.server";
import { createTtlCache } from "~/utils/ttl-cache.server";

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
    cache.get("featured", () =>
      db.listing.findMany({
        where: { status: "PUBLISHED", featured: true },
        select: cardSelect,
        orderBy: { createdAt: "desc" },
        take: 12,
      }),
    ),
  ]);
  return { categories, featured };
}

export async function findCategory(slug: string) {
  return db.category.findUnique({ where: { slug }, select: { slug: true, nameZh: true, nameEn: true } });
}

/** Countries that have published listings, for the origin filter. */
export async function listOrigins() {
  const stores = await db.store.findMany({ where: { listings: { some: { status: "PUBLISHED" } } }, select: { country: true }, distinct: ["country"] });
  return stores.map((store) => store.country).sort();
}

export async function getListing(id: string) {
  return db.listing.findFirst({
    where: { id, status: "PUBLISHED" },
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
      lastRefreshedAt: true,
      lastRefreshStatus: true,
      category: { select: { slug: true, nameZh: true, nameEn: true } },
      store: { select: { name: true, country: true } },
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
      variants: { select: { id: true, title: true, titleZh: true, price: true, available: true, weightGrams: true }, orderBy: { position: "asc" } },
      priceSnapshots: { select: { price: true, recordedAt: true }, orderBy: { recordedAt: "desc" }, take: 52 },
    },
  });
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

export type ListingCardData = Awaited<ReturnType<typeof getHomePage>>["featured"][number];
