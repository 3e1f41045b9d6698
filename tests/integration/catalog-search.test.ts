import { beforeAll, describe, expect, test } from "vitest";
import { parseSearchQuery } from "~/domain/search-query";
import { searchCatalog } from "~/services/catalog-search.server";
import { db, dbProvider } from "~/utils/db.server";
import { seedDemo, seedReference } from "../../prisma/seed";

const search = (params: Record<string, string>) => searchCatalog(parseSearchQuery(new URLSearchParams(params)));
const titles = async (params: Record<string, string>) => (await search(params)).listings.map((listing) => listing.titleZh);

beforeAll(async () => {
  await seedReference(db);
  await seedDemo(db);
});

describe("catalog search", () => {
  test("finds listings by Chinese words, including substrings, and by original words", async () => {
    expect((await titles({ q: "耳机" })).some((title) => title.includes("WH-900"))).toBe(true);
    expect((await titles({ q: "降噪耳机" })).some((title) => title.includes("WH-900"))).toBe(true);
    expect((await titles({ q: "headphones" })).some((title) => title.includes("WH-900"))).toBe(true);
    expect((await titles({ q: "抹茶" })).length).toBeGreaterThan(0);
    expect((await titles({ q: "Merino wool" })).length).toBeGreaterThan(0);
    expect((await search({ q: "zzzz-nothing-like-this" })).total).toBe(0);
  });

  test("letter case does not matter, for long and short terms alike (on both databases)", async () => {
    const ids = async (q: string) => (await search({ q })).listings.map((listing) => listing.id);
    const lower = await ids("headphones");
    expect(lower.length).toBeGreaterThan(0);
    expect(await ids("HEADPHONES")).toEqual(lower);
    expect(await ids("HeadPhones")).toEqual(lower);
    const short = await ids("wh");
    expect(short.length).toBeGreaterThan(0);
    expect(await ids("WH")).toEqual(short);
  });

  test("query syntax in the box is just text", async () => {
    const result = await search({ q: '" OR title MATCH "*' });
    expect(result.total).toBe(0);
  });

  test("filters by origin, CNY price range and stock; sorts by price both ways", async () => {
    const japan = await search({ origin: "JP" });
    expect(japan.total).toBeGreaterThan(0);
    expect(japan.listings.every((listing) => listing.store.country === "JP")).toBe(true);

    const range = await search({ minCny: "100", maxCny: "500", sort: "price_asc" });
    const fen = range.listings.map((listing) => listing.landedFen ?? -1);
    expect(fen.every((value) => value >= 10_000 && value <= 50_000)).toBe(true);
    expect([...fen].sort((a, b) => a - b)).toEqual(fen);

    const desc = (await search({ sort: "price_desc" })).listings.map((listing) => listing.landedFen ?? -1);
    expect([...desc].sort((a, b) => b - a)).toEqual(desc);

    expect((await search({ inStock: "on" })).listings.every((listing) => listing.available)).toBe(true);
  });

  test("the index follows every change to a listing", async () => {
    const listing = await db.listing.findFirstOrThrow({ select: { id: true } });
    await db.listing.update({ where: { id: listing.id }, data: { titleZh: "独一无二的测试商品名称" } });
    expect((await search({ q: "独一无二" })).listings.map((found) => found.id)).toEqual([listing.id]);
    await db.listing.update({ where: { id: listing.id }, data: { status: "DRAFT" } });
    expect((await search({ q: "独一无二" })).total).toBe(0);
    await db.listing.delete({ where: { id: listing.id } });
    await search({ q: "独一无二" });
    // Nothing of it stays in the index (on SQLite, the FTS5 row goes with the entry).
    const rows = await db.$queryRaw<
      { n: bigint | number }[]
    >`SELECT COUNT(*) AS n FROM "ListingSearchEntry" WHERE "listingId" = ${listing.id}`;
    expect(Number(rows[0]?.n)).toBe(0);
    if (dbProvider === "sqlite") {
      const fts = await db.$queryRaw<
        { n: bigint | number }[]
      >`SELECT COUNT(*) AS n FROM "ListingSearchFts" WHERE "listingId" = ${listing.id}`;
      expect(Number(fts[0]?.n)).toBe(0);
    }
  });

  test("pages hold 24 listings and count the whole result", async () => {
    const first = await search({});
    const second = await search({ page: "2" });
    expect(first.listings).toHaveLength(24);
    expect(first.pages).toBe(Math.ceil(first.total / 24));
    expect(second.listings.map((listing) => listing.id)).not.toContain(first.listings[0]?.id);
  });
});
