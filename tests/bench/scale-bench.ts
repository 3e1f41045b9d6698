// Run by tests/bench/run.ts (`npm run bench -- --only scale`) in its own process: the rows of issue
// #12 on PostgreSQL with SQLite beside them, all measured in this one run.
// - orders/s with one web instance and with two (PostgreSQL; SQLite has one: a second web process on
//   one SQLite file shares its single writer and sees other processes' changes only through a 5 s poll),
// - status-update latency with 50 pages watching one order live, split across the instances (updates
//   made on A, time until each watcher has the change),
// - catalog search p50 / p99 at BENCH_CATALOG_SIZE (100,000) listings.
// Both databases hold the same shop: the SQLite file is prepared (seed, generated catalog, landed
// prices, bench shoppers) and copied into PostgreSQL with `npm run db:copy`. Prints its rows as JSON
// on the last line of stdout.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { startCluster } from "../cluster";
import { adminQuery } from "../pg-server";
import { TMP_DIR } from "../db-template";
import { startServer } from "../server-process";
import { fillCatalog } from "./catalog-fixture";
import { indexCatalog } from "./index-catalog";
import { BENCH_SERVER_ENV, type BenchRow } from "./harness";
import {
  createHttp,
  createShoppers,
  expectedPurchase,
  expectRedirect,
  moveForm,
  priceCheckForm,
  logIn,
  mapLimit,
  percentile,
  pickListing,
  placeFor,
  placeOrder,
  Watcher,
  type Http,
  type Listing,
  type Shopper,
} from "./orders-bench";

const CATALOG_SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 100_000);
const CLIENTS = 20;
const WATCHERS = 50;
/** Seconds per measured stretch; one and two instances alternate twice, so drift hits both alike. */
const STRETCH_SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 5);
const WATCHED_ORDERS = 5;
const MOVES = ["PURCHASING", "PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS", "DELIVERED"] as const;
const AGENT = { email: "agent@example.com", password: "daigou-demo-1" }; // seeded by prisma/seed.ts
const tsx = path.resolve("node_modules", ".bin", "tsx");
const progress = (message: string) => process.stderr.write(`  · ${message}\n`);
const fmt = (value: number, digits = 0) => value.toFixed(digits);
const ms = (value: number) => fmt(value, value < 10 ? 1 : 0);
/** The bench servers' environment for this process's own children (the CLI job, the search process). */
const benchEnv = (databaseUrl: string): NodeJS.ProcessEnv => ({
  ...process.env,
  ...BENCH_SERVER_ENV,
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
});

/** One row from the shop's database, whichever it is ($1-style parameters). */
type Read = (sql: string, params: unknown[]) => Promise<Record<string, unknown> | undefined>;

type Sample = { watcherMs: number[]; postMs: number };

/**
 * Moves one order PAID → … → DELIVERED through its agent's forms on `http` (instance A), timing each
 * move from sending the POST until every watcher (on whichever instance) had its change event.
 */
async function moveThrough(http: Http, read: Read, agentCookie: string, orderId: string, watchers: Watcher[], samples: Sample[]) {
  const quoted = await read(`SELECT q."request" FROM "Order" o JOIN "Quote" q ON q."id" = o."quoteId" WHERE o."id" = $1`, [orderId]);
  if (!quoted) throw new Error(`order ${orderId} not found`);
  const purchase = expectedPurchase(String(quoted.request));
  const version = async () => Number((await read(`SELECT "version" FROM "Order" WHERE "id" = $1`, [orderId]))?.version);
  const moved = (response: Awaited<ReturnType<Http["send"]>>, what: string) =>
    expectRedirect(response, new RegExp(`^/orders/${orderId}$`), `${what} ${orderId}`);

  for (const to of MOVES) {
    if (to === "PURCHASED") {
      // The price check before buying (not timed), and every watcher has had its change first.
      const check = priceCheckForm(await version(), purchase);
      const seen = watchers.map((watcher) => watcher.changes.length);
      await moved(await http.send(`/orders/${orderId}`, { cookie: agentCookie, body: check }), "price check");
      await Promise.all(watchers.map((watcher, index) => watcher.next(seen[index] ?? 0)));
    }
    const body = moveForm(orderId, to, await version(), purchase, "SCALE");
    const seenBefore = watchers.map((watcher) => watcher.changes.length);
    const started = performance.now();
    const answered = http
      .send(`/orders/${orderId}`, { cookie: agentCookie, body })
      .then((response) => moved(response, `move to ${to}`))
      .then(() => performance.now());
    const [postAt, ...seenAt] = await Promise.all([answered, ...watchers.map((watcher, index) => watcher.next(seenBefore[index] ?? 0))]);
    samples.push({ postMs: postAt - started, watcherMs: seenAt.map((at) => at - started) });
  }
}

/** Orders = placements, no wallet below zero or off its ledger, charges = amounts paid. */
async function integrity(read: Read, placed: number) {
  const count = async (sql: string) => Number(Object.values((await read(sql, [])) ?? {})[0] ?? 0);
  const scope = `"userId" LIKE 'bench-%'`;
  const orders = await count(`SELECT COUNT(*) FROM "Order" WHERE ${scope}`);
  const negative = await count(`SELECT COUNT(*) FROM "WalletAccount" WHERE ${scope} AND "balanceFen" < 0`);
  const offLedger = await count(
    `SELECT COUNT(*) FROM "WalletAccount" a WHERE a.${scope} AND a."balanceFen" <> (SELECT COALESCE(SUM(e."amountFen"), 0) FROM "WalletEntry" e WHERE e."userId" = a."userId")`,
  );
  const paid = await count(`SELECT COALESCE(SUM("paidFen"), 0) FROM "Order" WHERE ${scope}`);
  const charged = -(await count(
    `SELECT COALESCE(SUM("amountFen"), 0) FROM "WalletEntry" WHERE ${scope} AND "kind" IN ('CHARGE', 'REFUND')`,
  ));
  const problems = [
    orders !== placed ? `${orders} orders for ${placed} placements` : "",
    negative ? `${negative} negative wallets` : "",
    offLedger ? `${offLedger} wallets off their ledger` : "",
    paid !== charged ? `paid ${paid} fen, charged ${charged} fen` : "",
  ].filter(Boolean);
  return {
    value: problems.length ? "FAILED" : "ok",
    note: problems.length
      ? problems.join("; ")
      : `${orders} orders = placements; wallets ≥ 0 and equal to their ledgers; charges = amounts paid`,
  };
}

type Measured = { rates: number[]; failures: string[]; placements: number; cpu: Record<string, number[]> };

/** The processes whose CPU use a stretch reports: each web instance, the database server, this load generator. */
type CpuSources = Record<string, () => number[]>;

/** CPU seconds (user + system) the processes have used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pids: number[]) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name: state ppid … utime (14th) stime (15th), in clock ticks (100 Hz).
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** The PostgreSQL postmaster (from its pid file) and every backend it forked. */
function postgresPids(dataDir: string) {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    });
  return [postmaster, ...children.map(Number)];
}

/** Share of one core each source used while `work` ran (100 = one full core). */
async function withCpu<T>(sources: CpuSources, work: () => Promise<T>) {
  const self = () => [process.pid];
  const all: CpuSources = { ...sources, "load generator": self };
  const before = Object.fromEntries(Object.entries(all).map(([name, pids]) => [name, cpuSeconds(pids())]));
  const started = performance.now();
  const result = await work();
  const elapsed = (performance.now() - started) / 1000;
  const used = Object.fromEntries(
    Object.entries(all).map(([name, pids]) => [name, ((cpuSeconds(pids()) - (before[name] ?? 0)) / elapsed) * 100]),
  );
  return { result, used };
}

const cpuNote = (m: Measured) =>
  `CPU (% of one core): ${Object.entries(m.cpu)
    .map(([name, values]) => `${name} ${fmt(values.reduce((sum, value) => sum + value, 0) / values.length)}`)
    .join(", ")}`;

/** `shoppers` split evenly over `https`, all placing for `seconds`: orders per second over the whole stretch. */
async function placeAcross(https: Http[], shoppers: Shopper[], listing: Listing, seconds: number) {
  const share = Math.ceil(shoppers.length / https.length);
  const started = performance.now();
  const runs = await Promise.all(
    https.map((http, index) => placeFor(http, shoppers.slice(index * share, (index + 1) * share), listing, seconds)),
  );
  const elapsed = (performance.now() - started) / 1000;
  const placements = runs.flatMap((run) => run.placements);
  return { rate: placements.length / elapsed, placements, failures: runs.flatMap((run) => run.failures) };
}

/** The rows of one database: `https[0]` is instance A; a second entry is instance B. */
async function measure(label: string, https: Http[], read: Read, listing: Listing, shoppers: Shopper[], rows: BenchRow[], cpu: CpuSources) {
  const [a] = https;
  if (!a) throw new Error("no instance");
  const placing = shoppers.slice(0, CLIENTS);
  const crowdShopper = shoppers[CLIENTS];
  if (!crowdShopper) throw new Error("no shopper to watch");
  const agentCookie = await logIn(a, AGENT);
  let placed = 0;

  progress(`${label}: one unmeasured order per shopper on each instance`);
  for (const http of https) placed += (await Promise.all(placing.map((shopper) => placeOrder(http, shopper, listing)))).length;
  const one: Measured = { rates: [], failures: [], placements: 0, cpu: {} };
  const two: Measured = { rates: [], failures: [], placements: 0, cpu: {} };
  for (let round = 0; round < 2; round += 1) {
    for (const [target, pool] of https.length > 1
      ? ([
          [one, [a]],
          [two, https],
        ] as const)
      : ([[one, [a]]] as const)) {
      progress(
        `${label}: ${CLIENTS} shoppers placing orders on ${pool.length} instance${pool.length > 1 ? "s" : ""} for ${STRETCH_SECONDS} s`,
      );
      const { result: run, used } = await withCpu(cpu, () => placeAcross([...pool], placing, listing, STRETCH_SECONDS));
      for (const [name, value] of Object.entries(used)) (target.cpu[name] ??= []).push(value);
      target.rates.push(run.rate);
      target.failures.push(...run.failures);
      target.placements += run.placements.length;
      placed += run.placements.length;
    }
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const failed = (m: Measured) =>
    m.failures.length ? `${m.failures.length} failed: ${[...new Set(m.failures)].slice(0, 2).join(" | ")}` : "none failed";
  rows.push({
    name: `${label}: orders placed, ${CLIENTS} shoppers, 1 web instance`,
    value: fmt(mean(one.rates), 1),
    unit: "orders/s",
    note: `${one.placements} orders in 2 × ${STRETCH_SECONDS} s (${one.rates.map((rate) => fmt(rate, 1)).join(", ")}), ${failed(one)}; ${cpuNote(one)}${https.length > 1 ? "" : "; SQLite runs one web instance: a second process on the same file shares its one writer and sees others' changes only through a 5 s poll"}`,
  });
  if (https.length > 1) {
    rows.push(
      {
        name: `${label}: orders placed, ${CLIENTS} shoppers, 2 web instances`,
        value: fmt(mean(two.rates), 1),
        unit: "orders/s",
        note: `${two.placements} orders in 2 × ${STRETCH_SECONDS} s (${two.rates.map((rate) => fmt(rate, 1)).join(", ")}), half the shoppers on each, ${failed(two)}; ${cpuNote(two)}`,
      },
      {
        name: `${label}: orders/s, 2 instances ÷ 1 instance`,
        value: fmt(mean(two.rates) / mean(one.rates), 2),
        unit: "ratio",
        note: `stretches alternated 1, 2, 1, 2 in this run; target ≥ 1.6 (${os.cpus().length} cores shared by both instances, PostgreSQL and the load; load average ${os.loadavg()[0]?.toFixed(1)} at the end)`,
      },
    );
  }

  progress(
    `${label}: ${WATCHED_ORDERS} orders moved PAID → DELIVERED on A with ${WATCHERS} pages watching each${https.length > 1 ? ", half on A and half on B" : ""}`,
  );
  const orders: string[] = [];
  for (let index = 0; index < WATCHED_ORDERS; index += 1) orders.push((await placeOrder(a, crowdShopper, listing)).orderId);
  placed += orders.length;
  const samples: Sample[] = [];
  for (const orderId of orders) {
    const watchers = await mapLimit(Array.from({ length: WATCHERS }), 10, (_, index) =>
      Watcher.open(https[index % https.length] ?? a, orderId, crowdShopper.cookie),
    );
    try {
      await moveThrough(a, read, agentCookie, orderId, watchers, samples);
    } finally {
      for (const watcher of watchers) watcher.close();
    }
  }
  const each = samples.flatMap((sample) => sample.watcherMs);
  const all = samples.map((sample) => Math.max(sample.postMs, ...sample.watcherMs));
  rows.push({
    name: `${label}: status update p50 / p99, ${WATCHERS} pages watching${https.length > 1 ? " across 2 instances" : ""}`,
    value: `${ms(percentile(each, 0.5))} / ${ms(percentile(each, 0.99))}`,
    unit: "ms",
    note: `from the agent's POST on A until each watcher${https.length > 1 ? " (25 on A, 25 on B)" : ""} has the change: ${each.length} deliveries of ${samples.length} updates; until all ${WATCHERS} p99 ${ms(percentile(all, 0.99))} ms, the POST alone p99 ${ms(
      percentile(
        samples.map((sample) => sample.postMs),
        0.99,
      ),
    )} ms`,
  });
  const check = await integrity(read, placed);
  rows.push({ name: `${label}: orders integrity`, value: check.value, unit: "", note: check.note });
}

/**
 * `npm run db:copy` of the prepared SQLite shop into `databaseUrl`; it ends with the copy indexed for
 * search. Its progress is shown in part: each table once copied, and the indexing lines.
 */
async function copyToPostgres(databaseUrl: string) {
  const started = performance.now();
  const child = spawn(tsx, ["jobs/cli/db-copy.ts", "--to", databaseUrl, "--lang", "en"], {
    // The bench's own (still empty) upload directory: the copy also moves local photos into the database.
    env: { ...process.env, DATABASE_URL: `file:${source}`, UPLOAD_DIR: BENCH_SERVER_ENV.UPLOAD_DIR },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const show = (line: string) => {
    output += `${line}\n`;
    const table = /^Copying (\w+): ([\d,]+) \/ ([\d,]+) rows$/.exec(line);
    if (table) {
      if (table[2] === table[3] && table[3] !== "0") progress(`PostgreSQL copy: ${table[1]} ${table[3]} rows`);
    } else if (/index|Copied/i.test(line)) progress(`PostgreSQL copy: ${line}`);
  };
  const lines = (stream: NodeJS.ReadableStream) => {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) show(part.trim());
    });
  };
  if (child.stdout) lines(child.stdout);
  if (child.stderr) lines(child.stderr);
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (status !== 0) throw new Error(`npm run db:copy failed (exit ${status}):\n${output.split("\n").slice(-10).join("\n")}`);
  progress(`PostgreSQL copy: copied and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function searchRows(label: string, databaseUrl: string): BenchRow[] {
  const output = execFileSync(tsx, ["tests/bench/scale-search.ts", label, String(CATALOG_SIZE)], {
    env: benchEnv(databaseUrl),
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "[]") as BenchRow[];
}

const rows: BenchRow[] = [];
const source = path.join(TMP_DIR, "bench-scale-source.db");
let listing: Listing | undefined;
let shoppers: Shopper[] = [];

// ── SQLite: the prepared shop, one web instance ──────────────────────────────────────────────────
progress(`SQLite: seed, ${CATALOG_SIZE.toLocaleString()} generated listings, their landed prices, ${CLIENTS + 1} bench shoppers`);
const sqliteServer = await startServer({
  databaseFile: path.join(TMP_DIR, "bench-scale.db"),
  env: BENCH_SERVER_ENV,
  prepare: async (file) => {
    fillCatalog(file, CATALOG_SIZE);
    execFileSync(tsx, ["jobs/cli/job.ts", "landed-prices"], { env: benchEnv(`file:${file}`), stdio: "pipe" });
    // The triggers queued every generated listing: indexed before anything is measured.
    progress(`SQLite: search index of the ${CATALOG_SIZE.toLocaleString()} generated listings through the app's indexer`);
    indexCatalog(`file:${file}`, progress);
    shoppers = await createShoppers(file, CLIENTS + 1);
    const sqlite = new Database(file);
    listing = pickListing(sqlite);
    // The same shop for PostgreSQL, copied before anything runs on it.
    fs.rmSync(source, { force: true });
    sqlite.prepare("VACUUM INTO ?").run(source);
    sqlite.close();
  },
});
try {
  const sqlite = new Database(sqliteServer.databaseFile, { readonly: true });
  const http = createHttp(sqliteServer.baseUrl);
  try {
    await measure(
      "SQLite",
      [http],
      async (sql, params) => sqlite.prepare(sql.replace(/\$\d+/g, "?")).get(...params) as Record<string, unknown> | undefined,
      listing as Listing,
      shoppers,
      rows,
      { "web A": () => [sqliteServer.child.pid ?? 0] },
    );
  } finally {
    sqlite.close();
    await http.close();
  }
} finally {
  await sqliteServer.stop();
}
rows.push(...searchRows("SQLite", `file:${sqliteServer.databaseFile}`));

// ── PostgreSQL: the same shop copied in, two web instances ─────────────────────────────────────
progress("PostgreSQL: npm run db:copy of the prepared shop, two web instances");
const cluster = await startCluster({
  instances: 2,
  workers: 0,
  env: BENCH_SERVER_ENV,
  fill: async (databaseUrl) => {
    await copyToPostgres(databaseUrl);
    // Planner statistics for the freshly copied tables, as autovacuum would gather them shortly: the
    // steady state a shop runs in, not the first minutes after a bulk load.
    await adminQuery(databaseUrl, "ANALYZE");
  },
});
try {
  const https = cluster.instances.map((instance) => createHttp(instance.baseUrl));
  try {
    const [instanceA, instanceB] = cluster.instances;
    const cpu: CpuSources = {
      "web A": () => [instanceA?.child.pid ?? 0],
      "web B": () => [instanceB?.child.pid ?? 0],
      PostgreSQL: () => postgresPids(path.join(cluster.pg.dir, "data")),
    };
    await measure(
      "PostgreSQL",
      https,
      async (sql, params) => (await cluster.sql.query(sql, params)).rows[0],
      listing as Listing,
      shoppers,
      rows,
      cpu,
    );
  } finally {
    await Promise.all(https.map((http) => http.close()));
  }
  rows.push(...searchRows("PostgreSQL", cluster.databaseUrl));
} finally {
  await cluster.stop();
  fs.rmSync(source, { force: true });
  fs.rmSync(BENCH_SERVER_ENV.UPLOAD_DIR, { recursive: true, force: true });
}
// Each SQLite row beside its PostgreSQL counterpart.
const METRICS = [
  "orders placed",
  "orders/s, 2",
  "status update",
  "orders integrity",
  "search p50 / p99, Chinese",
  "search p50 / p99, English",
  "search p50 / p99, mixed",
];
const metric = (row: BenchRow) => METRICS.findIndex((name) => row.name.includes(name));
console.log(JSON.stringify([...rows].sort((left, right) => metric(left) - metric(right))));
