import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { patchAllPgClients, runScriptsWhole } from "../app/utils/pg-pool.server";
import { writePostgresSchema } from "../prisma/postgresql/derive-schema";

// The JavaScript schema engine and the Rust-free client: nothing is downloaded (see PLATFORM.md).
// This file lives in .config/, so every path is spelled from the project root explicitly.
// DATABASE_URL picks the provider: file: is SQLite (prisma/migrations), postgresql:// is PostgreSQL
// (the schema derived from prisma/schema.prisma, and prisma/postgresql/migrations).
const root = path.join(import.meta.dirname, "..");
const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

function sqliteConfig() {
  const file = path.resolve(root, url.replace(/^file:/, ""));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return defineConfig({
    schema: path.join(root, "prisma", "schema.prisma"),
    migrations: { path: path.join(root, "prisma", "migrations") },
    experimental: { adapter: true },
    engine: "js",
    adapter: async () => new PrismaBetterSQLite3({ url: `file:${file}` }),
  });
}

function postgresConfig() {
  patchAllPgClients();
  return defineConfig({
    // Re-derived on every command, so a migrate never runs against a stale copy of the schema.
    schema: writePostgresSchema(),
    migrations: { path: path.join(root, "prisma", "postgresql", "migrations") },
    experimental: { adapter: true },
    engine: "js",
    adapter: async () => runScriptsWhole(new PrismaPg({ connectionString: url })),
  });
}

export default postgres ? postgresConfig() : sqliteConfig();
