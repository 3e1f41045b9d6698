import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv, type DatabaseProvider } from "./env.server";
import { createPgPool } from "./pg-pool.server";

export { Prisma } from "~/generated/prisma/client";

/** A FIFO lock for async work: each run starts when the one before it has settled. */
function createGate() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work, work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

function createSqliteClient(databaseFile: string) {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // `timeout` is SQLite's busy timeout: writers wait for the lock instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url: `file:${databaseFile}`, timeout: 5000 });
  const base = new PrismaClient({ adapter });

  // The adapter has one connection. It makes transactions wait for each other, but not plain
  // queries: a query sent while another request's transaction is open would run inside it, see its
  // uncommitted rows and be rolled back with it. So every query outside a transaction waits at the
  // same gate a transaction holds for its whole length; queries inside one (tx.…) pass straight on.
  const gate = createGate();
  const inTransaction = new AsyncLocalStorage<true>();
  const client = base.$extends({
    query: {
      $allOperations({ args, query }) {
        return inTransaction.getStore() ? query(args) : gate.run(() => query(args));
      },
    },
  });
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(client, "$transaction", {
    value: (...args: unknown[]) => gate.run(() => inTransaction.run(true, () => transaction(...args))),
  });

  // With WAL (set on the file by the seed), NORMAL still never corrupts the database; a power cut
  // may lose the last commits. It is what makes a commit ~20 µs instead of ~300 µs (PLATFORM.md).
  void client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
  // Typed as the plain client: the extension changes behaviour, not the API.
  return client as unknown as PrismaClient;
}

/**
 * PostgreSQL: a pool of DATABASE_POOL_SIZE connections, so transactions and queries run side by side and
 * need no gate. The client is generated from the derived schema (prisma/postgresql/schema.prisma) into
 * app/generated/prisma-pg; its model API is the SQLite client's, so it is typed as that one.
 */
async function createPostgresClient(url: string, poolSize: number) {
  const { PrismaClient: PostgresClient } = await import("~/generated/prisma-pg/client");
  const adapter = new PrismaPg(createPgPool(url, poolSize), { disposeExternalPool: true });
  // Prisma's defaults (2 s to get a pooled connection, 5 s to run) turn a busy pool into 500s: 50
  // checkouts at once on 10 connections failed with "Unable to start a transaction in the given time".
  // A transaction queues for a connection as long as a plain query would, and may wait on a row lock.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 };
  return new PostgresClient({ adapter, transactionOptions }) as unknown as PrismaClient;
}

export type Db = PrismaClient;

const env = getEnv();

/** Which database this process runs on: raw SQL that differs between the two branches on it. */
export const dbProvider: DatabaseProvider = env.databaseProvider;

const globalForDb = globalThis as unknown as { __db?: Db };

// One client per process, kept across dev rebuilds.
export const db: Db = (globalForDb.__db ??=
  env.databaseFile === undefined
    ? await createPostgresClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE)
    : createSqliteClient(env.databaseFile));

/**
 * A client for a database other than this process's own: `npm run db:copy` reads the shop's SQLite
 * file with one and writes the new PostgreSQL database with another. The caller disconnects it.
 */
export async function connectDatabase(url: string, poolSize = 4): Promise<Db> {
  return url.startsWith("file:") ? createSqliteClient(path.resolve(url.slice("file:".length))) : createPostgresClient(url, poolSize);
}

/** The client inside `db.$transaction(async (tx) => …)`: services that join a caller's transaction take it. */
export type Tx = import("~/generated/prisma/client").Prisma.TransactionClient;
