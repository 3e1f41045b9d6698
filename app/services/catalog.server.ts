import { db } from "~/utils/db.server";

const cardSelect = {
  id: true,
  title: true,
  titleZh: true,
  localizationStatus: true,
  price: true,
  currency: true,
  available: true,
  store: { select: { name: true, country: true } },
  images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
} as const;

export const PAGE_SIZE = 24;

export async function listCategories() {
  return db.category.findMany({
    select: { slug: true, nameZh: true, nameEn: true },
    orderBy: { sortOrder: "asc" },
  });
}

export async function getHomePage() {
  const [categories, featured] = await Promise.all([
    listCategories(),
    db.listing.findMany({
      where: { status: "PUBLISHED", featured: true },
      select: cardSelect,
      orderBy: { createdAt: "desc" },
      take: 12,
    }),
  ]);
  return { categories, featured };
}

export async function getCategoryPage(slug: string, page: number) {
  const category = await db.category.findUnique({ where: { slug }, select: { slug: true, nameZh: true, nameEn: true } });
  if (!category) return null;
  const where = { status: "PUBLISHED", categorySlug: slug };
  const [total, listings] = await Promise.all([
    db.listing.count({ where }),
    db.listing.findMany({ where, select: cardSelect, orderBy: { createdAt: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  return { category, listings, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function searchListings(query: string, page: number) {
  const where = {
    status: "PUBLISHED",
    OR: [{ titleZh: { contains: query } }, { title: { contains: query } }, { descriptionZh: { contains: query } }],
  };
  const [total, listings] = await Promise.all([
    db.listing.count({ where }),
    db.listing.findMany({ where, select: cardSelect, orderBy: { createdAt: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  return { listings, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
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
      category: { select: { slug: true, nameZh: true, nameEn: true } },
      store: { select: { name: true, country: true } },
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
      variants: { select: { id: true, title: true, titleZh: true, price: true, available: true }, orderBy: { position: "asc" } },
    },
  });
}

export type ListingCardData = Awaited<ReturnType<typeof getHomePage>>["featured"][number];
