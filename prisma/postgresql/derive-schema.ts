import fs from "node:fs";
import path from "node:path";

// prisma/schema.prisma (SQLite) is the one schema people edit. The PostgreSQL schema is derived from it:
// the same models with another datasource provider and another client output. It is not committed
// (see .gitignore): `npm install`, `npm run db:setup` and the test setup write it, so it can never drift.
const root = path.join(import.meta.dirname, "..", "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

export function derivePostgresSchema(sqliteSchema: string): string {
  const replace = (text: string, pattern: RegExp, replacement: string) => {
    if (!pattern.test(text))
      throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update prisma/postgresql/derive-schema.ts`);
    return text.replace(pattern, replacement);
  };
  let schema = replace(sqliteSchema, /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  // The URL in the file is ignored (the adapter gets it); keep one that names the provider.
  schema = replace(schema, /(datasource db \{[^}]*?url\s*=\s*)"[^"]*"/, '$1"postgresql://localhost/daigou"');
  schema = replace(schema, /(generator client \{[^}]*?output\s*=\s*)"[^"]*"/, '$1"../../app/generated/prisma-pg"');
  const banner = "// GENERATED from prisma/schema.prisma by prisma/postgresql/derive-schema.ts: edit that file, not this one.\n";
  return banner + schema;
}

/** Writes the PostgreSQL schema if it differs; returns its path. */
export function writePostgresSchema(): string {
  const derived = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (current !== derived) fs.writeFileSync(POSTGRES_SCHEMA, derived);
  return POSTGRES_SCHEMA;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) writePostgresSchema();
