// Orders over HTTP against the real server (run.ts's, or its own when run alone with
// `npx tsx tests/bench/orders-bench.ts`): orders placed per second by 20 shoppers at once (each
// looping add to cart → checkout page → place), then the latency of a status update with nobody
// watching, with 50 shoppers watching their own orders live, and with 50 pages open on the very order
// that moves. The bench shoppers, their wallets and sessions are written straight into the bench
// database; the seeded agent logs in through POST /login. Everything else goes through HTTP.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createCookieSessionStorage } from "@remix-run/node";
import Database from "better-sqlite3";
import { Agent, fetch, FormData, type Response } from "undici";
import { TMP_DIR } from "../db-template";
import { startServer } from "../server-process";
import { BENCH_SERVER_ENV, printAndSave, type BenchRow } from "./harness";

const CLIENTS = 20;
const WATCHERS = 50;
const PLACE_SECONDS = Number(process.env.BENCH_ORDER_SECONDS ?? 8);
const SINGLE_CLIENT_SECONDS = 3;
/** Each order goes PAID → PURCHASING → … → DELIVERED: 17 orders make 102 measured updates per case. */
const ORDERS_PER_CASE = 17;
const MOVES = ["PURCHASING", "PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS", "DELIVERED"] as const;
const WATCH_TIMEOUT_MS = 15_000;
const AGENT = { email: "agent@example.com", password: "daigou-demo-1" }; // seeded by prisma/seed.ts
const DEPOSIT_FEN = 100_000_000; // ¥1,000,000 each: every order of the run is paid from the wallet
const ADDRESS = {
  province: "广东省",
  city: "深圳市",
  district: "南山区",
  street: "科技园南路 18 号 2 栋 301",
  recipientName: "张三",
  mobile: "13800138000",
};
/** A 1×1 PNG: the warehouse step needs at least one photo. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export type Http = {
  base: string;
  send: (pathname: string, init?: { cookie?: string; body?: URLSearchParams | FormData; signal?: AbortSignal }) => Promise<Response>;
  close: () => Promise<void>;
};
export type Shopper = { id: string; email: string; cookie: string };
type Placement = { orderId: string; owner: string; paid: boolean; addMs: number; pageMs: number; placeMs: number; cycleMs: number };
export type Listing = { id: string; lineCode: string };

const fmt = (value: number, digits = 0) => value.toFixed(digits);
const ms = (value: number) => fmt(value, value < 10 ? 1 : 0);

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function createHttp(base: string): Http {
  // Its own pool: no limit on connections (50 live streams stay open), sockets kept warm.
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  return {
    base,
    send: (pathname, init = {}) => {
      const headers: Record<string, string> = {};
      if (init.cookie) headers.Cookie = init.cookie;
      // Same-origin POSTs only: the server refuses any other Origin.
      if (init.body) headers.Origin = base;
      return fetch(`${base}${pathname}`, {
        method: init.body ? "POST" : "GET",
        headers,
        body: init.body,
        redirect: "manual",
        dispatcher,
        signal: init.signal,
      });
    },
    close: () => dispatcher.destroy(),
  };
}

/** The page's alert text, if any: what a refused form said, for the error message. */
function alertText(html: string) {
  const alert = /role="alert"[^>]*>([\s\S]{0,400}?)<\/(?:p|div|ul)>/.exec(html)?.[1] ?? html.slice(0, 200);
  return alert
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export async function expectRedirect(response: Response, pattern: RegExp, what: string) {
  const body = await response.text();
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || !pattern.test(location))
    throw new Error(`${what}: HTTP ${response.status} ${location} ${alertText(body)}`.trim());
  return location;
}

export async function logIn(http: Http, { email, password }: { email: string; password: string }) {
  const response = await http.send("/login", { body: new URLSearchParams({ email, password }) });
  await expectRedirect(response, /^\//, `log in ${email}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!cookie.startsWith("__session=")) throw new Error(`log in ${email}: no session cookie`);
  return cookie;
}

export async function mapLimit<T, R>(items: T[], limit: number, run: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) results[index] = await run(items[index] as T, index);
    }),
  );
  return results;
}

/**
 * Shoppers with a funded wallet (a deposit in the ledger and the balance on the account) and a session,
 * written directly: logging 50 people in would be 50 deliberately slow password hashes. The cookie is
 * the one createUserSession (app/utils/auth.server.ts) sets: the signed id of a database session.
 */
export async function createShoppers(databaseFile: string, count: number, prefix = "bench") {
  const sessions = createCookieSessionStorage<{ sessionId: string }>({
    cookie: { name: "__session", secrets: [BENCH_SERVER_ENV.SESSION_SECRET] },
  });
  const sqlite = new Database(databaseFile);
  sqlite.pragma("busy_timeout = 5000");
  const now = new Date();
  const expires = new Date(now.getTime() + 24 * 3_600_000).toISOString();
  const users = Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-shopper-${index}`,
    email: `${prefix}-shopper-${index}@example.com`,
    sessionId: `${prefix}-session-${index}`,
  }));
  sqlite.transaction(() => {
    const insertUser = sqlite.prepare(
      `INSERT INTO "User" ("id","email","name","passwordHash","role","createdAt","updatedAt") VALUES (?,?,?,'bench: no password','SHOPPER',?,?)`,
    );
    const insertSession = sqlite.prepare(`INSERT INTO "Session" ("id","userId","expiresAt","createdAt") VALUES (?,?,?,?)`);
    const insertAccount = sqlite.prepare(`INSERT INTO "WalletAccount" ("userId","balanceFen","updatedAt") VALUES (?,?,?)`);
    const insertEntry = sqlite.prepare(
      `INSERT INTO "WalletEntry" ("id","userId","kind","amountFen","reference","createdAt") VALUES (?,?,'DEPOSIT',?,?,?)`,
    );
    for (const [index, user] of users.entries()) {
      insertUser.run(user.id, user.email, `Bench ${index}`, now.toISOString(), now.toISOString());
      insertSession.run(user.sessionId, user.id, expires, now.toISOString());
      insertAccount.run(user.id, DEPOSIT_FEN, now.toISOString());
      insertEntry.run(`${user.id}-deposit`, user.id, DEPOSIT_FEN, `BENCH-${index}`, now.toISOString());
    }
  })();
  sqlite.close();
  return Promise.all(
    users.map(async ({ id, email, sessionId }): Promise<Shopper> => {
      const session = await sessions.getSession();
      session.set("sessionId", sessionId);
      return { id, email, cookie: (await sessions.commitSession(session)).split(";")[0] ?? "" };
    }),
  );
}

/** A published seeded listing on sale whose store's country has a postal line (no ID needed at checkout). */
export function pickListing(sqlite: Database.Database): Listing {
  const row = sqlite
    .prepare(
      `SELECT l."id", sl."code" FROM "Listing" l JOIN "Store" s ON s."id" = l."storeId"
       JOIN "ShippingLine" sl ON sl."originCountry" = s."country" AND sl."customsRegime" = 'POSTAL'
       WHERE l."status" = 'PUBLISHED' AND l."available" = 1 AND l."id" NOT LIKE 'bench-%'
         AND (NOT EXISTS (SELECT 1 FROM "ListingVariant" v WHERE v."listingId" = l."id") OR EXISTS (SELECT 1 FROM "ListingVariant" v WHERE v."listingId" = l."id" AND v."available" = 1))
       ORDER BY l."landedFen" IS NULL, l."landedFen", l."id" LIMIT 1`,
    )
    .get() as { id: string; code: string } | undefined;
  if (!row) throw new Error("no listing to order: the seed has no published listing with a postal line");
  return { id: row.id, lineCode: row.code };
}

/** One order the way a browser makes it: add to cart, open the checkout (locks a quote), place it. */
export async function placeOrder(http: Http, shopper: Shopper, listing: Listing): Promise<Placement> {
  const started = performance.now();
  const added = await http.send(`/listings/${listing.id}`, {
    cookie: shopper.cookie,
    body: new URLSearchParams({ intent: "add-to-cart", quantity: "1" }),
  });
  await expectRedirect(added, /^\/cart$/, "add to cart");
  const opening = performance.now();
  const page = await http.send(`/checkout?line=${listing.lineCode}`, { cookie: shopper.cookie });
  const html = await page.text();
  const quoteId = /name="quoteId" value="([^"]+)"/.exec(html)?.[1];
  const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !quoteId || !idempotencyKey)
    throw new Error(`checkout page: HTTP ${page.status}, no locked quote ${alertText(html)}`);
  const placing = performance.now();
  const placed = await http.send(`/checkout?line=${listing.lineCode}`, {
    cookie: shopper.cookie,
    body: new URLSearchParams({ intent: "place", quoteId, idempotencyKey, line: listing.lineCode, ...ADDRESS }),
  });
  const location = await expectRedirect(placed, /^\/orders\/[^/?]+(\?unpaid=1)?$/, "place the order");
  const done = performance.now();
  const orderId = location.slice("/orders/".length).replace(/\?.*$/, "");
  return {
    orderId,
    owner: shopper.id,
    paid: !location.includes("unpaid"),
    addMs: opening - started,
    pageMs: placing - opening,
    placeMs: done - placing,
    cycleMs: done - started,
  };
}

/** Every shopper loops placing orders until the time is up; a shopper stops after three failures in a row. */
export async function placeFor(http: Http, shoppers: Shopper[], listing: Listing, seconds: number) {
  const placements: Placement[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    shoppers.map(async (shopper) => {
      let inARow = 0;
      while (performance.now() < deadline && inARow < 3) {
        try {
          placements.push(await placeOrder(http, shopper, listing));
          inARow = 0;
        } catch (error) {
          failures.push((error as Error).message);
          inARow += 1;
        }
      }
    }),
  );
  return { placements, failures, seconds: (performance.now() - started) / 1000 };
}

/** A live timeline (GET /orders/:id/events) read like a browser's EventSource: the arrival time of each `change`. */
export class Watcher {
  readonly changes: number[] = [];
  private waiters: { after: number; resolve: (at: number) => void }[] = [];
  private readonly controller = new AbortController();

  static async open(http: Http, orderId: string, cookie: string) {
    const watcher = new Watcher();
    const response = await http.send(`/orders/${orderId}/events`, { cookie, signal: watcher.controller.signal });
    if (response.status !== 200 || !(response.headers.get("content-type") ?? "").startsWith("text/event-stream") || !response.body) {
      throw new Error(`live timeline of ${orderId}: HTTP ${response.status} ${response.headers.get("content-type")}`);
    }
    void watcher.read(response.body.getReader());
    return watcher;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.split("\n").includes("event: change")) this.arrived(performance.now());
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // closed by close(): nothing more to read
    }
  }

  private arrived(at: number) {
    this.changes.push(at);
    const ready = this.waiters.filter((waiter) => waiter.after < this.changes.length);
    this.waiters = this.waiters.filter((waiter) => waiter.after >= this.changes.length);
    for (const waiter of ready) waiter.resolve(this.changes[waiter.after] ?? at);
  }

  /** When the change after the first `after` ones arrived. */
  next(after: number) {
    const known = this.changes[after];
    if (known !== undefined) return Promise.resolve(known);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no change event within ${WATCH_TIMEOUT_MS} ms`)), WATCH_TIMEOUT_MS);
      timer.unref();
      this.waiters.push({ after, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }

  close() {
    this.controller.abort();
  }
}

type QuotedItem = {
  price: string;
  quantity: number;
  weightGrams: number;
  dimensionsCm?: [number, number, number];
  domesticShipping: string;
};
export type ExpectedPurchase = {
  prices: string[];
  actualCost: string;
  weightGrams: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
};

/** What an order's quote expected, recorded as the actual cost and parcel: no refund, no guarantee cost. */
export function expectedPurchase(quoteRequest: string): ExpectedPurchase {
  const items = (JSON.parse(quoteRequest) as { items: QuotedItem[] }).items;
  const first = items[0];
  const actualCost =
    items.length === 1 && first && first.quantity === 1 && Number(first.domesticShipping) === 0
      ? first.price
      : fmt(
          items.reduce((sum, item) => sum + Number(item.price) * item.quantity + Number(item.domesticShipping), 0),
          2,
        );
  const [lengthCm, widthCm, heightCm] = first?.dimensionsCm ?? [20, 15, 10];
  return {
    prices: items.map((item) => item.price),
    actualCost,
    weightGrams: items.reduce((sum, item) => sum + item.weightGrams * item.quantity, 0),
    lengthCm,
    widthCm,
    heightCm,
  };
}

/** The price check before buying: the store's prices as quoted, in stock, with the page's link. */
export function priceCheckForm(version: number, purchase: ExpectedPurchase) {
  const check = new URLSearchParams({
    intent: "price-check",
    version: String(version),
    evidenceUrl: "https://bench.example/products/checked",
  });
  purchase.prices.forEach((price, position) => {
    check.set(`price-${position}`, price);
    check.set(`stock-${position}`, "IN_STOCK");
  });
  return check;
}

/** The agent's form for one move of an order (the warehouse step is multipart, with a photo). */
export function moveForm(
  orderId: string,
  to: string,
  version: number,
  purchase: ExpectedPurchase,
  numberPrefix: string,
): URLSearchParams | FormData {
  const fields: Record<string, string> = { intent: "transition", to, version: String(version) };
  if (to === "PURCHASED")
    Object.assign(fields, { foreignOrderNumber: `${numberPrefix}-${orderId.slice(0, 8)}`, actualCost: purchase.actualCost });
  if (to === "SHIPPED")
    Object.assign(fields, {
      carrier: "EMS",
      trackingNumber: `E${numberPrefix.charAt(0)}${orderId.replace(/[^A-Za-z0-9]/g, "").slice(0, 9)}CN`,
    });
  if (to !== "AT_WAREHOUSE") return new URLSearchParams(fields);
  const form = new FormData();
  const { weightGrams, lengthCm, widthCm, heightCm } = purchase;
  for (const [name, value] of Object.entries({
    ...fields,
    weightGrams: String(weightGrams),
    lengthCm: String(lengthCm),
    widthCm: String(widthCm),
    heightCm: String(heightCm),
  }))
    form.append(name, value);
  form.append("photos", new Blob([PNG], { type: "image/png" }), "parcel.png");
  return form;
}

type Sample = { totalMs: number; postMs: number };

/**
 * Moves one order from PAID to DELIVERED as its agent would, one form per step, and times each: from
 * sending the POST until it answered and every watcher had the `change` event.
 */
async function moveThrough(
  http: Http,
  sqlite: Database.Database,
  agentCookie: string,
  orderId: string,
  watchers: Watcher[],
  samples: Sample[],
) {
  const quoted = sqlite
    .prepare(`SELECT q."request" FROM "Order" o JOIN "Quote" q ON q."id" = o."quoteId" WHERE o."id" = ?`)
    .get(orderId) as { request: string } | undefined;
  if (!quoted) throw new Error(`order ${orderId} not found`);
  const purchase = expectedPurchase(quoted.request);
  const readOrder = sqlite.prepare(`SELECT "status", "version" FROM "Order" WHERE "id" = ?`);

  let expected = "PAID";
  for (const to of MOVES) {
    const order = readOrder.get(orderId) as { status: string; version: number };
    if (order.status !== expected) throw new Error(`order ${orderId} is ${order.status}, expected ${expected} before the move to ${to}`);
    if (to === "PURCHASED") {
      // The price check before buying (not timed): the store's prices as quoted, in stock, with the page's link.
      const check = priceCheckForm(order.version, purchase);
      const seen = watchers.map((watcher) => watcher.changes.length);
      await http
        .send(`/orders/${orderId}`, { cookie: agentCookie, body: check })
        .then((response) => expectRedirect(response, new RegExp(`^/orders/${orderId}$`), `price check ${orderId}`));
      // Every watcher has had the check's change, so the timed move below waits for its own.
      await Promise.all(watchers.map((watcher, index) => watcher.next(seen[index] ?? 0)));
      order.version = (readOrder.get(orderId) as { version: number }).version;
    }
    const body = moveForm(orderId, to, order.version, purchase, "BENCH");
    const seenBefore = watchers.map((watcher) => watcher.changes.length);
    const started = performance.now();
    const answered = http
      .send(`/orders/${orderId}`, { cookie: agentCookie, body })
      .then((response) => expectRedirect(response, new RegExp(`^/orders/${orderId}$`), `move ${orderId} to ${to}`))
      .then(() => performance.now());
    const [postAt, ...seenAt] = await Promise.all([answered, ...watchers.map((watcher, index) => watcher.next(seenBefore[index] ?? 0))]);
    samples.push({ postMs: postAt - started, totalMs: Math.max(postAt, ...seenAt) - started });
    expected = to;
  }
}

function integrityCheck(sqlite: Database.Database, placements: Placement[]) {
  const scope = `"userId" LIKE 'bench-%'`;
  const orders = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "Order" WHERE ${scope}`).get() as { n: number }).n;
  const distinct = new Set(placements.map((placement) => placement.orderId)).size;
  const negative = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "WalletAccount" WHERE ${scope} AND "balanceFen" < 0`).get() as { n: number })
    .n;
  const wallets = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "WalletAccount" WHERE ${scope}`).get() as { n: number }).n;
  const offLedger = (
    sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM "WalletAccount" a WHERE a.${scope} AND a."balanceFen" <> (SELECT COALESCE(SUM(e."amountFen"), 0) FROM "WalletEntry" e WHERE e."userId" = a."userId")`,
      )
      .get() as { n: number }
  ).n;
  const paid = (sqlite.prepare(`SELECT COALESCE(SUM("paidFen"), 0) AS n FROM "Order" WHERE ${scope}`).get() as { n: number }).n;
  const charged = -(
    sqlite
      .prepare(`SELECT COALESCE(SUM("amountFen"), 0) AS n FROM "WalletEntry" WHERE ${scope} AND "kind" IN ('CHARGE', 'REFUND')`)
      .get() as { n: number }
  ).n;
  const problems = [
    orders !== placements.length ? `${orders} orders for ${placements.length} placements` : "",
    distinct !== placements.length ? `${placements.length - distinct} placements answered with an earlier order` : "",
    negative > 0 ? `${negative} negative wallets` : "",
    offLedger > 0 ? `${offLedger} wallets off their ledger` : "",
    paid !== charged ? `orders paid ¥${fmt(paid / 100, 2)} but the ledger charged ¥${fmt(charged / 100, 2)}` : "",
  ].filter(Boolean);
  return {
    ok: problems.length === 0,
    note: problems.length
      ? problems.join("; ")
      : `${orders} orders = ${placements.length} placements; ${wallets} wallets ≥ 0 and equal to their ledger; charges = amounts paid`,
  };
}

export async function orderRows(
  server: { baseUrl: string; databaseFile: string },
  progress: (message: string) => void = () => undefined,
): Promise<BenchRow[]> {
  const http = createHttp(server.baseUrl);
  const sqlite = new Database(server.databaseFile, { readonly: true });
  const rows: BenchRow[] = [];
  const placements: Placement[] = [];
  try {
    const listing = pickListing(sqlite);
    // Shoppers 0–19 place in the throughput run, all 50 watch their own orders in the live run; the agent logs in.
    const shoppers = await createShoppers(server.databaseFile, WATCHERS);
    const agentCookie = await logIn(http, AGENT);
    const placing = shoppers.slice(0, CLIENTS);

    progress(
      `orders: one unmeasured order each, then 1 shopper for ${SINGLE_CLIENT_SECONDS} s and ${CLIENTS} shoppers for ${PLACE_SECONDS} s`,
    );
    const warmUp = await Promise.all(placing.map((shopper) => placeOrder(http, shopper, listing)));
    placements.push(...warmUp);
    const single = await placeFor(http, placing.slice(0, 1), listing, SINGLE_CLIENT_SECONDS);
    const many = await placeFor(http, placing, listing, PLACE_SECONDS);
    placements.push(...single.placements, ...many.placements);
    const singleRate = single.placements.length / single.seconds;
    const rate = many.placements.length / many.seconds;
    const unpaid = many.placements.filter((placement) => !placement.paid).length;
    const failures = many.failures.length + single.failures.length;
    const at = (placements: Placement[], key: "addMs" | "pageMs" | "placeMs" | "cycleMs", q: number) =>
      ms(
        percentile(
          placements.map((placement) => placement[key]),
          q,
        ),
      );
    const failed = [...new Set([...single.failures, ...many.failures])];
    rows.push(
      {
        name: `orders placed, ${CLIENTS} concurrent shoppers`,
        value: fmt(rate, 1),
        unit: "orders/s",
        note: `${many.placements.length} orders in ${fmt(many.seconds, 1)} s, ${unpaid} unpaid, ${failed.length ? `${failures} failed: ${failed.slice(0, 2).join(" | ")}` : "none failed"}; POST /checkout p50 ${at(many.placements, "placeMs", 0.5)} ms, p99 ${at(many.placements, "placeMs", 0.99)} ms`,
      },
      {
        name: `orders/s: ${CLIENTS} shoppers ÷ 1 shopper`,
        value: fmt(rate / singleRate, 2),
        unit: "ratio",
        note: `1 shopper: ${fmt(singleRate, 1)} orders/s; p50 add to cart ${at(single.placements, "addMs", 0.5)}, checkout page ${at(single.placements, "pageMs", 0.5)}, place ${at(single.placements, "placeMs", 0.5)} ms`,
      },
    );

    // Shopper 0 (the single shopper above) is the one whose order 50 pages watch in the last case.
    const [crowdShopper] = placing;
    if (!crowdShopper) throw new Error("no shopper");
    const crowdOrders = [...single.placements, ...many.placements].filter(
      (placement) => placement.owner === crowdShopper.id && placement.paid,
    );
    progress("orders: one order for each of the other 30 shoppers, to watch");
    const [extra, topUp] = await Promise.all([
      mapLimit(shoppers.slice(CLIENTS), 10, (shopper) => placeOrder(http, shopper, listing)),
      (async () => {
        const made: Placement[] = [];
        while (crowdOrders.length + made.length < ORDERS_PER_CASE) made.push(await placeOrder(http, crowdShopper, listing));
        return made;
      })(),
    ]);
    placements.push(...extra, ...topUp);
    crowdOrders.push(...topUp);

    // The reference: the same moves on other orders, with nobody watching.
    progress(`orders: ${ORDERS_PER_CASE * MOVES.length} status updates with nobody watching`);
    const quiet: Sample[] = [];
    const quietOrders = many.placements
      .filter((placement) => placement.paid && placement.owner !== crowdShopper.id)
      .slice(0, ORDERS_PER_CASE);
    if (quietOrders.length < ORDERS_PER_CASE) throw new Error(`only ${quietOrders.length} paid orders for the reference run`);
    for (const order of quietOrders) await moveThrough(http, sqlite, agentCookie, order.orderId, [], quiet);

    // 50 shoppers, each with their own order's page open; the orders that move are 17 of those.
    progress(`orders: ${ORDERS_PER_CASE * MOVES.length} status updates, ${WATCHERS} shoppers watching their own orders`);
    const ownOrder = new Map([...warmUp, ...extra].map((placement) => [placement.owner, placement.orderId]));
    const own: Sample[] = [];
    const ownWatchers = await mapLimit(shoppers, 10, async (shopper) => {
      const orderId = ownOrder.get(shopper.id) ?? "";
      return { orderId, watcher: await Watcher.open(http, orderId, shopper.cookie) };
    });
    try {
      for (const { orderId, watcher } of ownWatchers.slice(CLIENTS, CLIENTS + ORDERS_PER_CASE))
        await moveThrough(http, sqlite, agentCookie, orderId, [watcher], own);
    } finally {
      for (const { watcher } of ownWatchers) watcher.close();
    }

    // The fan-out: 50 pages open on the order that moves (its shopper's tabs), every one must hear of it.
    progress(`orders: ${ORDERS_PER_CASE * MOVES.length} status updates, ${WATCHERS} pages open on the order that moves`);
    const crowd: Sample[] = [];
    for (const order of crowdOrders.slice(0, ORDERS_PER_CASE)) {
      const watchers = await mapLimit(Array.from({ length: WATCHERS }), 10, () => Watcher.open(http, order.orderId, crowdShopper.cookie));
      try {
        await moveThrough(http, sqlite, agentCookie, order.orderId, watchers, crowd);
      } finally {
        for (const watcher of watchers) watcher.close();
      }
    }

    const p = (samples: Sample[], key: keyof Sample, q: number) =>
      percentile(
        samples.map((sample) => sample[key]),
        q,
      );
    const quietP99 = p(quiet, "totalMs", 0.99);
    const moves = `${quiet.length} updates: ${ORDERS_PER_CASE} orders × ${MOVES.length} moves PAID → … → DELIVERED by their agent (one with a photo upload)`;
    rows.push(
      {
        name: "status update p50 / p99, nobody watching",
        value: `${ms(p(quiet, "totalMs", 0.5))} / ${ms(quietP99)}`,
        unit: "ms",
        note: moves,
      },
      {
        name: `status update p50 / p99, ${WATCHERS} shoppers watching own orders`,
        value: `${ms(p(own, "totalMs", 0.5))} / ${ms(p(own, "totalMs", 0.99))}`,
        unit: "ms",
        note: `until the order's shopper has the change event; p99 ÷ nobody watching ${fmt(p(own, "totalMs", 0.99) / quietP99, 2)}`,
      },
      {
        name: `status update p50 / p99, ${WATCHERS} pages open on the order`,
        value: `${ms(p(crowd, "totalMs", 0.5))} / ${ms(p(crowd, "totalMs", 0.99))}`,
        unit: "ms",
        note: `until all ${WATCHERS} have the change event; the POST alone p99 ${ms(p(crowd, "postMs", 0.99))} ms`,
      },
      {
        name: `status update p99: ${WATCHERS} pages open ÷ nobody watching`,
        value: fmt(p(crowd, "totalMs", 0.99) / quietP99, 2),
        unit: "ratio",
        note: `${ms(p(crowd, "totalMs", 0.99))} vs ${ms(quietP99)} ms`,
      },
    );
    // Checked last, so the moves' cost checks (refunds, if any) are in it too.
    const integrity = integrityCheck(sqlite, placements);
    rows.push({ name: "orders: integrity", value: integrity.ok ? "ok" : "FAILED", unit: "", note: integrity.note });
  } finally {
    sqlite.close();
    await http.close();
    fs.rmSync(BENCH_SERVER_ENV.UPLOAD_DIR, { recursive: true, force: true });
  }
  return rows;
}

// Alone: its own server on a seeded database (no generated catalog); the table goes to results/orders.json.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (!fs.existsSync(path.resolve("build", "index.js"))) throw new Error("build missing: run `npx remix build` first");
  const server = await startServer({ databaseFile: path.join(TMP_DIR, "bench-orders.db"), env: BENCH_SERVER_ENV });
  let rows: BenchRow[] = [];
  const started = performance.now();
  try {
    rows = await orderRows(server, (message) => process.stderr.write(`• [${fmt((performance.now() - started) / 1000, 1)} s] ${message}\n`));
  } finally {
    await server.stop();
  }
  printAndSave(rows, path.resolve("tests", "bench", "results", "orders.json"));
}
