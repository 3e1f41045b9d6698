import { beforeAll, describe, expect, test } from "vitest";
import { parseSearchQuery } from "~/domain/search-query";
import { searchCatalog } from "~/services/catalog-search.server";
import { db, dbProvider } from "~/utils/db.server";
import { seedDemo, seedReference } from "../../prisma/seed";

const search = (params: Record<string, string>) => searchCatalog(parseSearchQuery(new URLSearchParams(params)));
const titles = async (params: Record<string, string>) => (await search(params)).listings.map((listing) => listing.titleZh);
const ids = async (params: Record<string, string>) => (await search(params)).listings.map((listing) => listing.id);

// Listings of this file's own (made-up words no demo listing or thesaurus entry holds), so each
// ranking test knows its whole answer. createdAt is explicit: "newest first" decides ties.
const stores = { jp: "", us: "" };
let serial = 0;
const BASE = Date.UTC(2026, 9, 1);
type Fields = {
  title?: string;
  description?: string;
  available?: boolean;
  category?: "electronics" | "clothing";
  store?: keyof typeof stores;
  landedFen?: number | null;
  minute?: number;
};

async function createListing(fields: Fields) {
  serial += 1;
  const listing = await db.listing.create({
    data: {
      storeId: stores[fields.store ?? "us"],
      categorySlug: fields.category ?? "electronics",
      sourceUrl: `https://cs-store.example.com/products/cs-${serial}`,
      title: fields.title ?? `Plain thing ${serial}`,
      titleZh: `测试商品${serial}`,
      description: fields.description ?? "",
      descriptionZh: "",
      price: "10.00",
      currency: "USD",
      available: fields.available ?? true,
      landedFen: fields.landedFen ?? null,
      weightGrams: 500,
      taxCategory: fields.category ?? "electronics",
      createdAt: new Date(BASE + (fields.minute ?? serial) * 60_000),
      variants: { create: [{ title: "Default", titleZh: "默认", price: "10.00", position: 0 }] },
    },
    select: { id: true },
  });
  return listing.id;
}

beforeAll(async () => {
  await seedReference(db);
  await seedDemo(db);
  const jp = await db.store.create({
    data: {
      slug: "cs-jp",
      name: "Kitamura Yorozu",
      country: "JP",
      currency: "JPY",
      platform: "MANUAL",
      baseUrl: "https://cs-jp.example.com",
    },
  });
  const us = await db.store.create({
    data: {
      slug: "cs-us",
      name: "Lakeshore Dry Goods",
      country: "US",
      currency: "USD",
      platform: "MANUAL",
      baseUrl: "https://cs-us.example.com",
    },
  });
  stores.jp = jp.id;
  stores.us = us.id;
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

describe("ranking with words", () => {
  test("the word in a title ranks above the word only in a description, however new that one is", async () => {
    const inTitle = await createListing({ title: "Wobbelin travel pillow" });
    const inDescription = await createListing({ title: "Travel neck cushion", description: "Softer than any wobbelin you have owned." });
    expect(await ids({ q: "wobbelin" })).toEqual([inTitle, inDescription]);
  });

  test("the exact phrase in a title ranks above the same words scattered, and both above words elsewhere", async () => {
    const phrase = await createListing({ title: "Brindlewick Orvane desk lamp" });
    const scattered = await createListing({ title: "Orvane lamp shade by Brindlewick" });
    const elsewhere = await createListing({ title: "Reading light", description: "In the Brindlewick Orvane style." });
    expect(await ids({ q: "brindlewick orvane" })).toEqual([phrase, scattered, elsewhere]);
    // The phrase tier needs the words in the query's order.
    expect(await ids({ q: "orvane brindlewick" })).toEqual([scattered, phrase, elsewhere]);
  });

  test("available listings come before sold-out ones of the same tier", async () => {
    const available = await createListing({ title: "Tamberloo kite" });
    const soldOut = await createListing({ title: "Tamberloo kite large", available: false });
    const describedOnly = await createListing({ title: "Beach kite", description: "tamberloo" });
    expect(await ids({ q: "tamberloo" })).toEqual([available, soldOut, describedOnly]);
  });

  test("ties (same tier, stock and time) come in a stable order, and page 2 goes on where page 1 stopped", async () => {
    const created: string[] = [];
    for (let index = 0; index < 30; index += 1) created.push(await createListing({ title: `Pellucid coaster ${index}`, minute: 5_000 }));
    const first = await search({ q: "pellucid" });
    expect(first.total).toBe(30);
    expect(first.pages).toBe(2);
    const page1 = first.listings.map((listing) => listing.id);
    expect(page1).toHaveLength(24);
    expect(await ids({ q: "pellucid" })).toEqual(page1);
    const page2 = await ids({ q: "pellucid", page: "2" });
    expect(page2).toHaveLength(6);
    expect(await ids({ q: "pellucid", page: "2" })).toEqual(page2);
    expect(page2.filter((id) => page1.includes(id))).toEqual([]);
    expect([...page1, ...page2].sort()).toEqual([...created].sort());
  });
});

describe("filters and sorts with words", () => {
  const q = "quorvex";
  const made: Record<string, string> = {};

  beforeAll(async () => {
    made.cheapUs = await createListing({ title: "Quorvex cable", landedFen: 8_000 });
    made.midJp = await createListing({ title: "Quorvex adapter", store: "jp", landedFen: 25_000 });
    made.dearJp = await createListing({ title: "Quorvex hub", store: "jp", landedFen: 60_000 });
    made.shirtUs = await createListing({ title: "Quorvex tee", category: "clothing", landedFen: 15_000 });
    made.soldOutJp = await createListing({ title: "Quorvex dock", store: "jp", landedFen: 30_000, available: false });
    made.unpricedUs = await createListing({ title: "Quorvex stand", landedFen: null });
  });

  const set = async (params: Record<string, string>) => (await ids({ q, ...params })).sort();
  const expected = (...names: string[]) => names.map((name) => made[name]).sort();

  test("category, origin, landed price range and stock each narrow the matches", async () => {
    expect(await set({})).toEqual(expected("cheapUs", "midJp", "dearJp", "shirtUs", "soldOutJp", "unpricedUs"));
    expect(await set({ category: "clothing" })).toEqual(expected("shirtUs"));
    expect(await set({ origin: "JP" })).toEqual(expected("midJp", "dearJp", "soldOutJp"));
    // ¥100–¥300 on the landed price, both ends included; an unknown price is not in any range.
    expect(await set({ minCny: "100", maxCny: "300" })).toEqual(expected("midJp", "shirtUs", "soldOutJp"));
    expect(await set({ maxCny: "80" })).toEqual(expected("cheapUs"));
    expect(await set({ inStock: "on" })).toEqual(expected("cheapUs", "midJp", "dearJp", "shirtUs", "unpricedUs"));
  });

  test("filters combine with each other and with the relevance order", async () => {
    expect(await ids({ q, origin: "JP", inStock: "on", minCny: "200" })).toEqual([made.dearJp, made.midJp]);
    expect(await ids({ q, origin: "JP", category: "clothing" })).toEqual([]);
    const ranked = await search({ q, category: "electronics" });
    expect(ranked.total).toBe(5);
    // Available before sold out, then newest first.
    expect(ranked.listings.map((listing) => listing.id)).toEqual([made.unpricedUs, made.dearJp, made.midJp, made.cheapUs, made.soldOutJp]);
  });

  test("price_asc and price_desc order the matches by landed price, unknown prices last, with filters", async () => {
    expect(await ids({ q, sort: "price_asc" })).toEqual([
      made.cheapUs,
      made.shirtUs,
      made.midJp,
      made.soldOutJp,
      made.dearJp,
      made.unpricedUs,
    ]);
    expect(await ids({ q, sort: "price_desc" })).toEqual([
      made.dearJp,
      made.soldOutJp,
      made.midJp,
      made.shirtUs,
      made.cheapUs,
      made.unpricedUs,
    ]);
    expect(await ids({ q, sort: "price_asc", origin: "JP", inStock: "on" })).toEqual([made.midJp, made.dearJp]);
    expect(await ids({ q, sort: "price_desc", maxCny: "250" })).toEqual([made.midJp, made.shirtUs, made.cheapUs]);
    const sorted = await search({ q, sort: "price_asc", category: "clothing" });
    expect(sorted.sort).toBe("price_asc");
    expect(sorted.listings.map((listing) => listing.id)).toEqual([made.shirtUs]);
  });
});
