import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { STORED_PHOTO_NAME } from "~/domain/orders/photos";
import { connectDatabase, type Db } from "~/utils/db.server";
import { createMigratedDatabase } from "../db-template";
import { adminQuery } from "../pg-server";

// `npm run db:copy`: a seeded SQLite shop (with wallets) copied into fresh PostgreSQL databases by
// the real command. It needs a PostgreSQL server, so it runs in the integration-pg project only.
const pg = inject("integrationPg");
const runDir = inject("integrationRunDir");

/**
 * The shop's real search on the database `databaseUrl` names, in a process of its own (the app's
 * database client binds to DATABASE_URL when it loads, and this one holds the test's): the first page's ids.
 */
function searchIds(databaseUrl: string, q: string): string[] {
  const script = `(async () => {
    const { catalogSearchIds } = await import("./tests/fixtures/search-relevance/search-ids");
    console.log(JSON.stringify(await catalogSearchIds(${JSON.stringify(q)})));
    process.exit(0);
  })().catch((error) => { console.error(error); process.exit(1); });`;
  const stdout = execFileSync(path.resolve("node_modules/.bin/tsx"), ["-e", script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
    encoding: "utf8",
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "[]") as string[];
}

function runCopy(args: string[], sourceFile: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["jobs/cli/db-copy.ts", ...args], {
      env: { ...process.env, DATABASE_URL: `file:${sourceFile}`, NODE_ENV: "test" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(!pg)("copying a SQLite shop into PostgreSQL (npm run db:copy)", () => {
  const sourceFile = path.join(runDir, `copy-source-${crypto.randomUUID()}.db`);
  const created: string[] = [];
  let source: Db;

  async function freshTarget() {
    const name = `copy_${crypto.randomUUID().replaceAll("-", "")}`;
    await adminQuery(`${pg?.urlPrefix}postgres`, `CREATE DATABASE ${name}`);
    created.push(name);
    return `${pg?.urlPrefix}${name}`;
  }

  beforeAll(async () => {
    createMigratedDatabase(sourceFile);
    execFileSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${sourceFile}`, NODE_ENV: "development" },
      stdio: "pipe",
    });
    source = await connectDatabase(`file:${sourceFile}`);
    // Two wallets with ledgers, as a running shop has.
    const users = await source.user.findMany({ select: { id: true }, take: 2, orderBy: { email: "asc" } });
    for (const [index, user] of users.entries()) {
      const entries = [50_000 + index, -12_345, 700];
      await source.walletEntry.createMany({
        data: entries.map((amountFen) => ({ userId: user.id, kind: amountFen > 0 ? "DEPOSIT" : "CHARGE", amountFen })),
      });
      await source.walletAccount.create({ data: { userId: user.id, balanceFen: entries.reduce((sum, fen) => sum + fen, 0) } });
    }
  }, 120_000);

  afterAll(async () => {
    await source?.$disconnect();
    for (const name of created) await adminQuery(`${pg?.urlPrefix}postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("copies every table, verified, and the copy is the shop's data", async () => {
    const url = await freshTarget();
    // A warehouse photo on the shop's disk (the SQLite default driver) must be served on PostgreSQL too.
    const photo = {
      name: `${crypto.randomBytes(16).toString("hex")}.png`,
      bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(100)]),
    };
    await fs.mkdir(process.env.UPLOAD_DIR ?? "", { recursive: true });
    await fs.writeFile(path.join(process.env.UPLOAD_DIR ?? "", photo.name), photo.bytes);
    // With the demo's own (the delivered demo order's warehouse photo).
    const photos = (await fs.readdir(process.env.UPLOAD_DIR ?? "")).filter((name) => STORED_PHOTO_NAME.test(name)).length;
    expect(photos).toBeGreaterThanOrEqual(2);
    const result = await runCopy(["--to", url, "--lang", "en"], sourceFile);
    expect(result.stderr).not.toContain("failed");
    expect(result.status).toBe(0);
    const wallets = await source.walletAccount.aggregate({ _count: true, _sum: { balanceFen: true } });
    expect(result.stdout).toContain(
      `verified: every table's row count, ${wallets._count} wallets holding ¥${((wallets._sum.balanceFen ?? 0) / 100).toFixed(2)}`,
    );
    const target = await connectDatabase(url);
    try {
      for (const model of [
        "user",
        "listing",
        "listingVariant",
        "shippingLine",
        "customsRuleSet",
        "walletEntry",
        "walletAccount",
        "order",
        "orderEvent",
      ] as const) {
        const delegate = (client: Db) => client[model] as unknown as { count(): Promise<number> };
        expect(await delegate(target).count(), model).toBe(await delegate(source).count());
      }
      const listing = await source.listing.findFirstOrThrow({
        select: { id: true, title: true, titleZh: true, landedFen: true, available: true, createdAt: true },
      });
      expect(
        await target.listing.findUnique({
          where: { id: listing.id },
          select: { id: true, title: true, titleZh: true, landedFen: true, available: true, createdAt: true },
        }),
      ).toEqual(listing);
      const balances = async (client: Db) =>
        (await client.walletAccount.findMany({ select: { userId: true, balanceFen: true }, orderBy: { userId: "asc" } })).map(
          (row) => `${row.userId}:${row.balanceFen}`,
        );
      expect(await balances(target)).toEqual(await balances(source));
      // Analyzed after the copy: the planner knows each table's size from the first request (never
      // analyzed, PostgreSQL keeps reltuples at -1 and guesses).
      const [stats] = await target.$queryRaw<
        { reltuples: number }[]
      >`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'Listing'`;
      expect(stats?.reltuples).toBe(await source.listing.count());
      expect(result.stdout).toContain(`into the database (StoredFile): ${photos} (0.0 MB)`);
      expect(await target.storedFile.count()).toBe(photos);
      const copied = await target.storedFile.findUniqueOrThrow({
        where: { name: photo.name },
        select: { contentType: true, size: true, bytes: true },
      });
      expect({ ...copied, bytes: Buffer.from(copied.bytes).equals(photo.bytes) }).toEqual({
        contentType: "image/png",
        size: photo.bytes.byteLength,
        bytes: true,
      });

      // Searchable when the command ends: every published listing indexed by it, nothing left queued
      // (a search would index only the first 100 queued listings itself).
      const published = await source.listing.count({ where: { status: "PUBLISHED" } });
      expect(published).toBeGreaterThan(0);
      const [index] = await target.$queryRaw<{ queued: bigint; indexed: bigint }[]>`SELECT
        (SELECT COUNT(*) FROM "ListingSearchQueue") AS queued, (SELECT COUNT(*) FROM "ListingSearchEntry") AS indexed`;
      expect({ queued: Number(index?.queued), indexed: Number(index?.indexed) }).toEqual({ queued: 0, indexed: published });
      expect(result.stdout).toContain(`Indexed ${published.toLocaleString()} listings for search in`);
      expect(result.stderr).toContain(`Indexing ${published.toLocaleString()} listings for search`);
      const vacuum = await source.listing.findFirstOrThrow({
        where: { title: "Cordless Stick Vacuum V9, 60-Minute Runtime" },
        select: { id: true },
      });
      expect(searchIds(url, "吸尘器")).toContain(vacuum.id);
      expect(searchIds(url, "vacuum")).toContain(vacuum.id);
    } finally {
      await target.$disconnect();
    }
  }, 120_000);

  it("refuses a database that already holds data, and leaves it as it was", async () => {
    const url = await freshTarget();
    execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
    const target = await connectDatabase(url);
    try {
      await target.user.create({ data: { email: "already@example.com", name: "Already here", passwordHash: "x" } });
      const again = await runCopy(["--to", url, "--lang", "en"], sourceFile);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("already holds data (1 rows in User): copy only into an empty database. Nothing was copied.");
      expect(await target.user.findMany({ select: { email: true } })).toEqual([{ email: "already@example.com" }]);
      expect(await target.listing.count()).toBe(0);
    } finally {
      await target.$disconnect();
    }
  }, 120_000);

  it("writes nothing when the copy does not verify (a wallet whose balance is not its ledger)", async () => {
    const url = await freshTarget();
    const wallet = await source.walletAccount.findFirstOrThrow({ select: { userId: true, balanceFen: true } });
    await source.walletAccount.update({ where: { userId: wallet.userId }, data: { balanceFen: wallet.balanceFen + 1 } });
    try {
      const result = await runCopy(["--to", url], sourceFile);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("复制结果核对不符，未写入任何数据");
      expect(result.stderr).toContain(wallet.userId);
      const target = await connectDatabase(url);
      try {
        expect(await target.user.count()).toBe(0);
        expect(await target.listing.count()).toBe(0);
      } finally {
        await target.$disconnect();
      }
    } finally {
      await source.walletAccount.update({ where: { userId: wallet.userId }, data: { balanceFen: wallet.balanceFen } });
    }
  }, 120_000);

  it("says what is wrong with its arguments (exit 2)", async () => {
    for (const [args, message] of [
      [[], "--to is required"],
      [["--to", "file:./other.db"], "--to must be a postgresql:// URL"],
      [["--to", "postgresql://localhost"], "naming a database"],
      [["--to", "not a url"], "--to must be a postgresql:// URL"],
      [["--to", "postgresql://localhost/x", "--lang", "fr"], "--lang must be zh-CN or en"],
    ] as const) {
      const result = await runCopy([...args], sourceFile);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain("usage: npm run db:copy");
    }
  }, 120_000);
});
