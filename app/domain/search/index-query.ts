import type { Alternative, Concept, SearchPlan } from "./query-plan";
import type { SearchDocument } from "./tokens";

// The two databases' spellings of one search: an FTS5 MATCH expression (SQLite) and tsqueries
// (PostgreSQL) for each ranking tier of a plan, and the PostgreSQL tsvectors of a listing. Both only
// ever hold tokens of our own (tokens.ts), so they find exactly the same listings.
//
// PostgreSQL keeps two vectors: `titles` (the titles and their characters, small) and `doc` (every
// field, weighted). Phrases and weights are not in a GIN index, so every candidate row is re-checked
// against the query: title tiers re-check the small vector, 4–5× faster than the whole document.
//
// The tiers are disjoint and together are every match:
//   1. the whole query as one phrase in a title;
//   2. every concept in a title, not the phrase;
//   3. every concept anywhere, neither of the above.

// Letters, digits and marks only: nothing a token holds can be query syntax in either database.
const SAFE_TOKEN = /^[\p{L}\p{N}\p{M}]{1,64}$/u;
const safe = (token: string) => SAFE_TOKEN.test(token);

/** The tiers in order, and every match: FTS5 expressions, or PostgreSQL matches. */
export type TierQueries<Match> = { tiers: Match[]; all: Match };

/** A PostgreSQL match: a tsquery on the titles vector, or on the whole document minus title matches, or either. */
export type PgMatch = { titles: string } | { doc: string; notTitles: string | null } | { any: PgMatch[] };

type Dialect = {
  phrase(tokens: readonly string[], inTitles: boolean): string;
  char(char: string, inTitles: boolean): string;
  or: string;
  and: string;
};

const FTS5: Dialect = {
  phrase: (tokens, inTitles) => `${inTitles ? "titles : " : ""}"${tokens.join(" ")}"`,
  char: (char) => `chars : "${char}"`,
  or: " OR ",
  and: " AND ",
};

// On the titles vector, unweighted; on the whole document a title character is weight D (tsvectorsOf).
const TSQUERY: Dialect = {
  phrase: (tokens) => `(${tokens.map((token) => `'${token}'`).join(" <-> ")})`,
  char: (char, inTitles) => (inTitles ? `'${char}'` : `'${char}':D`),
  or: " | ",
  and: " & ",
};

function alternative(dialect: Dialect, alt: Alternative, inTitles: boolean): string | null {
  if ("char" in alt) return safe(alt.char) ? dialect.char(alt.char, inTitles) : null;
  return alt.tokens.length > 0 && alt.tokens.every(safe) ? dialect.phrase(alt.tokens, inTitles) : null;
}

function conceptExpression(dialect: Dialect, concept: Concept, inTitles: boolean): string | null {
  const alternatives = concept.alternatives.flatMap((alt) => alternative(dialect, alt, inTitles) ?? []);
  const parts = concept.parts ? everyConcept(dialect, concept.parts, inTitles) : null;
  if (parts) alternatives.push(`(${parts})`);
  return alternatives.length > 0 ? `(${alternatives.join(dialect.or)})` : null;
}

function everyConcept(dialect: Dialect, concepts: readonly Concept[], inTitles: boolean): string | null {
  const parts: string[] = [];
  for (const concept of concepts) {
    const expression = conceptExpression(dialect, concept, inTitles);
    if (!expression) return null;
    parts.push(expression);
  }
  return parts.length > 0 ? parts.join(dialect.and) : null;
}

type Parts = { titles: string; anywhere: string; phrase: string | null };

function partsOf(dialect: Dialect, plan: SearchPlan): Parts | null {
  const titles = everyConcept(dialect, plan.concepts, true);
  const anywhere = everyConcept(dialect, plan.concepts, false);
  if (!titles || !anywhere) return null;
  // One concept: its phrase is the concept itself, so the first tier would only repeat the second
  // (unless it is a compound whose parts may match apart).
  const phrased = plan.concepts.length >= 2 || plan.concepts.some((concept) => concept.parts);
  const phrase = phrased && plan.phrase.length >= 2 && plan.phrase.every(safe) ? dialect.phrase(plan.phrase, true) : null;
  return { titles, anywhere, phrase };
}

// The phrase alone is tier 1: it holds every word of the query, in a title, in order (so it implies
// tier 2's condition, and reading it alone is far cheaper than with it).
export function ftsTierQueries(plan: SearchPlan): TierQueries<string> | null {
  const parts = partsOf(FTS5, plan);
  if (!parts) return null;
  const { titles, anywhere, phrase } = parts;
  if (!phrase) return { tiers: [titles, `(${anywhere}) NOT (${titles})`], all: anywhere };
  return {
    tiers: [phrase, `(${titles}) NOT ${phrase}`, `(${anywhere}) NOT (${titles} OR ${phrase})`],
    all: `(${anywhere}) OR ${phrase}`,
  };
}

export function tsTierQueries(plan: SearchPlan): TierQueries<PgMatch> | null {
  const parts = partsOf(TSQUERY, plan);
  if (!parts) return null;
  const { titles, anywhere, phrase } = parts;
  if (!phrase) return { tiers: [{ titles }, { doc: anywhere, notTitles: titles }], all: { doc: anywhere, notTitles: null } };
  return {
    tiers: [{ titles: phrase }, { titles: `(${titles}) & !${phrase}` }, { doc: anywhere, notTitles: `(${titles}) | ${phrase}` }],
    all: { any: [{ doc: anywhere, notTitles: null }, { titles: phrase }] },
  };
}

/** The FTS5 columns of a document: its tokens space-joined (the ascii tokenizer splits them again). */
export function ftsColumns(document: SearchDocument) {
  const join = (tokens: readonly string[]) => tokens.filter(safe).join(" ");
  return { titles: join(document.titles), extra: join(document.extra), body: join(document.body), chars: join(document.chars) };
}

// Positions per field start far apart, so a phrase never runs from one field into the next.
const FIELD_START = { titles: 1, extra: 1_001, body: 2_001, chars: 3_001 } as const;
const FIELD_WEIGHT = { titles: "A", extra: "B", body: "C", chars: "D" } as const;
// PostgreSQL keeps at most 256 positions of a lexeme.
const MAX_POSITIONS = 255;

function tsvector(document: SearchDocument, fields: readonly (keyof SearchDocument)[], weighted: boolean): string {
  const positions = new Map<string, string[]>();
  for (const field of fields) {
    document[field].forEach((token, index) => {
      if (!safe(token)) return;
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS) list.push(`${FIELD_START[field] + index}${weighted ? FIELD_WEIGHT[field] : ""}`);
      positions.set(token, list);
    });
  }
  return [...positions].map(([token, list]) => `'${token}':${list.join(",")}`).join(" ");
}

/**
 * The two tsvector literals (`'token':1A,7A 'other':1001B`), cast with ::tsvector so no text search
 * parser touches them: every field weighted, and the titles with their characters unweighted.
 */
export function tsvectorsOf(document: SearchDocument): { doc: string; titles: string } {
  return {
    doc: tsvector(document, ["titles", "extra", "body", "chars"], true),
    titles: tsvector(document, ["titles", "chars"], false),
  };
}

// The order within a tier, as one integer both databases sort by: available before sold out, then
// newest first, then a hash of the id (two listings created in the same millisecond). 1 + 42 + 20 bits:
// a signed 64-bit integer in both databases, with times until 2109.
const TIME_BITS = 42n;
const HASH_BITS = 20n;

export function searchKey(available: boolean, createdAtMs: number, listingId: string): bigint {
  const ms = BigInt(Math.min(Math.max(0, Math.trunc(createdAtMs)), 2 ** Number(TIME_BITS) - 1));
  let hash = 0x811c9dc5;
  for (let index = 0; index < listingId.length; index += 1) hash = Math.imul(hash ^ listingId.charCodeAt(index), 0x01000193) >>> 0;
  return ((available ? 1n : 0n) << (TIME_BITS + HASH_BITS)) | (ms << HASH_BITS) | BigInt(hash & 0xfffff);
}
