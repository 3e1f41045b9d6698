// The search index of a bench catalog. fillCatalog() writes listings straight through SQLite, and the
// database triggers queue every one of them (ListingSearchQueue); a search drains only a small batch
// first, so a bench that measured right after filling would measure a queue being drained, on a
// half-built index. indexCatalog() drains the whole queue through the app's own indexer before
// anything is measured, in a process of its own: the app's database client binds to DATABASE_URL
// when it loads, and the bench processes that fill a catalog have not loaded it yet (or hold another).
// Progress goes to stderr; the process prints its result as JSON on the last line of stdout.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Listings per transaction, larger than the app's batch (500): the bench drains an idle database.
 * SQLite: at most 990, as Prisma refuses a findMany whose `in` list passes 999 bind parameters (P2029).
 */
const BATCH_OF = { sqlite: 990, postgresql: 5_000 } as const;
/** A progress line every this many listings. */
const EVERY = 50_000;

export type Indexed = { listings: number; seconds: number };

/** Drains the search queue of the database `databaseUrl` names; throws unless it ends empty. */
export function indexCatalog(databaseUrl: string, progress: (message: string) => void): Indexed {
  const started = performance.now();
  const output = execFileSync(path.resolve("node_modules", ".bin", "tsx"), ["tests/bench/index-catalog.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Indexed;
  progress(
    `search index: ${result.listings.toLocaleString()} queued listings indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return result;
}

/** Runs in the child, on the database DATABASE_URL names. */
async function drainHere(): Promise<Indexed> {
  const { db, dbProvider } = await import("~/utils/db.server");
  const { drainAllSearchQueue, searchQueueLength } = await import("~/services/search-index.server");
  const batch = Number(process.env.BENCH_INDEX_BATCH ?? BATCH_OF[dbProvider]);
  // SQLite: a page cache that holds the index's b-trees (2 MB by default). At 1,000,000 listings,
  // 512 MB drains 1.7× faster (430 vs 250 listings/s re-indexing 11,111 of them on a 2-core host).
  if (dbProvider === "sqlite") await db.$executeRawUnsafe("PRAGMA cache_size = -524288");
  const started = performance.now();
  const queued = await searchQueueLength();
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `  · search index (${dbProvider}): ${done.toLocaleString()} / ${queued.toLocaleString()} listings, ${seconds.toFixed(0)} s (${(done / Math.max(seconds, 0.001)).toFixed(0)}/s)\n`,
    );
  };
  line(0);
  let shown = 0;
  const done = await drainAllSearchQueue((drained) => {
    if (drained - shown < EVERY) return;
    shown = drained;
    line(drained);
  }, batch);
  if (shown !== done) line(done);
  const left = await searchQueueLength();
  if (left !== 0) throw new Error(`search queue not drained: ${left} listings still queued`);
  // PostgreSQL: planner statistics for the freshly written index, as autovacuum would gather them.
  if (dbProvider === "postgresql") await db.$executeRawUnsafe(`ANALYZE "ListingSearchEntry"`);
  await db.$disconnect();
  return { listings: done, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  drainHere().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
