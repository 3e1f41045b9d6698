import { describe, expect, test } from "vitest";
import { ftsColumns, ftsTierQueries, searchKey, tsTierQueries, tsvectorsOf, type PgMatch } from "~/domain/search/index-query";
import { planQuery } from "~/domain/search/query-plan";
import { compileThesaurus } from "~/domain/search/thesaurus";
import { searchDocument } from "~/domain/search/tokens";

const thesaurus = compileThesaurus([{ kind: "SYNONYM", term: "手机壳", words: ["手机套"] }]);
/** Every query string of an FTS5 expression or a PostgreSQL match. */
const texts = (match: string | PgMatch): string[] =>
  typeof match === "string"
    ? [match]
    : "any" in match
      ? match.any.flatMap(texts)
      : "titles" in match
        ? [match.titles]
        : [match.doc, ...(match.notTitles ? [match.notTitles] : [])];

const plan = (q: string) => {
  const planned = planQuery(q, thesaurus);
  if (!planned) throw new Error(`no plan for ${q}`);
  return planned;
};

describe("tier queries", () => {
  test("two words: phrase in a title, every word in a title, every word anywhere — disjoint", () => {
    const fts = ftsTierQueries(plan("降噪 耳机"));
    const [phrase, titles, anywhere] = fts?.tiers ?? [];
    expect(fts?.tiers).toHaveLength(3);
    expect(phrase).toBe('titles : "降噪 噪耳 耳机"');
    const everyWordInTitles = titles?.replace(/ NOT titles : .*$/, "").slice(1, -1);
    expect(titles).toBe(`(${everyWordInTitles}) NOT titles : "降噪 噪耳 耳机"`);
    expect(everyWordInTitles).toContain('titles : "耳机" OR titles : "headphone"');
    const everyWord = fts?.all.replace(/ OR titles : "降噪 噪耳 耳机"$/, "").slice(1, -1);
    expect(anywhere).toBe(`(${everyWord}) NOT (${everyWordInTitles} OR titles : "降噪 噪耳 耳机")`);
    expect(everyWord).toContain('"耳机" OR "headphone"');
  });

  test("PostgreSQL says the same on two vectors: titles (unweighted) and the whole document (title characters are D)", () => {
    const ts = tsTierQueries(plan("包 钱包"));
    const [phrase, titles, anywhere] = ts?.tiers ?? [];
    expect(phrase).toEqual({ titles: "('包钱' <-> '钱包')" });
    expect(titles && "titles" in titles ? titles.titles : "").toMatch(
      /^\(\('包' \| \('bag'\).* & \(\('钱包'\) .*\)\) & !\('包钱' <-> '钱包'\)$/,
    );
    expect(anywhere && "doc" in anywhere ? anywhere.doc : "").toMatch(/^\('包':D \| \('bag'\)/);
    expect(anywhere && "doc" in anywhere ? anywhere.notTitles : "").toMatch(/\) \| \('包钱' <-> '钱包'\)$/);
    expect(ts?.all).toMatchObject({ any: [{ notTitles: null }, { titles: "('包钱' <-> '钱包')" }] });
  });

  test("an alternative that only repeats a shorter one is dropped", () => {
    const kinds = compileThesaurus([{ kind: "HYPERNYM", term: "耳机", words: ["蓝牙耳机", "头戴式耳机", "耳麦"] }]);
    const shown = planQuery("耳机", kinds)?.concepts[0]?.alternatives.map((alt) => ("tokens" in alt ? alt.tokens.join(" ") : alt.char));
    expect(shown).toContain("耳机");
    expect(shown).toContain("耳麦");
    expect(shown).not.toContain("蓝牙 牙耳 耳机");
    expect(shown).not.toContain("头戴 戴式 式耳 耳机");
  });

  test("one word has no phrase tier; its synonyms are alternatives", () => {
    const fts = ftsTierQueries(plan("手机套"));
    expect(fts?.tiers).toHaveLength(2);
    expect(fts?.tiers[0]).toBe('(titles : "手机 机套" OR titles : "手机 机壳")');
    expect(fts?.tiers[1]).toBe('(("手机 机套" OR "手机 机壳")) NOT ((titles : "手机 机套" OR titles : "手机 机壳"))');
  });

  test("a compound matches whole or as its parts, and has a phrase tier of its own", () => {
    const compound = compileThesaurus([{ kind: "SYNONYM", term: "降噪耳机", words: ["anc headphones"] }]);
    const planned = planQuery("降噪耳机", compound);
    const fts = planned ? ftsTierQueries(planned) : null;
    expect(fts?.tiers).toHaveLength(3);
    expect(fts?.tiers[0]).toBe('titles : "降噪 噪耳 耳机"');
    expect(fts?.all).toMatch(
      /^\(\("降噪 噪耳 耳机" OR .*"anc headphone".* OR \(\("降噪".*\) AND \("耳机".*\)\)\)\) OR titles : "降噪 噪耳 耳机"$/,
    );
  });

  test("nothing a shopper types reaches the query syntax", () => {
    for (const q of ['a" OR "b', "x' | !y", "NEAR(a b)", "耳机:A & !包", "*", "^a"]) {
      const planned = planQuery(q, thesaurus);
      const queries = planned ? [...(ftsTierQueries(planned)?.tiers ?? []), ...(tsTierQueries(planned)?.tiers ?? [])] : [];
      for (const query of queries.flatMap(texts)) {
        expect(query).not.toMatch(/[*^]|""|''/);
        // Every quoted token is letters and digits only.
        for (const [, token] of query.matchAll(/["']([^"']*)["']/g)) expect(token).toMatch(/^[\p{L}\p{N}\p{M} ]+$/u);
      }
    }
  });
});

describe("index documents", () => {
  const document = searchDocument({
    titleZh: "降噪耳机",
    title: "Noise Cancelling Headphones",
    descriptionZh: "",
    description: "Great for travel",
    variantNames: ["黑色"],
    categoryNames: ["数码", "Electronics"],
    storeName: "Tokyo Audio",
  });

  test("FTS5 columns are the tokens, space-joined", () => {
    expect(ftsColumns(document)).toEqual({
      titles: "降噪 噪耳 耳机 noise cancelling headphone",
      extra: "黑色 数码 electronic tokyo audio",
      body: "great for travel",
      chars: "降 噪 耳 机",
    });
  });

  test("the tsvectors keep fields apart by position and weight; the titles vector holds the titles alone", () => {
    const { doc, titles } = tsvectorsOf(document);
    expect(doc).toContain("'降噪':1A");
    expect(doc).toContain("'黑色':1001B");
    expect(doc).toContain("'great':2001C");
    expect(doc).toContain("'降':3001D");
    expect(titles).toBe("'降噪':1 '噪耳':2 '耳机':3 'noise':4 'cancelling':5 'headphone':6 '降':3001 '噪':3002 '耳':3003 '机':3004");
  });
});

describe("order key", () => {
  test("available before sold out, then newest first, stable for one listing", () => {
    const now = Date.UTC(2026, 11, 3);
    expect(searchKey(true, now - 86_400_000, "a")).toBeGreaterThan(searchKey(false, now, "b"));
    expect(searchKey(true, now, "a")).toBeGreaterThan(searchKey(true, now - 1, "b"));
    expect(searchKey(true, now, "x")).toBe(searchKey(true, now, "x"));
    expect(searchKey(true, now, "x")).toBeLessThan(2n ** 63n);
    expect(searchKey(true, Date.UTC(2101, 0, 1), "a")).toBeGreaterThan(searchKey(true, Date.UTC(2100, 0, 1), "b"));
  });
});
