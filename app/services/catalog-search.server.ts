import { z } from "zod";
import { ftsTierQueries, tsTierQueries, type PgMatch, type TierQueries } from "~/domain/search/index-query";
import { planQuery, type SearchPlan } from "~/domain/search/query-plan";
import { compileThesaurus, type Thesaurus } from "~/domain/search/thesaurus";
import type { SearchQuery } from "~/domain/search-query";
import { fromRows } from "~/domain/stored";
import { db, dbProvider, Prisma } from "~/utils/db.server";
import { loadCards } from "./catalog.server";
import { catchUpSearchIndex } from "./search-index.server";
import { thesaurusSnapshot } from "./search-synonyms.server";

// Catalog search over the index of search-index.server.ts. A query becomes a plan (domain/search):
// concepts that must all match, each through its alternatives (synonyms, translations, kinds). With
// the relevance sort the matches come in three disjoint tiers (index-query.ts) — phrase in a title,
// every word in a title, every word anywhere — each read in the index's own order (available first,
// then newest), so a page reads a few dozen index rows however common the words are. The other
// sorts read every match and sort them.

const countRowSchema = z.object({ total: z.union([z.bigint(), z.number()]) });
const idRowSchema = z.object({ id: z.string() });

export const SEARCH_PAGE_SIZE = 24;
// Counting every match of a common word means reading the whole index: past this, "1000+" is enough.
export const COUNT_CAP = 1000;

const ORDER = {
  newest: Prisma.sql`ORDER BY l."createdAt" DESC, l."id" DESC`,
  // By the landed price the listing page quotes; listings without one (weight unknown, no line) last.
  price_asc: Prisma.sql`ORDER BY l."landedFen" IS NULL, l."landedFen" ASC, l."createdAt" DESC, l."id" DESC`,
  price_desc: Prisma.sql`ORDER BY l."landedFen" IS NULL, l."landedFen" DESC, l."createdAt" DESC, l."id" DESC`,
} as const;

let compiled: { version: string; thesaurus: Thesaurus } | null = null;

/** The thesaurus compiled once per version of the synonym table. */
export async function currentThesaurus(): Promise<Thesaurus> {
  const snapshot = await thesaurusSnapshot();
  if (compiled?.version !== snapshot.version) compiled = { version: snapshot.version, thesaurus: compileThesaurus(snapshot.entries) };
  return compiled.thesaurus;
}

/** The shopper's filters (the published condition is added where the listing is joined). */
function filterConditions(query: SearchQuery): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (query.category) conditions.push(Prisma.sql`l."categorySlug" = ${query.category}`);
  if (query.origin) conditions.push(Prisma.sql`l."storeId" IN (SELECT "id" FROM "Store" WHERE "country" = ${query.origin})`);
  // A price filter keeps only listings with a landed price (NULL compares false): an unknown price
  // is not "under ¥500".
  if (query.minCny !== undefined) conditions.push(Prisma.sql`l."landedFen" >= ${query.minCny * 100}`);
  if (query.maxCny !== undefined) conditions.push(Prisma.sql`l."landedFen" <= ${query.maxCny * 100}`);
  // TRUE is 1 in SQLite and a boolean in PostgreSQL.
  if (query.inStock) conditions.push(Prisma.sql`l."available" = TRUE`);
  return conditions;
}

// LIMIT and OFFSET are written as literals (integers of ours): bound as parameters they hide the small
// limit from SQLite's planner.
const limitSql = (limit: number, offset = 0) => Prisma.raw(`LIMIT ${Math.trunc(limit)} OFFSET ${Math.max(0, Math.trunc(offset))}`);

/** The listings matching one index expression (a tier, or every match), with the filters. */
const PUBLISHED = Prisma.sql`l."status" = 'PUBLISHED'`;
const whereOf = (filters: Prisma.Sql[]) => Prisma.join([PUBLISHED, ...filters], " AND ");

/**
 * The listings matching one index expression (a tier, or every match) with the shopper's filters.
 * `countFrom` reads the index alone when there are none: it holds published listings only, and a
 * count of 1,000 matches joined to "Listing" row by row costs more than the rest of the search.
 */
/** One of the index's expressions: FTS5's MATCH string on SQLite, a match of the two vectors on PostgreSQL. */
export type IndexMatch = string | PgMatch;

function pgCondition(match: PgMatch): Prisma.Sql {
  if ("any" in match) return Prisma.sql`(${Prisma.join(match.any.map(pgCondition), " OR ")})`;
  if ("titles" in match) return Prisma.sql`e."titles" @@ ${match.titles}::tsquery`;
  const doc = Prisma.sql`e."doc" @@ ${match.doc}::tsquery`;
  return match.notTitles === null ? doc : Prisma.sql`${doc} AND NOT e."titles" @@ ${match.notTitles}::tsquery`;
}

function matchSource(expression: IndexMatch, filters: Prisma.Sql[]) {
  if (typeof expression !== "string") {
    const match = pgCondition(expression);
    const from = Prisma.sql`FROM "ListingSearchEntry" e JOIN "Listing" l ON l."id" = e."listingId" WHERE ${match} AND ${whereOf(filters)}`;
    return {
      from,
      countFrom: filters.length === 0 ? Prisma.sql`FROM "ListingSearchEntry" e WHERE ${match}` : from,
      order: Prisma.sql`ORDER BY e."key" DESC, e."listingId" DESC`,
    };
  }
  const from = Prisma.sql`FROM "ListingSearchFts"(${expression}) f JOIN "Listing" l ON l."id" = f."listingId" WHERE ${whereOf(filters)}`;
  return {
    from,
    countFrom: filters.length === 0 ? Prisma.sql`FROM "ListingSearchFts"(${expression}) f` : from,
    order: Prisma.sql`ORDER BY f.rowid DESC`,
  };
}

/** The index expressions of a plan in this database's dialect (null: nothing in it is searchable). */
export function tierQueriesFor(plan: SearchPlan): TierQueries<IndexMatch> | null {
  return dbProvider === "postgresql" ? tsTierQueries(plan) : ftsTierQueries(plan);
}

/** How many listings (capped at COUNT_CAP + 1) match an index expression with the query's filters. */
export function countMatching(expression: IndexMatch, query: SearchQuery): Promise<number> {
  return countOf(matchSource(expression, filterConditions(query)).countFrom);
}

const categoryRowSchema = z.object({ slug: z.string(), total: z.union([z.bigint(), z.number()]) });

/** The categories of the first few hundred listings matching an expression, most matches first. */
export async function categoriesMatching(expression: IndexMatch, sample = 500) {
  const source = matchSource(expression, []);
  const raw = await db.$queryRaw<unknown[]>`SELECT m."slug" AS slug, COUNT(*) AS total
    FROM (SELECT l."categorySlug" AS "slug" ${source.from} ${limitSql(sample)}) AS m GROUP BY m."slug" ORDER BY total DESC, slug`;
  return fromRows(categoryRowSchema, "Listing categories", raw).map((row) => ({ slug: row.slug, count: Number(row.total) }));
}

// PostgreSQL cannot estimate how many rows a long tsquery (a word and its 40 alternatives) matches;
// guessing "many", it walks the key index and tests every listing (0.7 s at 100,000). Counts and
// the pages of small tiers therefore read the GIN index first (bitmap scans only); a large tier's
// page walks the key index, where matches come quickly.
async function read(select: Prisma.Sql, plan: "bitmap" | "planner"): Promise<unknown[]> {
  if (dbProvider !== "postgresql" || plan === "planner") return db.$queryRaw<unknown[]>(select);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    return tx.$queryRaw<unknown[]>(select);
  });
}

async function countOf(from: Prisma.Sql, cap = COUNT_CAP + 1): Promise<number> {
  // COUNT is a bigint on PostgreSQL (and its subquery needs a name there).
  const raw = await read(Prisma.sql`SELECT COUNT(*) AS total FROM (SELECT 1 ${from} ${limitSql(cap)}) AS capped`, "bitmap");
  return Number(fromRows(countRowSchema, "Listing count", raw)[0]?.total ?? 0);
}

async function idsOf(select: Prisma.Sql, plan: "bitmap" | "planner" = "planner"): Promise<string[]> {
  return fromRows(idRowSchema, "Listing search", await read(select, plan)).map((row) => row.id);
}

type Page = { ids: string[]; counted: number };

/**
 * Relevance: the page's slice of the tiers in order, each read in index order. Tiers are counted in
 * order and only until the total passes COUNT_CAP: past it the shopper sees "1000+" and no page
 * reaches the later tiers, which for a common word are the costly ones (every match, minus those
 * in a title).
 */
async function rankedPage(queries: TierQueries<IndexMatch>, filters: Prisma.Sql[], offset: number): Promise<Page> {
  const ids: string[] = [];
  let counted = 0;
  let skip = offset;
  for (const tier of queries.tiers) {
    const source = matchSource(tier, filters);
    // Each tier is counted only as far as the total still needs (COUNT_CAP + 1 in all).
    const cap = COUNT_CAP + 1 - counted;
    const count = counted > COUNT_CAP ? Number.POSITIVE_INFINITY : await countOf(source.countFrom, cap);
    // A count that reached its cap is a large tier: its page walks the key index (see read()).
    const small = count < cap;
    if (Number.isFinite(count)) counted += count;
    if (ids.length >= SEARCH_PAGE_SIZE) continue;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    const select = Prisma.sql`SELECT l."id" AS id ${source.from} ${source.order} ${limitSql(SEARCH_PAGE_SIZE - ids.length, skip)}`;
    ids.push(...(await idsOf(select, small ? "bitmap" : "planner")));
    skip = 0;
  }
  return { ids, counted };
}

async function sortedPage(expression: IndexMatch | null, filters: Prisma.Sql[], sort: keyof typeof ORDER, offset: number): Promise<Page> {
  const from = expression === null ? Prisma.sql`FROM "Listing" l WHERE ${whereOf(filters)}` : matchSource(expression, filters).from;
  const [counted, ids] = await Promise.all([
    countOf(from),
    idsOf(Prisma.sql`SELECT l."id" AS id ${from} ${ORDER[sort]} ${limitSql(SEARCH_PAGE_SIZE, offset)}`),
  ]);
  return { ids, counted };
}

export type SearchResult = Awaited<ReturnType<typeof searchCatalog>>;

/**
 * Published listings matching the query and filters. Without words: the filtered catalog, newest
 * first (or by price). With words that normalize to nothing searchable ("!!!"): no results.
 */
export async function searchCatalog(query: SearchQuery) {
  await catchUpSearchIndex();
  const plan: SearchPlan | null = query.q ? planQuery(query.q, await currentThesaurus()) : null;
  const tiers = plan ? tierQueriesFor(plan) : null;
  const filters = filterConditions(query);
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;
  const sort = query.sort === "relevance" && !tiers ? "newest" : (query.sort ?? "newest");

  let page: Page;
  if (query.q && !tiers) page = { ids: [], counted: 0 };
  else if (sort === "relevance" && tiers) page = await rankedPage(tiers, filters, offset);
  else page = await sortedPage(tiers?.all ?? null, filters, sort === "relevance" ? "newest" : sort, offset);

  const total = Math.min(page.counted, COUNT_CAP);
  return {
    listings: await loadCards(page.ids),
    total,
    more: page.counted > COUNT_CAP,
    pages: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    sort,
  };
}
