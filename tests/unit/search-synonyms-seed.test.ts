import { describe, expect, test } from "vitest";
import { THESAURUS_KINDS } from "~/domain/search/thesaurus-entry";
import { saveSynonymSchema } from "~/domain/search/thesaurus-schema";
import { parseWithZod } from "~/utils/parse-form";
import { searchSynonyms } from "../../prisma/seed-data/search-synonyms";

// The seed's thesaurus is stored as written, so every row must be what the admin form would store:
// each one is sent through the form's own parser (words one per line, as an admin would type them)
// and must come back unchanged.

describe("the seeded search thesaurus", () => {
  test("a few hundred entries of both kinds", () => {
    const counts = Object.fromEntries(THESAURUS_KINDS.map((kind) => [kind, searchSynonyms.filter((entry) => entry.kind === kind).length]));
    expect(searchSynonyms.length).toBeGreaterThanOrEqual(300);
    expect(counts.SYNONYM).toBeGreaterThanOrEqual(200);
    expect(counts.HYPERNYM).toBeGreaterThanOrEqual(60);
  });

  test("every row passes the admin form unchanged (normalized, bounded, no word equal to its term)", () => {
    const refused = searchSynonyms.flatMap((entry) => {
      const form = new URLSearchParams({ intent: "save", kind: entry.kind, term: entry.term, words: entry.words.join("\n") });
      const submission = parseWithZod(form, { schema: saveSynonymSchema });
      if (submission.status !== "success") return [`${entry.kind} ${entry.term}: ${JSON.stringify(submission.reply().error)}`];
      const { kind, term, words } = submission.value;
      return JSON.stringify({ kind, term, words }) === JSON.stringify(entry)
        ? []
        : [`${entry.kind} ${entry.term}: stored as ${JSON.stringify(words)}`];
    });
    expect(refused).toEqual([]);
  });

  test("no term twice within a kind", () => {
    const seen = new Map<string, number>();
    for (const entry of searchSynonyms) seen.set(`${entry.kind}:${entry.term}`, (seen.get(`${entry.kind}:${entry.term}`) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 1).map(([key]) => key)).toEqual([]);
  });

  test("the vocabulary the search relies on is there", () => {
    const find = (kind: string, term: string) => searchSynonyms.find((entry) => entry.kind === kind && entry.term === term)?.words ?? [];
    expect(find("SYNONYM", "充电宝")).toEqual(expect.arrayContaining(["移动电源", "power bank"]));
    expect(find("SYNONYM", "手机壳")).toEqual(expect.arrayContaining(["手机套", "phone case", "handyhülle"]));
    expect(find("SYNONYM", "运动鞋")).toEqual(expect.arrayContaining(["球鞋", "sneakers", "trainers"]));
    expect(find("SYNONYM", "卫衣")).toEqual(expect.arrayContaining(["连帽衫", "hoodie"]));
    expect(find("SYNONYM", "电饭煲")).toEqual(expect.arrayContaining(["电饭锅", "rice cooker"]));
    expect(find("SYNONYM", "笔记本电脑")).toEqual(expect.arrayContaining(["笔记本", "laptop", "notebook"]));
    expect(find("SYNONYM", "奶粉")).toEqual(expect.arrayContaining(["formula"]));
    expect(find("HYPERNYM", "包")).toEqual(expect.arrayContaining(["双肩包", "手提包", "钱包", "背包", "backpack", "handbag", "wallet"]));
    expect(find("HYPERNYM", "shoes")).toEqual(expect.arrayContaining(["sneakers", "boots", "sandals"]));
    expect(find("HYPERNYM", "耳机")).toEqual(expect.arrayContaining(["耳塞", "earbuds"]));
    // Every demo category name (what shoppers see on the category pages) is a general word finding its kinds.
    for (const category of ["数码电子", "服饰", "运动户外", "美妆护肤", "玩具", "图书", "食品保健", "家用电器", "手表", "珠宝首饰"])
      expect(find("HYPERNYM", category).length, category).toBeGreaterThan(5);
  });
});
