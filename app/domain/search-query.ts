import { z } from "zod";
import { formNumber } from "./form-numbers";

// The search and category pages' query string. Anything malformed falls back to a default
// rather than failing the page: a shared link with a bad parameter still shows results.
export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];

const optionalInt = (max: number) =>
  z
    .preprocess((value) => (value === "" || value === null ? undefined : value), formNumber(z.number().int().min(0).max(max)).optional())
    .catch(undefined);

export const searchQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  origin: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  minCny: optionalInt(10_000_000),
  maxCny: optionalInt(10_000_000),
  inStock: z.preprocess((value) => value === "on" || value === "1" || value === "true", z.boolean()).catch(false),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: formNumber(z.number().int().min(1).max(10_000)).catch(1).default(1),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;

export function parseSearchQuery(params: URLSearchParams, defaults: Partial<SearchQuery> = {}): SearchQuery {
  const parsed = searchQuerySchema.parse({ ...defaults, ...Object.fromEntries([...params].filter(([, value]) => value !== "")) });
  return { ...parsed, sort: parsed.sort ?? (parsed.q ? "relevance" : "newest") };
}

const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

/**
 * Splits a query into terms: whitespace-separated, deduplicated, at most 6. Chinese has no spaces
 * and most words have two characters, so a run of four or more CJK characters ("降噪耳机") becomes
 * two-character pieces that must all appear ("降噪" and "耳机" match "无线降噪头戴式耳机").
 */
export function searchTerms(q: string): string[] {
  const terms = q
    // Control characters separate terms too: a NUL is no word, and the databases refuse it in a query.
    .split(/[\s,，、\p{Cc}]+/u)
    .filter(Boolean)
    .flatMap((term) => {
      const chars = [...term];
      if (chars.length < 4 || !CJK_ONLY.test(term)) return [term];
      const pieces: string[] = [];
      for (let index = 0; index < chars.length; index += 2) pieces.push(chars.slice(index, index + 2).join(""));
      return pieces;
    });
  return [...new Set(terms)].slice(0, 8);
}

/** An FTS5 phrase: the term in double quotes, inner quotes doubled, so no query syntax gets through. */
export function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A LIKE pattern matching the term anywhere, with % _ and \ escaped (ESCAPE '\'). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

// The trigram tokenizer indexes three-character sequences: shorter terms are matched with LIKE.
export const TRIGRAM = 3;
