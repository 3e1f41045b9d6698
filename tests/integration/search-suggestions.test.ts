import { beforeAll, describe, expect, test } from "vitest";
import { loader as categoryLoader } from "~/routes/c.$slug";
import { loader as importLoader } from "~/routes/import._index";
import { loader as searchLoader } from "~/routes/search";
import type { SearchSuggestions } from "~/services/search-suggestions.server";
import { db } from "~/utils/db.server";
import { seedDemo, seedReference } from "../../prisma/seed";
import { createTestUser, getRequest } from "./helpers";

type SearchData = { total: number; listings: { id: string; titleZh: string }[]; suggestions: SearchSuggestions | null };

async function page(url: string, load = searchLoader, params: Record<string, string> = {}, cookie?: string): Promise<SearchData> {
  const response = await load({ request: getRequest(url, cookie), params, context: {} });
  return (await response.json()) as SearchData;
}

beforeAll(async () => {
  await seedReference(db);
  await seedDemo(db);
});

describe("a search that finds nothing", () => {
  test("results never come with suggestions", async () => {
    const found = await page("/search?q=耳机");
    expect(found.total).toBeGreaterThan(0);
    expect(found.suggestions).toBeNull();
  });

  test("a misspelt English word: the known spelling, with what it finds", async () => {
    const data = await page("/search?q=headphnoes");
    expect(data.total).toBe(0);
    expect(data.suggestions?.spellings[0]).toMatchObject({ q: "headphone" });
    expect(data.suggestions?.spellings[0]?.count).toBeGreaterThan(0);
    const corrected = await page(`/search?q=${encodeURIComponent(data.suggestions?.spellings[0]?.q ?? "")}`);
    expect(corrected.listings.some((listing) => listing.titleZh.includes("耳机"))).toBe(true);
  });

  test("two words that never meet: each word alone with its count, and the categories near them", async () => {
    const data = await page(`/search?q=${encodeURIComponent("抹茶 耳机")}`);
    expect(data.total).toBe(0);
    expect(data.suggestions?.words.map((word) => word.q).sort()).toEqual(["抹茶", "耳机"]);
    for (const word of data.suggestions?.words ?? [])
      expect(word.count).toBe((await page(`/search?q=${encodeURIComponent(word.q)}`)).total);
    expect(data.suggestions?.categories.map((category) => category.slug)).toEqual(expect.arrayContaining(["electronics", "food"]));
  });

  test("filters that hide every match: the same words without them", async () => {
    const unfiltered = await page("/search?q=耳机");
    const data = await page("/search?q=耳机&maxCny=1");
    expect(data.total).toBe(0);
    expect(data.suggestions?.withoutFilters).toBe(unfiltered.total);
    const inCategory = await page("/c/food?q=耳机", categoryLoader, { slug: "food" });
    expect(inCategory.total).toBe(0);
    expect(inCategory.suggestions?.withoutFilters).toBe(unfiltered.total);
  });

  test("nothing related: the shop's categories to browse, and the import by link", async () => {
    const data = await page("/search?q=雪地摩托");
    expect(data.total).toBe(0);
    expect(data.suggestions?.categories.length).toBeGreaterThan(0);
    expect(data.suggestions?.importUrl).toBeNull();
    const punctuation = await page(`/search?q=${encodeURIComponent("!!! ???")}`);
    expect(punctuation.total).toBe(0);
    expect(punctuation.suggestions?.categories.length).toBeGreaterThan(0);
  });

  test("a link pasted into the search box goes to the import form, filled in", async () => {
    const link = "https://shop.example.de/p/123";
    const data = await page(`/search?q=${encodeURIComponent(link)}`);
    expect(data.suggestions?.importUrl).toBe(link);
    const { cookie } = await createTestUser();
    const form = await importLoader({ request: getRequest(`/import?url=${encodeURIComponent(link)}`, cookie), params: {}, context: {} });
    expect(await form.json()).toEqual({ url: link });
    const bad = await importLoader({
      request: getRequest(`/import?url=${encodeURIComponent("javascript:alert(1)")}`, cookie),
      params: {},
      context: {},
    });
    expect(await bad.json()).toEqual({ url: "" });
  });
});
