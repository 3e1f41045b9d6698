import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { dbProvider } from "~/utils/db.server";
import { createMigratedDatabase } from "../db-template";

// prisma/migrations (SQLite) and prisma/postgresql/migrations must build the same models: each history
// is applied to a fresh database (this file's PostgreSQL database is a copy of the migrated template; the
// SQLite file is migrated here), both are introspected, and the models compared field by field.
// It runs in the integration-pg project, the one with a PostgreSQL server.

function introspect(databaseUrl: string) {
  return execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["db", "pull", "--print"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Model name → its fields, relations and indexes, one normalized line each, in a stable order. */
function models(schema: string) {
  const result: Record<string, string[]> = {};
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)) {
    // The SQLite FTS5 table and its shadow tables: PostgreSQL searches with a trigram index on Listing.
    if (!name || !body || name.startsWith("ListingSearch")) continue;
    result[name] = body
      .split("\n")
      .map((line) =>
        line
          .replace(/\/\/.*$/, "")
          .replace(/@db\.\w+(\([^)]*\))?/g, "")
          .replace(/\s+/g, " ")
          .trim(),
      )
      .filter(Boolean)
      .sort();
  }
  return result;
}

describe.skipIf(dbProvider !== "postgresql")("the two migration histories", () => {
  // Three prisma CLI runs (migrate, two introspections): seconds each on a busy machine.
  test("build the same models, fields, defaults, relations and indexes", { timeout: 180_000 }, () => {
    const sqliteFile = createMigratedDatabase(path.join(inject("integrationRunDir"), "histories.db"));
    const sqlite = models(introspect(`file:${sqliteFile}`));
    const postgres = models(introspect(process.env.DATABASE_URL ?? ""));
    expect(Object.keys(sqlite).length).toBeGreaterThan(30);
    expect(postgres).toEqual(sqlite);
  });
});
