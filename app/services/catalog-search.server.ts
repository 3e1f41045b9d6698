import { z } from "zod";
import { fromRows } from "~/domain/stored";
import { ftsPhrase, likePattern, searchTerms, TRIGRAM, type SearchQuery } from "~/domain/search-query";
import { db, dbProvider, Prisma } from "~/utils/db.server";
import { loadCards } from "./catalog.server";

// The raw rows of a search, checked rather than cast (COUNT is a bigint on PostgreSQL).
const countRowSchema = z.object({ total: z.union([z.bigint(), z.number()]) });
const idRowSchema = z.object({ id: z.string() });

export const SEARCH_PAGE_SIZE = 24;
// Counting every match of a common word means reading the whole index: past this, "1000+" is enough.
export const COUNT_CAP = 1000;

const ORDER = {
  relevance: Prisma.sql`ORDER BY rank, l."createdAt" DESC`,
  newest: Prisma.sql`ORDER BY l."createdAt" DESC`,
  // By the landed price the listing page quotes; listings without one (weight unknown, no line) last.
  price_asc: Prisma.sql`ORDER BY l."landedFen" IS NULL, l."landedFen" ASC, l."createdAt" DESC`,
  price_desc: Prisma.sql`ORDER BY l."landedFen" IS NULL, l."landedFen" DESC, l."createdAt" DESC`,
} as const;

// PostgreSQL: the four searchable columns joined by U+001F, exactly the expression of the trigram GIN
// index "Listing_search_trgm_idx" (prisma/postgresql/migrations), so ILIKE on it uses the index.
const PG_SEARCH_TEXT = Prisma.sql`(l."title" || chr(31) || l."titleZh" || chr(31) || l."description" || chr(31) || l."descriptionZh")`;

/** A term of three characters or more: SQLite's FTS5 trigram table, or PostgreSQL's trigram index. */
function longTermsSource(long: string[]) {
  if (long.length === 0) return { from: Prisma.sql`FROM "Listing" l`, conditions: [], rank: null };
  if (dbProvider === "postgresql") {
    // Like FTS5's trigram phrases: a case-insensitive substring of one column (the separator keeps a
    // term from spanning two). Ranked by how closely the titles hold the terms, best first like bm25.
    const conditions = long.map((term) => Prisma.sql`${PG_SEARCH_TEXT} ILIKE ${likePattern(term)} ESCAPE '\\'`);
    const rank = Prisma.sql`-(${Prisma.join(
      long.map((term) => Prisma.sql`word_similarity(${term}, l."titleZh" || ' ' || l."title")`),
      " + ",
    )})`;
    return { from: Prisma.sql`FROM "Listing" l`, conditions, rank };
  }
  const match = long.map(ftsPhrase).join(" AND ");
  return {
    from: Prisma.sql`FROM (SELECT rowid AS fts_rowid, bm25("ListingSearch") AS rank FROM "ListingSearch" WHERE "ListingSearch" MATCH ${match}) f
        JOIN "Listing" l ON l.rowid = f.fts_rowid`,
    conditions: [],
    rank: Prisma.sql`f.rank`,
  };
}

/**
 * Published listings matching the query and filters. Terms of three characters or more go through
 * the trigram full-text index (ranked by bm25; on PostgreSQL the pg_trgm index); shorter ones (most
 * Chinese words are two characters) are matched as substrings of the titles.
 */
export async function searchCatalog(query: SearchQuery) {
  const terms = searchTerms(query.q);
  const long = terms.filter((term) => [...term].length >= TRIGRAM);
  const short = terms.filter((term) => [...term].length < TRIGRAM);
  const conditions: Prisma.Sql[] = [Prisma.sql`l."status" = 'PUBLISHED'`];
  // SQLite's LIKE ignores ASCII case; PostgreSQL's needs ILIKE for the same matches.
  const like = Prisma.raw(dbProvider === "postgresql" ? "ILIKE" : "LIKE");
  for (const term of short) {
    const pattern = likePattern(term);
    conditions.push(Prisma.sql`(l."titleZh" ${like} ${pattern} ESCAPE '\\' OR l."title" ${like} ${pattern} ESCAPE '\\')`);
  }
  if (query.category) conditions.push(Prisma.sql`l."categorySlug" = ${query.category}`);
  if (query.origin) conditions.push(Prisma.sql`l."storeId" IN (SELECT "id" FROM "Store" WHERE "country" = ${query.origin})`);
  // A price filter keeps only listings with a landed price (NULL compares false): an unknown price
  // is not "under ¥500".
  if (query.minCny !== undefined) conditions.push(Prisma.sql`l."landedFen" >= ${query.minCny * 100}`);
  if (query.maxCny !== undefined) conditions.push(Prisma.sql`l."landedFen" <= ${query.maxCny * 100}`);
  // TRUE is 1 in SQLite and a boolean in PostgreSQL.
  if (query.inStock) conditions.push(Prisma.sql`l."available" = TRUE`);

  const source = longTermsSource(long);
  conditions.push(...source.conditions);
  const match = source.rank !== null;
  const from = source.from;
  const where = Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
  const sort = query.sort === "relevance" && !match ? "newest" : (query.sort ?? "newest");
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;

  // LIMIT and OFFSET are written as literals (integers of ours, the page parsed by zod): bound as
  // parameters they hide the small limit from SQLite's planner, which then sorts the whole category
  // instead of walking the createdAt index (0.07 ms against 2–4 ms on 100,000 listings).
  const limit = Prisma.raw(`LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${Math.max(0, Math.trunc(offset))}`);
  const [countRaw, idRaw] = await Promise.all([
    // COUNT is a bigint on PostgreSQL (and its subquery needs a name there).
    db.$queryRaw<unknown[]>`SELECT COUNT(*) AS total FROM (SELECT 1 ${from} ${where} ${Prisma.raw(`LIMIT ${COUNT_CAP + 1}`)}) AS capped`,
    db.$queryRaw<
      unknown[]
    >`SELECT l."id" AS id ${source.rank ? Prisma.sql`, ${source.rank} AS rank` : Prisma.empty} ${from} ${where} ${ORDER[sort]} ${limit}`,
  ]);
  const countRows = fromRows(countRowSchema, "Listing count", countRaw);
  const idRows = fromRows(idRowSchema, "Listing search", idRaw);
  const counted = Number(countRows[0]?.total ?? 0);
  const total = Math.min(counted, COUNT_CAP);
  const ids = idRows.map((row) => row.id);
  return {
    listings: await loadCards(ids),
    total,
    more: counted > COUNT_CAP,
    pages: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    sort,
  };
}
