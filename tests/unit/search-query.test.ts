import { describe, expect, test } from "vitest";
import { ftsPhrase, likePattern, parseSearchQuery, searchTerms } from "~/domain/search-query";

describe("search terms", () => {
  test("splits on spaces and Chinese punctuation, deduplicated", () => {
    expect(searchTerms("wool  sweater，wool")).toEqual(["wool", "sweater"]);
  });

  test("long Chinese runs become two-character words; short ones and mixed terms stay whole", () => {
    expect(searchTerms("降噪耳机")).toEqual(["降噪", "耳机"]);
    expect(searchTerms("无线降噪耳机")).toEqual(["无线", "降噪", "耳机"]);
    expect(searchTerms("电饭煲")).toEqual(["电饭煲"]);
    expect(searchTerms("WH-900耳机")).toEqual(["WH-900耳机"]);
    expect(searchTerms("抹茶粉末")).toEqual(["抹茶", "粉末"]);
  });

  test("FTS phrases and LIKE patterns cannot carry query syntax", () => {
    expect(ftsPhrase('a" OR "b')).toBe('"a"" OR ""b"');
    expect(likePattern("100%_off\\")).toBe("%100\\%\\_off\\\\%");
  });
});

describe("search query string", () => {
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
