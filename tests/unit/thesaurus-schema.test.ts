import { describe, expect, test } from "vitest";
import { THESAURUS_LIMITS } from "~/domain/search/thesaurus-entry";
import {
  deleteSynonymSchema,
  normalizeThesaurusText,
  saveSynonymSchema,
  splitThesaurusWords,
  synonymListQuerySchema,
  thesaurusEntrySchema,
} from "~/domain/search/thesaurus-schema";
import { parseWithZod } from "~/utils/parse-form";

/** What the admin form sends, as the browser would (a real form body through the shop's parser). */
function submit(fields: Record<string, string>) {
  return parseWithZod(new URLSearchParams({ intent: "save", ...fields }), { schema: saveSynonymSchema });
}

function errorsOf(fields: Record<string, string>) {
  const submission = submit(fields);
  if (submission.status === "success") throw new Error("expected errors");
  return submission.reply().error ?? {};
}

describe("normalizing", () => {
  test("half-width, lower case, one space, trimmed; control characters are spaces", () => {
    expect(normalizeThesaurusText("  Ｐｈｏｎｅ\t\u0007 CASE  ")).toBe("phone case");
    expect(normalizeThesaurusText("Handyhülle")).toBe("handyhülle");
    expect(normalizeThesaurusText("ﾊﾟｰｶｰ")).toBe("パーカー");
  });

  test("words split on lines, commas (also Chinese ones), 、 and semicolons; each once, in order", () => {
    expect(splitThesaurusWords("手机套\nPhone case, phone  case，保护壳、 Handyhülle;\n\n")).toEqual([
      "手机套",
      "phone case",
      "保护壳",
      "handyhülle",
    ]);
    expect(splitThesaurusWords(["A", " a ", "b"])).toEqual(["a", "b"]);
  });
});

describe("the entry form", () => {
  test("a valid entry comes out normalized, without the term among its words", () => {
    const submission = submit({ kind: "SYNONYM", term: " 手机壳 ", words: "手机套\n手机壳\nPhone Case\nphone case" });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toEqual({ intent: "save", kind: "SYNONYM", term: "手机壳", words: ["手机套", "phone case"] });
  });

  test("an edit carries its id and the version it was shown with", () => {
    const submission = submit({ id: "c1", version: "2026-01-01T00:00:00.000Z", kind: "HYPERNYM", term: "包", words: "钱包, 双肩包" });
    expect(submission.status === "success" && submission.value).toMatchObject({ id: "c1", version: "2026-01-01T00:00:00.000Z" });
  });

  test("missing fields: each says what is missing", () => {
    expect(errorsOf({})).toEqual({
      kind: ["admin:synonyms.errors.kind"],
      term: ["admin:errors.required"],
      words: ["admin:synonyms.errors.wordsRequired"],
    });
    expect(errorsOf({ kind: "ANTONYM", term: "   ", words: " , ，\n" })).toMatchObject({
      kind: ["admin:synonyms.errors.kind"],
      term: ["admin:errors.required"],
    });
  });

  test("only the term itself, or only separators, is not an entry", () => {
    expect(errorsOf({ kind: "SYNONYM", term: "包", words: "包\n 包 " })).toEqual({ words: ["admin:synonyms.errors.onlyTerm"] });
    expect(errorsOf({ kind: "SYNONYM", term: "包", words: ",,，、" })).toEqual({ words: ["admin:synonyms.errors.wordsRequired"] });
  });

  test("bounds: term and word length, number of words", () => {
    const long = "字".repeat(THESAURUS_LIMITS.termLength + 1);
    expect(errorsOf({ kind: "SYNONYM", term: long, words: "a" })).toEqual({ term: ["admin:synonyms.errors.termTooLong"] });
    // Exactly at the limit passes (characters, not UTF-16 units: 𠮷 is two).
    expect(submit({ kind: "SYNONYM", term: "𠮷".repeat(THESAURUS_LIMITS.termLength), words: "a" }).status).toBe("success");
    expect(errorsOf({ kind: "SYNONYM", term: "包", words: `ok\n${"x".repeat(THESAURUS_LIMITS.wordLength + 1)}` })).toEqual({
      words: ["admin:synonyms.errors.wordTooLong"],
    });
    const many = Array.from({ length: THESAURUS_LIMITS.words + 1 }, (_, index) => `w${index}`).join("\n");
    expect(errorsOf({ kind: "SYNONYM", term: "包", words: many })).toEqual({ words: ["admin:synonyms.errors.tooManyWords"] });
    const exactly = Array.from({ length: THESAURUS_LIMITS.words }, (_, index) => `w${index}`).join("\n");
    expect(submit({ kind: "SYNONYM", term: "包", words: exactly }).status).toBe("success");
    // A pasted essay is refused before it is split.
    expect(errorsOf({ kind: "SYNONYM", term: "包", words: "x,".repeat(5_000) })).toEqual({ words: ["admin:synonyms.errors.tooManyWords"] });
  });

  test("a term is one word or phrase, and words need a letter or digit", () => {
    expect(errorsOf({ kind: "SYNONYM", term: "手机壳、手机套", words: "a" })).toEqual({ term: ["admin:synonyms.errors.termSeparator"] });
    expect(errorsOf({ kind: "SYNONYM", term: "!!!", words: "a" })).toEqual({ term: ["admin:synonyms.errors.noLetters"] });
    expect(errorsOf({ kind: "SYNONYM", term: "包", words: "钱包\n---" })).toEqual({ words: ["admin:synonyms.errors.noLetters"] });
  });

  test("the entry schema takes a list of words too (the seed's shape)", () => {
    expect(thesaurusEntrySchema.parse({ kind: "HYPERNYM", term: "Shoes", words: "Sneakers\nBoots" })).toEqual({
      kind: "HYPERNYM",
      term: "shoes",
      words: ["sneakers", "boots"],
    });
  });

  test("delete needs an id; the list's filter never fails", () => {
    expect(deleteSynonymSchema.safeParse({ intent: "delete", id: "" }).success).toBe(false);
    expect(deleteSynonymSchema.safeParse({ intent: "delete", id: "x".repeat(65) }).success).toBe(false);
    expect(synonymListQuerySchema.parse({ q: "  Phone ", kind: "NOPE", done: "hacked" })).toEqual({ q: "phone", kind: "ALL" });
    expect(synonymListQuerySchema.parse({ kind: "HYPERNYM", edit: "abc", done: "saved" })).toMatchObject({
      q: "",
      kind: "HYPERNYM",
      edit: "abc",
    });
  });
});
