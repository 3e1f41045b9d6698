import { Prisma, type Db } from "~/utils/db.server";

// `npm run db:copy -- --to postgresql://…`: a shop outgrowing its SQLite file moves to PostgreSQL.
// Every table is read inside one SQLite read transaction (a consistent snapshot that does not stop
// the running shop writing) and written inside one PostgreSQL transaction, verified before it
// commits: a copy either arrives whole and checked, or not at all.
//
// The search index (ListingSearchEntry, raw tables outside Prisma's models, PostgreSQL's own tsvector
// form) is not copied: every copied listing is queued for indexing in the same transaction (the
// target's triggers queue them as they arrive, and the copy queues them all once more, so a target whose
// triggers did not fire is no different), and the command drains that queue through the app's
// indexer once the copy has committed (jobs/cli/db-copy.ts) — the shop is searchable when it ends.

export type CopyErrorCode = "SOURCE_NOT_MIGRATED" | "TARGET_NOT_EMPTY" | "COPY_FAILED" | "VERIFY_FAILED";

export class CopyError extends Error {
  constructor(
    readonly code: CopyErrorCode,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export type TableCopied = { table: string; rows: number };
export type CopyReport = {
  tables: TableCopied[];
  rows: number;
  wallets: number;
  balanceFen: number;
  durationMs: number;
  /** Listings queued for the search index in the target (every copied listing), for the command to drain. */
  searchQueued: number;
  files?: { files: number; bytes: number };
};
export type CopyOptions = {
  onProgress?: (table: string, copied: number, total: number) => void;
  migrationsExpected?: number;
  /** Copies stored files (photos under UPLOAD_DIR) into the target, inside its transaction: all or nothing with the rows. */
  copyFiles?: (target: Pick<Db, "storedFile">) => Promise<{ files: number; bytes: number }>;
};

// Rows the PostgreSQL history inserts itself (settings rows, the dated customs rules): the copy
// replaces them with the shop's own, which an admin may have edited or added to.
const SEEDED_BY_MIGRATIONS = new Set(["ReturnSettings", "GuaranteeSettings", "CustomsRuleSet"]);
// PostgreSQL takes at most 65,535 bind parameters per statement.
const MAX_PARAMETERS = 60_000;
const MAX_BATCH = 1_000;
// Photo rows carry up to UPLOAD_MAX_BYTES each: a few at a time keeps the copy's memory small.
const BATCH_OF = (model: string) => (model === "StoredFile" ? 10 : MAX_BATCH);
const HOUR_MS = 3_600_000;

type Delegate = {
  count(): Promise<number>;
  findMany(args: { skip: number; take: number }): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
  deleteMany(): Promise<{ count: number }>;
};
type Client = Pick<Db, "$queryRaw" | "$queryRawUnsafe">;

const delegateOf = (client: unknown, model: string) =>
  (client as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)] as Delegate;

/** Models in an order that inserts every row after the rows it references (from the target's foreign keys). */
async function insertOrder(target: Client, models: string[]) {
  const edges = await target.$queryRaw<{ child: string; parent: string }[]>`SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`;
  const parents = new Map(models.map((model) => [model, new Set<string>()]));
  for (const { child, parent } of edges) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const visit = (model: string, path: Set<string>) => {
    if (ordered.includes(model)) return;
    if (path.has(model)) throw new CopyError("COPY_FAILED", `Foreign keys form a cycle through ${model}.`, { table: model });
    path.add(model);
    for (const parent of parents.get(model) ?? []) visit(parent, path);
    path.delete(model);
    ordered.push(model);
  };
  for (const model of [...models].sort()) visit(model, new Set());
  return ordered;
}

async function checkSourceMigrated(source: Client, expected: number | undefined) {
  if (expected === undefined) return;
  const [row] = await source.$queryRawUnsafe<{ applied: number | bigint }[]>(
    `SELECT COUNT(*) AS applied FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const applied = Number(row?.applied ?? 0);
  if (applied !== expected) {
    throw new CopyError(
      "SOURCE_NOT_MIGRATED",
      `The SQLite database has ${applied} of ${expected} migrations applied; run npm run db:setup on it first.`,
      { applied, expected },
    );
  }
}

async function checkTargetEmpty(target: unknown, models: string[]) {
  for (const model of models) {
    if (SEEDED_BY_MIGRATIONS.has(model)) continue;
    const rows = await delegateOf(target, model).count();
    if (rows > 0)
      throw new CopyError(
        "TARGET_NOT_EMPTY",
        `The PostgreSQL database already holds data (${rows} rows in ${model}); copy only into an empty one.`,
        { table: model, rows },
      );
  }
}

/** Queues every listing of the target for the search index; returns how many are queued. */
async function queueForSearch(client: Pick<Db, "$queryRaw" | "$executeRaw">) {
  await client.$executeRaw`INSERT INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing" ON CONFLICT DO NOTHING`;
  const [row] = await client.$queryRaw<{ queued: number | bigint }[]>`SELECT COUNT(*) AS queued FROM "ListingSearchQueue"`;
  return Number(row?.queued ?? 0);
}

/** Every wallet's stored balance equals the sum of its ledger: the invariant charges rely on. */
async function walletMismatches(client: Client) {
  return client.$queryRaw<
    { userId: string; balanceFen: number; ledgerFen: number | bigint }[]
  >`SELECT a."userId", a."balanceFen", COALESCE(SUM(e."amountFen"), 0) AS "ledgerFen"
    FROM "WalletAccount" a LEFT JOIN "WalletEntry" e ON e."userId" = a."userId"
    GROUP BY a."userId", a."balanceFen" HAVING a."balanceFen" <> COALESCE(SUM(e."amountFen"), 0)`;
}

async function walletTotals(client: Client) {
  const [row] = await client.$queryRaw<
    { wallets: number | bigint; balanceFen: number | bigint | null }[]
  >`SELECT COUNT(*) AS wallets, SUM("balanceFen") AS "balanceFen" FROM "WalletAccount"`;
  return { wallets: Number(row?.wallets ?? 0), balanceFen: Number(row?.balanceFen ?? 0) };
}

async function copyTable(source: unknown, target: unknown, model: string, options: CopyOptions): Promise<TableCopied> {
  const from = delegateOf(source, model);
  const to = delegateOf(target, model);
  const total = await from.count();
  if (SEEDED_BY_MIGRATIONS.has(model)) await to.deleteMany();
  let copied = 0;
  let batch = BATCH_OF(model);
  options.onProgress?.(model, 0, total);
  while (copied < total) {
    // No ORDER BY needed: inside one read transaction SQLite returns a table's rows in the same order.
    const rows = await from.findMany({ skip: copied, take: batch });
    if (rows.length === 0) break;
    batch = Math.max(1, Math.min(BATCH_OF(model), Math.floor(MAX_PARAMETERS / Object.keys(rows[0] ?? {}).length)));
    try {
      await to.createMany({ data: rows });
    } catch (error) {
      throw new CopyError("COPY_FAILED", `Copying ${model} failed at row ${copied + 1}: ${(error as Error).message.split("\n").at(-1)}`, {
        table: model,
        row: copied + 1,
      });
    }
    copied += rows.length;
    options.onProgress?.(model, copied, total);
  }
  return { table: model, rows: copied };
}

/**
 * Copies every table of `source` (the shop's SQLite database) into `target` (a migrated, empty
 * PostgreSQL database), then checks in the same transaction that every table has the source's row
 * count and every wallet's balance equals its ledger and the source's; any failure rolls it all back.
 */
export async function copyDatabase(source: Db, target: Db, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  const models = Object.values(Prisma.ModelName) as string[];
  await checkSourceMigrated(source, options.migrationsExpected);
  const order = await insertOrder(target, models);
  const expected = await walletTotals(source);
  const report = await source.$transaction(
    (read) =>
      target.$transaction(
        async (write) => {
          await checkTargetEmpty(write, order);
          const tables: TableCopied[] = [];
          for (const model of order) tables.push(await copyTable(read, write, model, options));
          for (const { table, rows } of tables) {
            const landed = await delegateOf(write, table).count();
            if (landed !== rows)
              throw new CopyError("VERIFY_FAILED", `${table}: ${rows} rows read but ${landed} in PostgreSQL.`, { table, rows, landed });
          }
          const [mismatch] = await walletMismatches(write);
          if (mismatch) {
            throw new CopyError(
              "VERIFY_FAILED",
              `The wallet of user ${mismatch.userId} holds ${mismatch.balanceFen} fen but its ledger sums to ${Number(mismatch.ledgerFen)} fen.`,
              {
                userId: mismatch.userId,
              },
            );
          }
          const copiedTotals = await walletTotals(write);
          if (copiedTotals.wallets !== expected.wallets || copiedTotals.balanceFen !== expected.balanceFen) {
            throw new CopyError(
              "VERIFY_FAILED",
              `Wallets differ: ${expected.wallets} holding ${expected.balanceFen} fen in SQLite, ${copiedTotals.wallets} holding ${copiedTotals.balanceFen} fen copied.`,
            );
          }
          const files = options.copyFiles ? await options.copyFiles(write) : undefined;
          const listings = tables.find((table) => table.table === "Listing")?.rows ?? 0;
          const searchQueued = await queueForSearch(write);
          if (searchQueued < listings)
            throw new CopyError("VERIFY_FAILED", `${listings} listings copied but only ${searchQueued} queued for the search index.`);
          return {
            tables,
            rows: tables.reduce((sum, table) => sum + table.rows, 0),
            ...copiedTotals,
            files,
            searchQueued,
            durationMs: Math.round(performance.now() - started),
          };
        },
        { timeout: 6 * HOUR_MS, maxWait: 60_000 },
      ),
    { timeout: 6 * HOUR_MS, maxWait: 60_000 },
  );
  // Rows written in one transaction leave PostgreSQL without statistics until autovacuum next
  // analyzes the tables: until then the planner guesses (sequential scans, wrong join orders) and the
  // first pages served after a move are slow. Analyzed once, now, the shop is fast from its first request.
  await target.$executeRawUnsafe("ANALYZE");
  return report;
}
