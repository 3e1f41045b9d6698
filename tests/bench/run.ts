import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import path from "node:path";
import { TMP_DIR } from "../db-template";
import { startServer } from "../server-process";
import { fillCatalog } from "./catalog-fixture";
import { indexCatalog } from "./index-catalog";
import { oneItem, tenItems, timeEngine } from "./engine";
import { BENCH_SERVER_ENV, load, printAndSave, type BenchRow } from "./harness";
import { lighthouseRows } from "./lighthouse";
import { landedRows } from "./landed-bench";
import { searchLatencyRows } from "./search-latency";
import { createHttp, createShoppers, orderRows, pickListing, placeOrder } from "./orders-bench";
import { abuseRows } from "./abuse-bench";
import { relevanceRows } from "./relevance-bench";
import { arrivalRows } from "./arrival-bench";

// Every figure that matters is a ratio against a reference measured in this same run, so it means
// something on any machine (absolute numbers vary by ±25% on shared 2-core hosts).
const CATALOG_SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 100_000);
// `npm run bench -- --only landed,category` runs some sections (the whole bench takes minutes).
const SECTIONS = [
  "engine",
  "jobs",
  "landed",
  "search",
  "http",
  "abuse",
  "category",
  "orders",
  "lighthouse",
  "scale",
  "relevance",
  "arrival",
] as const;
const onlyArg = process.argv.find((arg) => arg.startsWith("--only"));
const onlyValue = onlyArg === "--only" ? process.argv[process.argv.indexOf(onlyArg) + 1] : onlyArg?.slice("--only=".length);
const only = onlyValue ? new Set(onlyValue.split(",")) : null;
for (const name of only ?? []) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`unknown section ${name}; sections: ${SECTIONS.join(", ")}`);
    process.exit(2);
  }
}
const want = (section: (typeof SECTIONS)[number]) => !only || only.has(section);
const rows: BenchRow[] = [];
const fmt = (value: number, digits = 0) => value.toFixed(digits);
const progress = (message: string) => process.stderr.write(`• ${message}\n`);

progress("landed-cost engine");
const oneMicros = timeEngine(oneItem);
rows.push({
  name: "engine: 1-item quote",
  value: fmt(oneMicros, 1),
  unit: "µs/quote",
  note: `${fmt(1e6 / oneMicros)} quotes/s; target < 20 µs`,
});
if (want("engine")) {
  const tenMicros = timeEngine(tenItems);
  const oneFreshMicros = timeEngine(oneItem, { freshContext: true });
  rows.push(
    { name: "engine: 10-item quote", value: fmt(tenMicros, 1), unit: "µs/quote", note: `${fmt(1e6 / tenMicros)} quotes/s` },
    {
      name: "engine: 1-item, new context object",
      value: fmt(oneFreshMicros, 1),
      unit: "µs/quote",
      note: "same parts, as the quote service builds it",
    },
  );
}

if (want("jobs")) {
  progress("jobs: price refresh and store import against fake stores (own process)");
  const jobRows = execFileSync(path.resolve("node_modules", ".bin", "tsx"), ["tests/bench/jobs-bench.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  rows.push(...(JSON.parse(jobRows.trim().split("\n").at(-1) ?? "[]") as BenchRow[]));
}
if (want("scale")) {
  progress("scale: PostgreSQL with one and two web instances, SQLite beside it (own process, its own servers)");
  execFileSync(path.resolve("node_modules", ".bin", "remix"), ["build"], { stdio: "ignore" });
  const scaleRows = execFileSync(path.resolve("node_modules", ".bin", "tsx"), ["tests/bench/scale-bench.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  rows.push(...(JSON.parse(scaleRows.trim().split("\n").at(-1) ?? "[]") as BenchRow[]));
}
if (want("relevance")) {
  progress("search relevance: recall@10 and MRR of the fixture's queries (own process, own database)");
  rows.push(...(await relevanceRows()));
}
if (want("arrival")) {
  progress("arrival dates: predicted vs fixed range on a generated order history (pure, in process)");
  rows.push(...arrivalRows());
}
// The sections above need no server: with only those asked for, stop here.
const SERVERLESS = new Set<string>(["engine", "jobs", "scale", "relevance", "arrival"]);
if (!SECTIONS.some((section) => !SERVERLESS.has(section) && want(section))) {
  printAndSave(rows);
  process.exit(0);
}

progress("building the app");
execFileSync(path.resolve("node_modules", ".bin", "remix"), ["build"], { stdio: "ignore" });
progress(`starting the server on a seeded database plus ${CATALOG_SIZE.toLocaleString()} generated listings`);
const server = await startServer({
  databaseFile: path.join(TMP_DIR, "bench.db"),
  env: BENCH_SERVER_ENV,
  prepare: (file) => {
    fillCatalog(file, CATALOG_SIZE);
    // The triggers queued every generated listing: indexed now, before anything is measured.
    progress(`search index: draining the queue of ${CATALOG_SIZE.toLocaleString()} generated listings through the app's indexer`);
    indexCatalog(`file:${file}`, progress);
  },
});
process.env.DATABASE_URL = `file:${server.databaseFile}`;
try {
  // Always: the generated listings need their landed prices before any list is measured.
  progress(
    `landed prices: recompute ${CATALOG_SIZE.toLocaleString()} generated listings (first pricing, after a new rate snapshot, unchanged)`,
  );
  const landed = await landedRows();
  if (want("landed")) rows.push(...landed);
  if (want("search")) {
    progress("search latency in process");
    rows.push(...(await searchLatencyRows("", CATALOG_SIZE, "target p99 < 20 ms")));
  }

  const base = server.baseUrl;
  if (want("category")) {
    progress("category page against the same page from constant data (autocannon, 50 connections, 5 s each)");
    for (const query of ["", "?sort=price_asc"]) {
      const live = await load(`${base}/c/electronics${query}`);
      const constant = await load(`${base}/bench/category?slug=electronics${query.replace("?", "&")}`);
      rows.push({
        name: `category page${query ? " by price" : ""} ÷ same page from constant data`,
        value: fmt(live.rps / constant.rps, 3),
        unit: "ratio",
        note: `${fmt(live.rps)} vs ${fmt(constant.rps)} req/s, p99 ${live.p99} ms; target ≥ 0.8`,
      });
    }
  }
  if (want("http")) {
    progress("HTTP throughput (autocannon, 50 connections, 5 s each)");
    const trivial = await load(`${base}/api/ping`);
    const home = await load(`${base}/`);
    rows.push(
      {
        name: "trivial JSON route /api/ping",
        value: fmt(trivial.rps),
        unit: "req/s",
        note: `p50 ${trivial.p50} ms, p99 ${trivial.p99} ms`,
      },
      {
        name: "home page ÷ trivial route",
        value: fmt(home.rps / trivial.rps, 3),
        unit: "ratio",
        note: `${fmt(home.rps)} req/s; server rendering is the cost`,
      },
    );
    const apiBody = JSON.stringify({ request: oneItem, context: { shippingLine: "us-cbec-bonded" } });
    const api = await load(`${base}/api/quotes`, { method: "POST", body: apiBody, headers: { "Content-Type": "application/json" } });
    rows.push({
      name: "POST /api/quotes ÷ trivial route",
      value: fmt(api.rps / trivial.rps, 3),
      unit: "ratio",
      note: `${fmt(api.rps)} req/s, p50 ${api.p50} ms, p99 ${api.p99} ms; target ≥ 0.5`,
    });

    const listingId = "bench-42";
    const listing = await load(`${base}/listings/${listingId}`);
    const listingConst = await load(`${base}/bench/listing?id=${listingId}`);
    rows.push({
      name: "listing page ÷ same page from constant data",
      value: fmt(listing.rps / listingConst.rps, 3),
      unit: "ratio",
      note: `${fmt(listing.rps)} vs ${fmt(listingConst.rps)} req/s; target ≥ 0.5`,
    });
    // The seeded store with a share of the generated catalog: its count and first page come from one index.
    const storeSlug = "pacific-outfitters";
    const store = await load(`${base}/stores/${storeSlug}`);
    const storeConst = await load(`${base}/bench/store?slug=${storeSlug}`);
    rows.push({
      name: "store page ÷ same page from constant data",
      value: fmt(store.rps / storeConst.rps, 3),
      unit: "ratio",
      note: `${fmt(store.rps)} vs ${fmt(storeConst.rps)} req/s; target ≥ 0.5`,
    });
    const search = await load(`${base}/search?q=${encodeURIComponent("耳机")}`);
    const searchConst = await load(`${base}/bench/search?q=${encodeURIComponent("耳机")}`);
    rows.push({
      name: "search page ÷ same page from constant data",
      value: fmt(search.rps / searchConst.rps, 3),
      unit: "ratio",
      note: `${fmt(search.rps)} vs ${fmt(searchConst.rps)} req/s; target ≥ 0.5`,
    });
  }

  if (want("abuse")) {
    progress("/healthz while 20 slow clients and parser-abuse requests run (5 s alone, 5 s under abuse)");
    rows.push(...(await abuseRows(base)));
  }
  if (want("orders")) {
    progress("orders over HTTP: 20 shoppers placing at once; status updates with 50 watching live");
    try {
      rows.push(...(await orderRows(server, progress)));
    } catch (error) {
      rows.push({ name: "orders over HTTP", value: "n/a", unit: "", note: `failed: ${(error as Error).message}` });
    }
  }
  if (want("lighthouse") && process.env.BENCH_LIGHTHOUSE !== "0") {
    progress("Lighthouse (mobile) on the home, search, listing, cart and order pages");
    const listingId = "bench-42";
    // A signed-in shopper with one placed order and a line in the cart, for the two pages behind a login.
    const sqlite = new Database(server.databaseFile, { readonly: true });
    const toOrder = pickListing(sqlite);
    sqlite.close();
    const [shopper] = await createShoppers(server.databaseFile, 1, "lighthouse");
    if (!shopper) throw new Error("no Lighthouse shopper");
    const http = createHttp(base);
    const order = await placeOrder(http, shopper, toOrder);
    await http.send(`/listings/${toOrder.id}`, {
      cookie: shopper.cookie,
      body: new URLSearchParams({ intent: "add-to-cart", quantity: "1" }),
    });
    rows.push(
      ...lighthouseRows([
        { name: "home", url: `${base}/` },
        { name: "search", url: `${base}/search?q=${encodeURIComponent("耳机")}` },
        { name: "listing", url: `${base}/listings/${listingId}` },
        { name: "cart", url: `${base}/cart`, cookie: shopper.cookie },
        { name: "order", url: `${base}/orders/${order.orderId}`, cookie: shopper.cookie },
      ]),
    );
  }
} finally {
  await server.stop();
}
printAndSave(rows);
