import { db, dbProvider, Prisma, type Tx } from "./db.server";

// What a read-then-write needs beyond a conditional update (docs/concurrency.md has the table of which
// case uses what). On SQLite every transaction already runs alone behind the process-wide gate
// (db.server.ts), so a lock is a no-op there; on PostgreSQL transactions run side by side at READ
// COMMITTED and a read inside one sees nothing that stops another from writing.

/** The rows a service may lock, by table and key column: a fixed list, so no name reaches SQL from input. */
const LOCKABLE = {
  Order: "id",
  User: "id",
  Listing: "id",
  ReturnRequest: "id",
  TopUp: "id",
  PaymentTrade: "id",
  PaymentRefund: "id",
  WalletAccount: "userId",
} as const;

export type LockableTable = keyof typeof LOCKABLE;

/**
 * Locks one row for the rest of the transaction: another transaction locking (or updating) the same
 * row waits until this one commits, then reads what it wrote. Call it first in the transaction, before
 * the reads whose answer decides the writes. `FOR NO KEY UPDATE` is the lock an UPDATE itself takes:
 * it does not block other transactions inserting rows that reference this one (events, ledger
 * entries), which take only a key-share lock. Returns whether the row exists.
 */
export async function lockRow(tx: Tx, table: LockableTable, key: string): Promise<boolean> {
  if (dbProvider !== "postgresql") return true;
  const rows = await tx.$queryRaw<
    { one: number }[]
  >`SELECT 1 AS one FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${LOCKABLE[table]}"`)} = ${key} FOR NO KEY UPDATE`;
  return rows.length > 0;
}

/** A unique index refused the write: another request created the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// PostgreSQL's serialization_failure (40001) and deadlock_detected (40P01), as Prisma reports them
// (P2034) or as the driver adapter passes them on.
function isRetryable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? "")}` : "";
  return /\b40001\b|\b40P01\b|deadlock detected|could not serialize access/i.test(text);
}

const RETRIES = 4;

/**
 * Runs `work` in a transaction and, when PostgreSQL aborts it as a deadlock victim or a serialization
 * failure (Prisma's P2034), runs it again a few times after a short random pause: nothing of an aborted
 * attempt was written, so running it again is safe. The services lock rows in one order (the order or
 * the shopper first, the wallet last) so this should not happen; it keeps a rare one from being a 500.
 * SQLite runs it once, as it always did.
 */
export async function transactionWithRetry<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (dbProvider !== "postgresql" || attempt >= RETRIES || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}
