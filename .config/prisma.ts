import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The JavaScript schema engine and the Rust-free client: nothing is downloaded (see PLATFORM.md).
// This file lives in .config/, so every path is spelled from the project root explicitly.
const root = path.join(import.meta.dirname, "..");
const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const file = url.replace(/^file:/, "");
fs.mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });

export default defineConfig({
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: `file:${path.resolve(root, file)}` }),
});
