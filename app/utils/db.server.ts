import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";

export { Prisma } from "~/generated/prisma/client";

function createClient(databaseFile: string) {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // `timeout` is SQLite's busy timeout: writers wait for the lock instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url: `file:${databaseFile}`, timeout: 5000 });
  const client = new PrismaClient({ adapter });
  // With WAL (set on the file by the seed), NORMAL still never corrupts the database; a power cut
  // may lose the last commits. It is what makes a commit ~20 µs instead of ~300 µs (PLATFORM.md).
  void client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
  return client;
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { __db?: Db };

// One client per process, kept across dev rebuilds.
export const db: Db = (globalForDb.__db ??= createClient(getEnv().databaseFile));

/** The client inside `db.$transaction(async (tx) => …)`: services that join a caller's transaction take it. */
export type Tx = import("~/generated/prisma/client").Prisma.TransactionClient;
