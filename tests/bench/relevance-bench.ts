// Search relevance as bench rows: recall@10 and MRR of the fixture's queries
// (tests/fixtures/search-relevance) against the shop's real search, on a fresh migrated SQLite holding
// only the reference tables and the fixture catalog. The app's database client binds to DATABASE_URL
// when it loads, and the main bench has already loaded it on its 100,000-listing database, so
// relevanceRows() measures in a process of its own: this file, run by tsx, prints its rows as JSON on
// the last line of stdout.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { createMigratedDatabase, TMP_DIR } from "../db-template";
import { relevanceListings, seedRelevanceCatalog } from "../fixtures/search-relevance/catalog";
import { formatReport, measureRelevance } from "../support/relevance-metrics";
import type { BenchRow } from "./harness";

const TEST_FILE = path.resolve("tests", "integration", "search-relevance.test.ts");

/**
 * The floors the relevance test enforces, read from the top of that test, where they are set: a test
 * file cannot be imported outside vitest (its describe/test calls need the runner).
 */
function floors() {
  const source = fs.readFileSync(TEST_FILE, "utf8");
  const read = (name: string) => {
    const match = new RegExp(`export const ${name} = ([0-9.]+);`).exec(source);
    if (!match?.[1]) throw new Error(`${name} not found in ${path.relative(process.cwd(), TEST_FILE)}`);
    return Number(match[1]);
  };
  return { recall: read("RECALL_AT_10_MIN"), mrr: read("MRR_MIN") };
}

/** Runs in the child: seeds the database DATABASE_URL names, measures, returns the rows. */
async function measureHere(): Promise<BenchRow[]> {
  const { db } = await import("~/utils/db.server");
  const { seedReference } = await import("../../prisma/seed");
  const { catalogSearchIds } = await import("../fixtures/search-relevance/search-ids");
  await seedReference(db);
  await seedRelevanceCatalog(db);
  const report = await measureRelevance(catalogSearchIds);
  await db.$disconnect();
  if (process.env.BENCH_RELEVANCE_VERBOSE === "1") {
    const titles = new Map(relevanceListings.map((listing) => [listing.id, listing.titleZh]));
    process.stderr.write(`${formatReport(report, (id) => titles.get(id) ?? "?")}\n`);
  }
  const target = floors();
  const queries = report.perQuery.length;
  return [
    {
      name: "search relevance: recall@10",
      value: report.recall.toFixed(3),
      unit: "score",
      note: `${queries} queries; target ≥ ${target.recall}`,
    },
    { name: "search relevance: MRR", value: report.mrr.toFixed(3), unit: "score", note: `${queries} queries; target ≥ ${target.mrr}` },
  ];
}

/** The relevance rows, measured in a child process on a database of its own (made and removed here). */
export async function relevanceRows(): Promise<BenchRow[]> {
  const databaseFile = createMigratedDatabase(path.join(TMP_DIR, "bench-relevance.db"));
  try {
    const { stdout } = await promisify(execFile)(path.resolve("node_modules", ".bin", "tsx"), ["tests/bench/relevance-bench.ts"], {
      env: { ...process.env, NODE_ENV: "test", DATABASE_URL: `file:${databaseFile}` },
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "[]") as BenchRow[];
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  measureHere().then(
    (rows) => console.log(JSON.stringify(rows)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
