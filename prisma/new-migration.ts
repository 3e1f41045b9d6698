import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres } from "../tests/pg-server";
import { derivePostgresSchema } from "./postgresql/derive-schema";

// `npm run db:migration -- <name> [--from <git revision>]`: after an edit of prisma/schema.prisma, writes the
// next migration of both histories (prisma/migrations for SQLite, prisma/postgresql/migrations for
// PostgreSQL) from the difference between the schema at the revision (HEAD) and the schema now.
// The schema engine with a driver adapter connects even to compare two files, so PostgreSQL's diff runs
// against a throwaway server (the test suite's), started and stopped here.
const root = path.join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const revision = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
const name = args.find((arg, index) => !arg.startsWith("--") && (fromIndex < 0 || index !== fromIndex + 1));
if (!name || !/^[a-z0-9_]+$/.test(name) || !revision) {
  console.error("usage: npm run db:migration -- <name in snake_case> [--from <git revision>]");
  process.exit(2);
}

const EMPTY = "-- This is an empty migration.";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "db-migration-"));
const prisma = path.join(root, "node_modules", ".bin", "prisma");

function diff(from: string, to: string, databaseUrl: string) {
  return execFileSync(prisma, ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

function write(file: string, text: string) {
  fs.writeFileSync(path.join(tmp, file), text);
  return path.join(tmp, file);
}

async function main() {
  const before = execFileSync("git", ["show", `${revision}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" });
  const after = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  const sqlite = diff(write("old.prisma", before), write("new.prisma", after), `file:${path.join(tmp, "diff.db")}`);
  const server = await startPostgres(path.join(root, "tests", ".tmp"));
  let postgres: string;
  try {
    postgres = diff(
      write("old-pg.prisma", derivePostgresSchema(before)),
      write("new-pg.prisma", derivePostgresSchema(after)),
      server.url("postgres"),
    );
  } finally {
    server.stop();
  }
  if (sqlite === EMPTY && postgres === EMPTY) {
    console.error(`prisma/schema.prisma has no change against ${revision}: no migration written.`);
    process.exit(1);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  for (const [history, script] of [
    [path.join("prisma", "migrations"), sqlite],
    [path.join("prisma", "postgresql", "migrations"), postgres],
  ] as const) {
    const dir = path.join(root, history, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), `${script}\n`);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
  if (/"new_Listing"/.test(sqlite)) {
    console.log(
      'SQLite redefines "Listing": add the rebuild of "ListingSearch" and its triggers to the SQLite migration (see 20261123001000_listing_search).',
    );
  }
  console.log("Review both files (data changes are yours to add, in each dialect), then run npm run db:generate.");
}

main()
  .catch((error: Error & { stderr?: string }) => {
    console.error(error.stderr || error.message);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
