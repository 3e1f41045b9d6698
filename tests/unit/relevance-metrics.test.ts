import { describe, expect, test } from "vitest";
import type { RelevanceQuery } from "../fixtures/search-relevance/queries";
import { formatReport, judge, measureRelevance, recallAtK, reciprocalRank } from "../support/relevance-metrics";

const query = (q: string, expected: string[], best?: string): RelevanceQuery => ({ q, lang: "en", kind: "word", expected, best });

describe("recall@10", () => {
  test("the share of expected ids in the first ten", () => {
    // 2 of the 4 expected (a, c) are in the top ten: 2 / 4.
    expect(recallAtK(["a", "b", "c", "d"], ["x", "a", "y", "c"])).toBe(0.5);
    expect(recallAtK(["a"], ["a"])).toBe(1);
    expect(recallAtK(["a"], [])).toBe(0);
  });

  test("only the first ten count", () => {
    const ranked = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "a"];
    expect(recallAtK(["a"], ranked)).toBe(0);
    // With k = 11 the eleventh counts.
    expect(recallAtK(["a"], ranked, 11)).toBe(1);
  });

  test("more than ten expected: any ten of them is full recall", () => {
    const expected = Array.from({ length: 13 }, (_, index) => `e${index}`);
    expect(recallAtK(expected, expected.slice(3))).toBe(1);
    // 7 of them among 3 misses: 7 / min(13, 10).
    expect(recallAtK(expected, ["m1", "m2", "m3", ...expected.slice(0, 7)])).toBeCloseTo(0.7, 10);
  });

  test("a result listed twice counts once; an empty expectation is a fixture bug", () => {
    expect(recallAtK(["a", "b"], ["a", "a"])).toBe(0.5);
    expect(() => recallAtK([], ["a"])).toThrow();
  });
});

describe("reciprocal rank", () => {
  test("1 / rank of the first expected id, 0 outside the top ten", () => {
    expect(reciprocalRank(["a"], ["a", "b"])).toBe(1);
    expect(reciprocalRank(["b", "c"], ["a", "c", "b"])).toBe(0.5);
    expect(reciprocalRank(["d"], ["a", "b", "c", "d"])).toBe(0.25);
    expect(reciprocalRank(["z"], ["a", "b"])).toBe(0);
    expect(reciprocalRank(["k"], ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "k"])).toBe(0);
  });
});

describe("measureRelevance", () => {
  test("means over queries, computed by hand", async () => {
    const queries = [
      query("one", ["a", "b"], "a"), // got [a, x, b]: recall 1, RR 1, best first
      query("two", ["c", "d"], "d"), // got [x, c]: recall 1/2, RR 1/2, best d not first
      query("three", ["e"]), // got []: recall 0, RR 0
      query("four", ["f", "g", "h", "i"]), // got [y, z, g, f]: recall 2/4, RR 1/3
    ];
    const answers: Record<string, string[]> = { one: ["a", "x", "b"], two: ["x", "c"], three: [], four: ["y", "z", "g", "f"] };
    const report = await measureRelevance(async (q) => answers[q] ?? [], queries);
    // recall: (1 + 0.5 + 0 + 0.5) / 4 = 0.5; MRR: (1 + 0.5 + 0 + 1/3) / 4 = 11/24.
    expect(report.recall).toBeCloseTo(0.5, 10);
    expect(report.mrr).toBeCloseTo(11 / 24, 10);
    // Two queries name a best; one of them came first.
    expect(report.bestAt1).toBe(0.5);
    expect(report.perQuery.map((outcome) => outcome.missing)).toEqual([[], ["d"], ["e"], ["h", "i"]]);
  });

  test("a query without best is not counted for best@1", () => {
    expect(judge(query("q", ["a"]), ["a"]).bestFirst).toBeNull();
  });

  test("the report lists misses with titles and the totals", async () => {
    const report = await measureRelevance(async (q) => (q === "hit" ? ["a"] : ["b"]), [query("hit", ["a"]), query("miss", ["a"])]);
    const text = formatReport(report, (id) => `title of ${id}`);
    expect(text).toContain('"miss"');
    expect(text).toContain("missing: a title of a");
    expect(text).not.toContain('"hit"');
    expect(text).toContain("recall@10 0.500  MRR 0.500");
  });
});
