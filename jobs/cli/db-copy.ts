import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createInstance } from "i18next";
import { isLocale } from "~/utils/i18n";
import { i18nConfig } from "~/utils/i18n-resources";

// npm run db:copy -- --to postgresql://user:pass@host:5432/daigou [--lang zh-CN|en]
// Copies this shop's SQLite database (DATABASE_URL, default file:./data/dev.db) into an empty
// PostgreSQL database: migrates it, copies every table in one transaction, verifies row counts and
// wallet balances against their ledgers, and commits only then; then indexes every copied listing for
// search (the index is the database's own: it is built in PostgreSQL, not copied). Exit 0 copied and
// indexed, 1 failed, 2 bad arguments.
//
// The indexing runs in a second process of this command (`--search-index`, DATABASE_URL = the target):
// the app's indexer works on the app's database client, which binds to DATABASE_URL when it loads.
/** Listings per indexing transaction (PostgreSQL takes 5,000 ids in one statement easily). */
const INDEX_BATCH = 5_000;
const USAGE = "usage: npm run db:copy -- --to postgresql://user:password@host:5432/database [--lang zh-CN|en]";

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: { to: { type: "string" }, lang: { type: "string", default: "zh-CN" }, "search-index": { type: "boolean", default: false } },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values } = parsed;
const lang = values.lang ?? "zh-CN";
if (!isLocale(lang)) usage("--lang must be zh-CN or en");
const tty = process.stderr.isTTY;
const progress = (text: string) => process.stderr.write(tty ? `\r\u001b[2K${text}` : `${text}\n`);
const i18n = createInstance();
await i18n.init({ ...i18nConfig, lng: lang });
const t = i18n.getFixedT(lang, "jobs");
if (values["search-index"]) await indexForSearch();
const to = values.to;
if (!to) usage("--to is required: the PostgreSQL database to copy into");
let target: URL;
try {
  target = new URL(to);
} catch {
  usage("--to must be a postgresql:// URL");
}
if (!["postgres:", "postgresql:"].includes(target.protocol) || target.pathname.length <= 1)
  usage("--to must be a postgresql:// URL naming a database");
const source = process.env.DATABASE_URL ?? "file:./data/dev.db";
if (!source.startsWith("file:")) usage("DATABASE_URL must be the SQLite file: database to copy from");

// Where the password goes, the URL is shown without it.
const shown = `${target.protocol}//${target.host}${target.pathname}`;

progress(t("dbCopy.migrating", { target: shown }));
try {
  execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: to },
    stdio: "pipe",
  });
} catch (error) {
  const output = `${(error as { stderr?: Buffer }).stderr ?? ""}${(error as { stdout?: Buffer }).stdout ?? ""}`
    .trim()
    .split("\n")
    .slice(-3)
    .join(" ");
  if (tty) process.stderr.write("\n");
  console.error(t("dbCopy.failed", { message: output || (error as Error).message }));
  process.exit(1);
}

const { db, connectDatabase } = await import("~/utils/db.server");
const { copyDatabase, CopyError } = await import("~/services/db-copy.server");
const { copyLocalFilesToDatabase } = await import("~/services/storage/copy-local-files.server");
const { getEnv } = await import("~/utils/env.server");
const migrationsExpected = fs
  .readdirSync(path.resolve("prisma", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).length;
const targetDb = await connectDatabase(to);
let exitCode = 0;
try {
  const report = await copyDatabase(db, targetDb, {
    migrationsExpected,
    onProgress: (table, copied, total) =>
      progress(t("dbCopy.progress", { table, copied: copied.toLocaleString(), total: total.toLocaleString() })),
    // Photos on this shop's disk go into the database, where PostgreSQL's default driver reads them.
    copyFiles:
      getEnv().storageDriver === "local"
        ? (write) =>
            copyLocalFilesToDatabase(getEnv().uploadDir, write, (copied, total) =>
              progress(t("dbCopy.photosProgress", { copied: copied.toLocaleString(), total: total.toLocaleString() })),
            )
        : undefined,
  });
  if (tty) process.stderr.write("\r\u001b[2K");
  for (const { table, rows } of report.tables) if (rows > 0) console.log(`  ${table.padEnd(20)} ${rows.toLocaleString().padStart(10)}`);
  if (report.files)
    console.log(
      t("dbCopy.photos", {
        files: report.files.files.toLocaleString(),
        megabytes: (report.files.bytes / 1_000_000).toFixed(1),
        dir: getEnv().uploadDir,
      }),
    );
  console.log(
    t("dbCopy.done", {
      rows: report.rows.toLocaleString(),
      tables: report.tables.length,
      wallets: report.wallets,
      balance: (report.balanceFen / 100).toFixed(2),
      target: shown,
      seconds: (report.durationMs / 1000).toFixed(1),
    }),
  );
  // The copy has committed; now its search index, built in PostgreSQL by the app's own indexer.
  progress(
    t("dbCopy.indexing", {
      listings: report.searchQueued.toLocaleString(),
    }),
  );
  const indexing = spawnSync(
    path.resolve("node_modules", ".bin", "tsx"),
    [process.argv[1] ?? "jobs/cli/db-copy.ts", "--search-index", "--to", to, "--lang", lang],
    {
      env: { ...process.env, DATABASE_URL: to },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (indexing.status !== 0) {
    console.error(t("dbCopy.indexFailed", { status: String(indexing.status ?? indexing.signal ?? "?") }));
    exitCode = 1;
  }
} catch (error) {
  if (tty) process.stderr.write("\n");
  const message =
    error instanceof CopyError
      ? t(`dbCopy.errors.${error.code}`, { message: error.message, ...error.details })
      : t("dbCopy.failed", { message: (error as Error).message });
  console.error(message);
  exitCode = 1;
} finally {
  await Promise.allSettled([targetDb.$disconnect(), db.$disconnect()]);
}
process.exit(exitCode);

/** `--search-index`, in the second process (DATABASE_URL = the target): drains the queue the copy filled. */
async function indexForSearch(): Promise<never> {
  const { db, dbProvider } = await import("~/utils/db.server");
  const { drainAllSearchQueue, searchQueueLength } = await import("~/services/search-index.server");
  const started = performance.now();
  let code = 0;
  try {
    if (dbProvider !== "postgresql") throw new Error("--search-index runs on the PostgreSQL copy");
    const queued = await searchQueueLength();
    let shown = 0;
    // Larger batches than the job's (the new shop serves nobody yet); a line every 50,000 listings
    // when stderr is a log, every batch on a terminal.
    const done = await drainAllSearchQueue((drained) => {
      if (!tty && drained - shown < 50_000) return;
      shown = drained;
      progress(t("dbCopy.indexProgress", { done: drained.toLocaleString(), total: queued.toLocaleString() }));
    }, INDEX_BATCH);
    const left = await searchQueueLength();
    if (left > 0) throw new Error(`${left} listings still queued`);
    // Planner statistics for the index just written (the copy analyzed the tables before it existed).
    await db.$executeRawUnsafe(`ANALYZE "ListingSearchEntry"`);
    if (tty) process.stderr.write("\r\u001b[2K");
    console.log(
      t("dbCopy.indexed", {
        listings: done.toLocaleString(),
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      }),
    );
  } catch (error) {
    if (tty) process.stderr.write("\n");
    console.error(
      t("dbCopy.indexError", {
        message: (error as Error).message,
      }),
    );
    code = 1;
  } finally {
    await db.$disconnect();
  }
  process.exit(code);
}
