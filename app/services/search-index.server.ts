import { z } from "zod";
import { ftsColumns, searchKey, tsvectorsOf } from "~/domain/search/index-query";
import { searchDocument } from "~/domain/search/tokens";
import { fromRows } from "~/domain/stored";
import { db, dbProvider, Prisma, type Tx } from "~/utils/db.server";

// The search index's upkeep. Database triggers (migration 20261203070000_search_index) put the id of
// every listing whose text, order or visibility changed into "ListingSearchQueue" — whatever wrote it:
// a service, the seed, a job, an operator's SQL. Draining takes a batch off the queue and writes those
// listings' index rows in the same transaction, so a crash leaves them queued, never half-indexed.
// Searches drain a small batch first (a listing published a moment ago is found); the search-index
// job drains the rest; `npm run search:rebuild` queues everything and drains it with progress.
//
//   SQLite: "ListingSearchEntry" (listingId → order key) and the FTS5 table "ListingSearchFts" whose
//           rowid is that key.
//   PostgreSQL: "ListingSearchEntry" (listingId, key, and two tsvectors: doc and titles), GIN on both.
// Only published listings are indexed.

export const DRAIN_BATCH = 500;
/** What a search drains before it reads: enough for an agent's edits, bounded for a bulk import. */
export const SEARCH_DRAIN = 100;

const idRowSchema = z.object({ listingId: z.string() });
const keyRowSchema = z.object({ key: z.string() });
const countRowSchema = z.object({ total: z.union([z.bigint(), z.number()]) });

const listingSelect = {
  id: true,
  status: true,
  available: true,
  createdAt: true,
  title: true,
  titleZh: true,
  description: true,
  descriptionZh: true,
  category: { select: { nameZh: true, nameEn: true } },
  store: { select: { name: true } },
  variants: { select: { title: true, titleZh: true } },
} as const;

type IndexRow = { listingId: string; key: bigint; document: ReturnType<typeof searchDocument> };

async function takeQueued(tx: Tx, limit: number): Promise<string[]> {
  // PostgreSQL: concurrent drains (several web instances, the worker) take different rows.
  const pick =
    dbProvider === "postgresql"
      ? Prisma.sql`SELECT "listingId" FROM "ListingSearchQueue" LIMIT ${limit} FOR UPDATE SKIP LOCKED`
      : Prisma.sql`SELECT "listingId" FROM "ListingSearchQueue" LIMIT ${limit}`;
  const raw = await tx.$queryRaw<unknown[]>`DELETE FROM "ListingSearchQueue" WHERE "listingId" IN (${pick}) RETURNING "listingId"`;
  return fromRows(idRowSchema, "ListingSearchQueue", raw).map((row) => row.listingId);
}

async function indexRows(tx: Tx, ids: string[]): Promise<IndexRow[]> {
  const listings = await tx.listing.findMany({ where: { id: { in: ids }, status: "PUBLISHED" }, select: listingSelect });
  return listings.map((listing) => ({
    listingId: listing.id,
    key: searchKey(listing.available, listing.createdAt.getTime(), listing.id),
    document: searchDocument({
      titleZh: listing.titleZh,
      title: listing.title,
      descriptionZh: listing.descriptionZh,
      description: listing.description,
      variantNames: listing.variants.flatMap((variant) => [variant.titleZh, variant.title]),
      categoryNames: [listing.category.nameZh, listing.category.nameEn],
      storeName: listing.store.name,
    }),
  }));
}

/** SQLite: keys are unique (they are FTS5 rowids); two listings of one millisecond and hash move apart. */
async function uniqueKeys(tx: Tx, rows: IndexRow[]) {
  if (rows.length === 0) return;
  const raw = await tx.$queryRaw<unknown[]>`SELECT CAST("key" AS TEXT) AS "key" FROM "ListingSearchEntry"
    WHERE "key" IN (${Prisma.join(rows.map((row) => row.key))})`;
  const taken = new Set(fromRows(keyRowSchema, "ListingSearchEntry", raw).map((row) => row.key));
  for (const row of rows) {
    let key = row.key;
    while (taken.has(key.toString())) key += 1n;
    taken.add(key.toString());
    row.key = key;
  }
  const clashes = rows.filter((row, index) => rows.findIndex((other) => other.key === row.key) !== index);
  if (clashes.length > 0) await uniqueKeys(tx, clashes);
}

async function writeSqlite(tx: Tx, ids: string[], rows: IndexRow[]) {
  const idList = Prisma.join(ids);
  await tx.$executeRaw`DELETE FROM "ListingSearchFts" WHERE rowid IN (SELECT "key" FROM "ListingSearchEntry" WHERE "listingId" IN (${idList}))`;
  await tx.$executeRaw`DELETE FROM "ListingSearchEntry" WHERE "listingId" IN (${idList})`;
  if (rows.length === 0) return;
  await uniqueKeys(tx, rows);
  await tx.$executeRaw`INSERT INTO "ListingSearchEntry" ("listingId", "key") VALUES ${Prisma.join(
    rows.map((row) => Prisma.sql`(${row.listingId}, ${row.key})`),
  )}`;
  await tx.$executeRaw`INSERT INTO "ListingSearchFts" (rowid, "listingId", "titles", "extra", "body", "chars") VALUES ${Prisma.join(
    rows.map((row) => {
      const columns = ftsColumns(row.document);
      return Prisma.sql`(${row.key}, ${row.listingId}, ${columns.titles}, ${columns.extra}, ${columns.body}, ${columns.chars})`;
    }),
  )}`;
}

async function writePostgres(tx: Tx, ids: string[], rows: IndexRow[]) {
  await tx.$executeRaw`DELETE FROM "ListingSearchEntry" WHERE "listingId" IN (${Prisma.join(ids)})`;
  if (rows.length === 0) return;
  await tx.$executeRaw`INSERT INTO "ListingSearchEntry" ("listingId", "key", "doc", "titles") VALUES ${Prisma.join(
    rows.map((row) => {
      const vectors = tsvectorsOf(row.document);
      return Prisma.sql`(${row.listingId}, ${row.key}, ${vectors.doc}::tsvector, ${vectors.titles}::tsvector)`;
    }),
  )}`;
}

/** Indexes up to `limit` queued listings in one transaction; returns how many it took off the queue. */
export async function drainSearchQueue(limit = DRAIN_BATCH): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const ids = await takeQueued(tx, limit);
      if (ids.length === 0) return 0;
      const rows = await indexRows(tx, ids);
      await (dbProvider === "postgresql" ? writePostgres(tx, ids, rows) : writeSqlite(tx, ids, rows));
      return ids.length;
    },
    { timeout: 60_000 },
  );
}

export async function searchQueueLength(): Promise<number> {
  const raw = await db.$queryRaw<unknown[]>`SELECT COUNT(*) AS total FROM "ListingSearchQueue"`;
  return Number(fromRows(countRowSchema, "ListingSearchQueue", raw)[0]?.total ?? 0);
}

/** Before a search: a cheap look at the queue, and a small drain when something is waiting. */
export async function catchUpSearchIndex() {
  const waiting = await db.$queryRaw<unknown[]>`SELECT "listingId" FROM "ListingSearchQueue" LIMIT 1`;
  if (waiting.length > 0) await drainSearchQueue(SEARCH_DRAIN);
}

/** Drains the whole queue (the job, the seed, db:copy, the bench) in batches of `batch`; `onProgress(done, waiting)` after each. */
export async function drainAllSearchQueue(onProgress?: (done: number, waiting: number) => void, batch = DRAIN_BATCH): Promise<number> {
  let done = 0;
  let waiting = await searchQueueLength();
  for (;;) {
    const taken = await drainSearchQueue(batch);
    if (taken === 0) return done;
    done += taken;
    waiting = Math.max(0, waiting - taken);
    onProgress?.(done, waiting);
  }
}

/**
 * Queues every listing and every indexed row (a listing deleted behind the triggers' back), then
 * drains: the old index keeps answering searches until each batch replaces its rows.
 */
export async function rebuildSearchIndex(onProgress?: (done: number, waiting: number) => void): Promise<number> {
  // SQLite reads `INSERT … SELECT … ON CONFLICT` only with a WHERE before the ON CONFLICT.
  await db.$executeRaw`INSERT INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing" WHERE TRUE ON CONFLICT DO NOTHING`;
  await db.$executeRaw`INSERT INTO "ListingSearchQueue" ("listingId") SELECT "listingId" FROM "ListingSearchEntry" WHERE TRUE ON CONFLICT DO NOTHING`;
  return drainAllSearchQueue(onProgress);
}
