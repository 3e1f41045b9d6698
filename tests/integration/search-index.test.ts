import { beforeAll, describe, expect, test } from "vitest";
import { parseSearchQuery } from "~/domain/search-query";
import { searchCatalog } from "~/services/catalog-search.server";
import { drainAllSearchQueue, drainSearchQueue, rebuildSearchIndex, searchQueueLength } from "~/services/search-index.server";
import { db, dbProvider } from "~/utils/db.server";
import { seedReference } from "../../prisma/seed";

// The search index follows the catalog through the triggers' queue: every change below is made with
// plain Prisma writes (as a service, the seed or an operator would) and found by the next search,
// which drains what is queued before it reads.

const ids = async (q: string, params: Record<string, string> = {}) =>
  (await searchCatalog(parseSearchQuery(new URLSearchParams({ q, ...params })))).listings.map((listing) => listing.id);

const count = async (sql: "entries" | "fts" | "queue") => {
  const table = { entries: "ListingSearchEntry", fts: "ListingSearchFts", queue: "ListingSearchQueue" }[sql];
  const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${table}"`);
  return Number(rows[0]?.n ?? 0);
};

let storeId = "";
let otherStoreId = "";
let serial = 0;
const BASE = Date.UTC(2026, 10, 1);

type Fields = {
  title?: string;
  titleZh?: string;
  description?: string;
  available?: boolean;
  status?: string;
  category?: string;
  store?: string;
};

async function createListing(fields: Fields = {}, variants: string[] = ["Default"]) {
  serial += 1;
  return db.listing.create({
    data: {
      storeId: fields.store ?? storeId,
      categorySlug: fields.category ?? "si-gadgets",
      sourceUrl: `https://si-store.example.com/products/si-${serial}`,
      title: fields.title ?? `Plain item ${serial}`,
      titleZh: fields.titleZh ?? `普通商品${serial}`,
      description: fields.description ?? "",
      descriptionZh: "",
      status: fields.status ?? "PUBLISHED",
      price: "10.00",
      currency: "USD",
      available: fields.available ?? true,
      weightGrams: 500,
      taxCategory: "electronics",
      createdAt: new Date(BASE + serial * 60_000),
      variants: { create: variants.map((title, position) => ({ title, titleZh: title, price: "10.00", position })) },
    },
    select: { id: true },
  });
}

beforeAll(async () => {
  await seedReference(db);
  await db.category.create({
    data: { slug: "si-gadgets", nameZh: "小工具", nameEn: "Gadgets", taxCategory: "electronics", sortOrder: 90 },
  });
  await db.category.create({ data: { slug: "si-spare", nameZh: "备件", nameEn: "Spares", taxCategory: "electronics", sortOrder: 91 } });
  const store = await db.store.create({
    data: {
      slug: "si-store",
      name: "Plainfield Goods",
      country: "US",
      currency: "USD",
      platform: "MANUAL",
      baseUrl: "https://si-store.example.com",
    },
  });
  const other = await db.store.create({
    data: {
      slug: "si-other",
      name: "Elsewhere Shop",
      country: "US",
      currency: "USD",
      platform: "MANUAL",
      baseUrl: "https://si-other.example.com",
    },
  });
  storeId = store.id;
  otherStoreId = other.id;
  await drainAllSearchQueue();
});

describe("the index follows the catalog", () => {
  test("an edited title: the new word is found, the old one no longer", async () => {
    const listing = await createListing({ title: "Zorblat lantern" });
    expect(await ids("zorblat")).toEqual([listing.id]);
    await db.listing.update({ where: { id: listing.id }, data: { title: "Quimbly lantern" } });
    expect(await ids("quimbly")).toEqual([listing.id]);
    expect(await ids("zorblat")).toEqual([]);
  });

  test("a renamed variant: the new name is found, the old one no longer", async () => {
    const listing = await createListing({}, ["Glimmerfrost", "Standard"]);
    expect(await ids("glimmerfrost")).toEqual([listing.id]);
    const variant = await db.listingVariant.findFirstOrThrow({ where: { listingId: listing.id, title: "Glimmerfrost" } });
    await db.listingVariant.update({ where: { id: variant.id }, data: { title: "Duskwhorl", titleZh: "暮色款" } });
    expect(await ids("duskwhorl")).toEqual([listing.id]);
    expect(await ids("glimmerfrost")).toEqual([]);
    await db.listingVariant.create({ data: { listingId: listing.id, title: "Brassknot", titleZh: "黄铜结", price: "10.00", position: 2 } });
    expect(await ids("brassknot")).toEqual([listing.id]);
    await db.listingVariant.deleteMany({ where: { listingId: listing.id, title: "Brassknot" } });
    expect(await ids("brassknot")).toEqual([]);
  });

  test("a renamed category and a renamed store are found by their new names", async () => {
    const inSpare = await createListing({ category: "si-spare", store: otherStoreId });
    expect(await ids("spares")).toEqual([inSpare.id]);
    await db.category.update({ where: { slug: "si-spare" }, data: { nameEn: "Sprocketry", nameZh: "链轮件" } });
    expect(await ids("sprocketry")).toEqual([inSpare.id]);
    expect(await ids("spares")).toEqual([]);

    expect(await ids("elsewhere")).toEqual([inSpare.id]);
    await db.store.update({ where: { id: otherStoreId }, data: { name: "Farrowdale Trading" } });
    expect(await ids("farrowdale")).toEqual([inSpare.id]);
    expect(await ids("elsewhere")).toEqual([]);
  });

  test("unpublish → gone, republish → back, delete → gone from the index rows too", async () => {
    const listing = await createListing({ title: "Vontaria kettle" });
    expect(await ids("vontaria")).toEqual([listing.id]);
    await db.listing.update({ where: { id: listing.id }, data: { status: "DRAFT" } });
    expect(await ids("vontaria")).toEqual([]);
    await db.listing.update({ where: { id: listing.id }, data: { status: "PUBLISHED" } });
    expect(await ids("vontaria")).toEqual([listing.id]);
    await db.listing.delete({ where: { id: listing.id } });
    expect(await ids("vontaria")).toEqual([]);
    const entries = await db.$queryRaw<
      { n: bigint | number }[]
    >`SELECT COUNT(*) AS n FROM "ListingSearchEntry" WHERE "listingId" = ${listing.id}`;
    expect(Number(entries[0]?.n)).toBe(0);
  });

  test("sold out moves a listing below the available ones; back in stock moves it up again", async () => {
    const older = await createListing({ title: "Hexplume gloves" });
    const newer = await createListing({ title: "Hexplume scarf" });
    expect(await ids("hexplume")).toEqual([newer.id, older.id]);
    await db.listing.update({ where: { id: newer.id }, data: { available: false } });
    expect(await ids("hexplume")).toEqual([older.id, newer.id]);
    await db.listing.update({ where: { id: newer.id }, data: { available: true } });
    expect(await ids("hexplume")).toEqual([newer.id, older.id]);
  });
});

describe("rebuildSearchIndex", () => {
  test("restores a wiped index and removes an orphan entry", async () => {
    const listing = await createListing({ title: "Murrowind clock" });
    expect(await ids("murrowind")).toEqual([listing.id]);
    const published = await db.listing.count({ where: { status: "PUBLISHED" } });
    expect(await count("entries")).toBe(published);

    await db.$executeRawUnsafe(`DELETE FROM "ListingSearchEntry"`);
    if (dbProvider === "sqlite") await db.$executeRawUnsafe(`DELETE FROM "ListingSearchFts"`);
    expect(await ids("murrowind")).toEqual([]);

    // An entry of a listing that no longer exists (deleted behind the triggers' back).
    if (dbProvider === "sqlite") {
      await db.$executeRaw`INSERT INTO "ListingSearchEntry" ("listingId", "key") VALUES ('ghost-listing', 42)`;
      await db.$executeRaw`INSERT INTO "ListingSearchFts" (rowid, "listingId", "titles", "extra", "body", "chars") VALUES (42, 'ghost-listing', 'murrowind', '', '', '')`;
    } else {
      await db.$executeRaw`INSERT INTO "ListingSearchEntry" ("listingId", "key", "doc", "titles") VALUES ('ghost-listing', 42, 'murrowind:1A'::tsvector, 'murrowind:1'::tsvector)`;
    }
    expect(await count("entries")).toBe(1);

    const progress: [number, number][] = [];
    const indexed = await rebuildSearchIndex((done, waiting) => progress.push([done, waiting]));
    expect(indexed).toBe((await db.listing.count()) + 1);
    expect(progress.at(-1)).toEqual([indexed, 0]);
    expect(await count("entries")).toBe(published);
    if (dbProvider === "sqlite") expect(await count("fts")).toBe(published);
    expect(await count("queue")).toBe(0);
    expect(await ids("murrowind")).toEqual([listing.id]);
    const ghost = await db.$queryRaw<
      { n: bigint | number }[]
    >`SELECT COUNT(*) AS n FROM "ListingSearchEntry" WHERE "listingId" = 'ghost-listing'`;
    expect(Number(ghost[0]?.n)).toBe(0);
  });
});

describe("concurrent drains", () => {
  test("two drains at once index every queued listing exactly once", async () => {
    await drainAllSearchQueue();
    const created: string[] = [];
    for (let index = 0; index < 300; index += 1) {
      const listing = await createListing({ title: `Crowdline item ${index}`, status: index % 10 === 9 ? "DRAFT" : "PUBLISHED" });
      created.push(listing.id);
    }
    expect(await searchQueueLength()).toBe(300);

    // Each loop drains in small batches until the queue is empty; on PostgreSQL the two really run
    // at once (SKIP LOCKED hands them different rows), on SQLite the writes take turns.
    const loop = async () => {
      let taken = 0;
      for (;;) {
        const batch = await drainSearchQueue(40);
        if (batch === 0) return taken;
        taken += batch;
      }
    };
    // (A third, single drain of 500 would take the whole queue at once and leave the loops nothing.)
    const [first, second] = await Promise.all([loop(), loop()]);
    expect((first ?? 0) + (second ?? 0)).toBe(300);
    expect(await searchQueueLength()).toBe(0);
    // Neither waited for the other to finish: both took batches off the one queue.
    if (dbProvider === "postgresql") expect([first, second].every((taken) => (taken ?? 0) > 0)).toBe(true);

    const published = await db.listing.count({ where: { status: "PUBLISHED" } });
    expect(await count("entries")).toBe(published);
    if (dbProvider === "sqlite") expect(await count("fts")).toBe(published);
    const duplicateKeys = await db.$queryRaw<unknown[]>`SELECT "key" FROM "ListingSearchEntry" GROUP BY "key" HAVING COUNT(*) > 1`;
    expect(duplicateKeys).toEqual([]);
    const entries = await db.$queryRaw<{ listingId: string }[]>`SELECT "listingId" FROM "ListingSearchEntry"`;
    const indexed = new Set(entries.map((entry) => entry.listingId));
    expect(created.filter((id, index) => index % 10 !== 9 && !indexed.has(id))).toEqual([]);
    expect(created.filter((id, index) => index % 10 === 9 && indexed.has(id))).toEqual([]);
    const result = await searchCatalog(parseSearchQuery(new URLSearchParams({ q: "crowdline" })));
    expect(result.total).toBe(270);
  });
});
