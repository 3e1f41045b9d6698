import { CJK_CHAR, cjkBigrams, normalizeText, stemWord, textRuns, type TextRun } from "./normalize";

// What the search index holds for a listing: token lists per field, ranked by field. The index
// (SQLite FTS5, PostgreSQL tsvector) only ever sees these tokens, never raw text, so both databases
// find exactly the same listings for the same query.
//   titles — the Chinese title and the store's original title (what a listing is);
//   extra  — variant names, the category's names, the store's name;
//   body   — the descriptions;
//   chars  — single CJK characters of the titles, for one-character queries (包, 鞋, 表).
export type SearchDocument = { titles: string[]; extra: string[]; body: string[]; chars: string[] };

export type ListingText = {
  titleZh: string;
  title: string;
  descriptionZh: string;
  description: string;
  variantNames: readonly string[];
  categoryNames: readonly string[];
  storeName: string;
};

// Bounds per field: a title is a few dozen tokens, descriptions are cut (their first words say
// what the listing is; the rest only adds noise and index size).
const FIELD_LIMITS = { titles: 200, extra: 200, body: 400, chars: 200 } as const;

function runTokens(run: TextRun, tokens: string[]) {
  if (run.kind === "cjk") {
    tokens.push(...cjkBigrams(run.text));
    return;
  }
  tokens.push(stemWord(run.text));
}

/** The tokens of one text in order: words (stemmed) and CJK pairs, as a phrase query reads them. */
export function phraseTokens(text: string, { joinCjk = true } = {}): string[] {
  const tokens: string[] = [];
  for (const run of textRuns(normalizeText(text), { joinCjk })) runTokens(run, tokens);
  return tokens;
}

// Listings write "t-shirt", "WH-900", "USB-C": the parts are tokens (so "t shirt" and "wh 900" find
// them) and so is the joined word, after the parts (so "tshirt" and "wh900" do too).
const JOINED = /[\p{L}\p{N}]+(?:[-‐/.][\p{L}\p{N}]+)+/gu;

function documentTokens(texts: readonly string[], limit: number): string[] {
  const tokens: string[] = [];
  for (const text of texts) {
    tokens.push(...phraseTokens(text));
    for (const compound of text.normalize("NFKC").matchAll(JOINED)) {
      const joined = normalizeText(compound[0]).replaceAll(" ", "");
      if (joined && !CJK_CHAR.test(joined)) tokens.push(stemWord(joined));
    }
    if (tokens.length >= limit) break;
  }
  return tokens.slice(0, limit);
}

function titleChars(texts: readonly string[]): string[] {
  const chars = new Set<string>();
  for (const text of texts) {
    for (const run of textRuns(normalizeText(text), { joinCjk: true })) {
      if (run.kind === "cjk") for (const char of run.text) chars.add(char);
    }
  }
  return [...chars].slice(0, FIELD_LIMITS.chars);
}

export function searchDocument(listing: ListingText): SearchDocument {
  const titles = [listing.titleZh, listing.title];
  return {
    titles: documentTokens(titles, FIELD_LIMITS.titles),
    extra: documentTokens([...listing.variantNames, ...listing.categoryNames, listing.storeName], FIELD_LIMITS.extra),
    body: documentTokens([listing.descriptionZh, listing.description], FIELD_LIMITS.body),
    chars: titleChars(titles),
  };
}
