import { describe, expect, test } from "vitest";
import { parseSearchQuery } from "~/domain/search-query";

describe("search query string", () => {
  test("a long query is cut to 100 characters; a pasted link keeps its length", () => {
    expect(parseSearchQuery(new URLSearchParams({ q: `  ${"耳".repeat(150)}` })).q).toBe("耳".repeat(100));
    const link = `https://shop.example.com/p/${"x".repeat(300)}`;
    expect(parseSearchQuery(new URLSearchParams({ q: link })).q).toBe(link);
  });

  test("bad parameters fall back instead of failing the page", () => {
    const query = parseSearchQuery(
      new URLSearchParams({ q: "耳机", minCny: "-5", maxCny: "abc", origin: "usa", sort: "cheapest", page: "0", inStock: "on" }),
    );
    expect(query).toMatchObject({
      q: "耳机",
      minCny: undefined,
      maxCny: undefined,
      origin: undefined,
      sort: "relevance",
      page: 1,
      inStock: true,
    });
  });

  test("without words the default sort is newest", () => {
    expect(parseSearchQuery(new URLSearchParams({ minCny: "100", maxCny: "500" }))).toMatchObject({
      sort: "newest",
      minCny: 100,
      maxCny: 500,
    });
  });
});
