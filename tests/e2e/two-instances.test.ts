import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createShoppers, startCluster, waitForOutput, type Cluster, type ClusterShopper } from "../cluster";
import { DEMO, logIn, setupBrowser } from "./browser";
import { chooseLine, fen, openCheckout, recordPriceCheck, shownUnitPrice, smallPng } from "./order-flow";

// Issue #12's "done means" on a shop grown past one machine: one throwaway PostgreSQL, web instances
// A and B (two processes of the real build on two ports, WORKER=off as behind a load balancer) and two
// `npm run worker` processes. The shared e2e server (SQLite) is not used here.

const browser = setupBrowser();
/** "Live" across instances: a page on B shows a move made on A within a couple of seconds. */
const ACROSS = { timeout: 3_000, interval: 100 };
/** Test-only schedule (jobs/registry.ts JOB_SCHEDULES): housekeeping every 3 s, so ticks come quickly. */
const TICK_SECONDS = 3;
const CHECKOUT_SHOPPERS = 10;
const CHECKOUTS_EACH = 5;

let cluster: Cluster;
let a: string;
let b: string;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-two-"));

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, workers: 2, workerEnv: { JOB_SCHEDULES: `housekeeping=*/${TICK_SECONDS} * * * * *` } });
  [a, b] = cluster.instances.map((instance) => instance.baseUrl) as [string, string];
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

/** A published, seeded die-cast car with its Japanese postal line: what the checkouts buy. */
async function carListing() {
  const { rows } = await cluster.sql.query<{ id: string; code: string }>(
    `SELECT l."id", sl."code" FROM "Listing" l JOIN "Store" s ON s."id" = l."storeId"
     JOIN "ShippingLine" sl ON sl."originCountry" = s."country" AND sl."customsRegime" = 'POSTAL'
     WHERE l."status" = 'PUBLISHED' AND l."available" AND l."titleZh" LIKE '%合金仿真小车%' ORDER BY sl."code" LIMIT 1`,
  );
  if (!rows[0]) throw new Error("the seed has no die-cast car with a postal line");
  return rows[0];
}

function send(base: string, pathname: string, cookie: string, body?: URLSearchParams) {
  return fetch(`${base}${pathname}`, {
    method: body ? "POST" : "GET",
    headers: { Cookie: cookie, ...(body ? { Origin: base } : {}) },
    body,
    redirect: "manual",
  });
}

const ADDRESS = {
  province: "广东省",
  city: "深圳市",
  district: "南山区",
  street: "科技园南路 18 号 2 栋 301",
  recipientName: "张三",
  mobile: "13800138000",
};

type Attempt = { statuses: number[]; orderId: string | null; unpaid: boolean };

/**
 * One checkout the way a browser makes it (add to cart, open the checkout, place), each request to
 * the next instance in turn as a round-robin balancer would send them.
 */
async function checkoutOnce(shopper: ClusterShopper, listing: { id: string; code: string }, start: number): Promise<Attempt> {
  const bases = [a, b];
  const at = (step: number) => bases[(start + step) % 2] as string;
  const statuses: number[] = [];
  const added = await send(at(0), `/listings/${listing.id}`, shopper.cookie, new URLSearchParams({ intent: "add-to-cart", quantity: "1" }));
  statuses.push(added.status);
  await added.text();
  const page = await send(at(1), `/checkout?line=${listing.code}`, shopper.cookie);
  statuses.push(page.status);
  const html = await page.text();
  const quoteId = /name="quoteId" value="([^"]+)"/.exec(html)?.[1];
  const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
  // Another of this shopper's checkouts took the cart first: an empty cart has nothing to lock.
  if (!quoteId || !idempotencyKey) return { statuses, orderId: null, unpaid: false };
  const placed = await send(
    at(2),
    `/checkout?line=${listing.code}`,
    shopper.cookie,
    new URLSearchParams({ intent: "place", quoteId, idempotencyKey, line: listing.code, ...ADDRESS }),
  );
  statuses.push(placed.status);
  await placed.text();
  const location = placed.headers.get("location") ?? "";
  const match = /^\/orders\/([^/?]+)(\?unpaid=1)?$/.exec(location);
  return { statuses, orderId: placed.status === 302 && match ? (match[1] ?? null) : null, unpaid: Boolean(match?.[2]) };
}

describe("two web instances and two workers on one PostgreSQL", () => {
  test(
    "a shopper's order page on instance B follows the agent's moves made on instance A live, without a reload",
    { timeout: 180_000 },
    async () => {
      const [shopper] = await createShoppers(cluster.sql, "live-b", 1, 100_000);
      if (!shopper) throw new Error("no shopper");
      // The shopper is on B: checks out there in Chromium.
      const shopperContext = await browser.context({ baseURL: b });
      await shopperContext.addCookies([{ name: "__session", value: shopper.cookie.slice("__session=".length), url: b }]);
      const page = await shopperContext.newPage();
      await openCheckout(page);
      await chooseLine(page, { name: /日本 EMS 邮政直邮/, code: "jp-postal-ems" });
      const total = (await page.getByTestId("checkout-total").textContent()) ?? "";
      for (const [label, value] of [
        ["省份", ADDRESS.province],
        ["城市", ADDRESS.city],
        ["区/县", ADDRESS.district],
        ["详细地址", ADDRESS.street],
        ["收件人", ADDRESS.recipientName],
        ["手机号", ADDRESS.mobile],
      ] as const) {
        await page.getByLabel(label).fill(value);
      }
      await page.getByRole("button", { name: `下单并用钱包支付 ${total}` }).click();
      await page.waitForURL(/\/orders\/[^/?]+$/);
      const status = page.getByTestId("order-status");
      const timeline = page.getByTestId("order-timeline");
      expect(await status.textContent()).toBe("已支付");
      const orderPath = new URL(page.url()).pathname;
      const number = (await page.title()).split(" · ")[0] ?? "";
      await page.evaluate(() => ((window as unknown as { __stillOpen: number }).__stillOpen = 1));

      // The agent works on A.
      const agentContext = await browser.context({ baseURL: a });
      const agent = await agentContext.newPage();
      await logIn(agent, DEMO.agent);
      await agent.goto("/agent/orders");
      await agent.getByRole("link", { name: number, exact: true }).click();
      await agent.waitForURL(`${a}${orderPath}`);
      const agentStatus = agent.getByTestId("order-status");

      const delays: number[] = [];
      async function move(
        title: string,
        expected: { status: string; code: string },
        fill?: (form: ReturnType<Page["getByRole"]>) => Promise<void>,
      ) {
        const form = agent.getByRole("form", { name: title });
        await fill?.(form);
        await form.getByRole("button", { name: title }).click();
        // Timed from the moment A shows the move (its answer is in): B must follow within ACROSS.
        await expect.poll(() => agentStatus.textContent(), { timeout: 20_000, interval: 100 }).toBe(expected.status);
        const shown = performance.now();
        await expect.poll(() => status.textContent(), ACROSS).toBe(expected.status);
        await timeline.locator(`li[data-status="${expected.code}"]`).waitFor({ timeout: ACROSS.timeout });
        delays.push(performance.now() - shown);
      }

      await move("认领并开始采购", { status: "采购中", code: "PURCHASING" });
      const { price, decimals } = await shownUnitPrice(agent);
      expect(await (await recordPriceCheck(agent)).textContent()).toBe("核对通过");
      await expect.poll(() => page.getByTestId("price-check-outcome").textContent(), ACROSS).toBe("核对通过");
      await move("已在外国商店下单", { status: "已下单", code: "PURCHASED" }, async (form) => {
        await form.getByLabel("外国商店订单号").fill(`TWO-${Date.now()}`);
        await form.getByLabel(/^实际花费/).fill(Number(price).toFixed(decimals));
      });
      const photo = path.join(tmpDir, "parcel.png");
      fs.writeFileSync(photo, smallPng());
      await move("已到仓（称重拍照）", { status: "已到仓", code: "AT_WAREHOUSE" }, async (form) => {
        await form.getByLabel("包裹重量（克）").fill("80");
        await form.getByLabel("长", { exact: true }).fill("10");
        await form.getByLabel("宽", { exact: true }).fill("5");
        await form.getByLabel("高", { exact: true }).fill("4");
        await form.getByLabel(/^照片/).setInputFiles(photo);
      });
      // The photo A stored (PostgreSQL's default storage driver: in the database) is served by B.
      const shownPhoto = timeline.locator('li[data-status="AT_WAREHOUSE"] img');
      await shownPhoto.waitFor({ state: "attached", timeout: ACROSS.timeout });
      const photoResponse = await shopperContext.request.get((await shownPhoto.getAttribute("src")) ?? "");
      expect(photoResponse.status()).toBe(200);
      expect(Buffer.compare(await photoResponse.body(), fs.readFileSync(photo))).toBe(0);
      await move("已发往中国", { status: "已发货", code: "SHIPPED" }, async (form) => {
        await form.getByLabel("承运商").fill("EMS");
        await form.getByLabel("运单号").fill("EE223344556JP");
      });

      // Never reloaded, and every step on B's timeline in order.
      expect(await page.evaluate(() => (window as unknown as { __stillOpen?: number }).__stillOpen)).toBe(1);
      const steps = await timeline.locator("li[data-status]").evaluateAll((items) => items.map((item) => item.getAttribute("data-status")));
      expect(steps).toEqual(["PENDING_PAYMENT", "PAID", "PURCHASING", "PURCHASED", "AT_WAREHOUSE", "SHIPPED"]);
      expect(Math.max(...delays)).toBeLessThan(ACROSS.timeout);
      await agentContext.close();
      await shopperContext.close();
    },
  );

  test(
    "50 concurrent checkouts split across both instances never overdraw a wallet: orders = placements, balances = ledgers",
    { timeout: 120_000 },
    async () => {
      const listing = await carListing();
      // What one car costs at checkout (a probe shopper's locked quote), to fund wallets by the car.
      const [probe] = await createShoppers(cluster.sql, "probe", 1, 0);
      if (!probe) throw new Error("no probe shopper");
      await (await send(a, `/listings/${listing.id}`, probe.cookie, new URLSearchParams({ intent: "add-to-cart", quantity: "1" }))).text();
      const probeHtml = await (await send(b, `/checkout?line=${listing.code}`, probe.cookie)).text();
      const oneCarFen = fen(/data-testid="checkout-total"[^>]*>([^<]+)</.exec(probeHtml)?.[1] ?? null);
      const depositFen = Math.round(oneCarFen * 2.5);
      const one = async (query: string, values: unknown[] = []) =>
        Number(Object.values((await cluster.sql.query(query, values)).rows[0] ?? {})[0] ?? 0);
      async function expectLedgersHold(scope: string) {
        expect(await one(`SELECT COUNT(*) FROM "WalletAccount" WHERE ${scope} AND "balanceFen" < 0`)).toBe(0);
        expect(
          await one(
            `SELECT COUNT(*) FROM "WalletAccount" a WHERE a.${scope} AND a."balanceFen" <> (SELECT COALESCE(SUM(e."amountFen"), 0) FROM "WalletEntry" e WHERE e."userId" = a."userId")`,
          ),
        ).toBe(0);
        // What the orders say was paid is exactly what the ledgers charged, each order at most once.
        const paid = await one(`SELECT COALESCE(SUM("paidFen"), 0) FROM "Order" WHERE ${scope}`);
        const charged = await one(
          `SELECT COALESCE(SUM("amountFen"), 0) FROM "WalletEntry" WHERE ${scope} AND "kind" IN ('CHARGE', 'REFUND')`,
        );
        expect(paid + charged).toBe(0);
        expect(
          await one(
            `SELECT COUNT(*) FROM (SELECT "orderId" FROM "WalletEntry" WHERE ${scope} AND "kind" = 'CHARGE' GROUP BY "orderId" HAVING COUNT(*) > 1) AS twice`,
          ),
        ).toBe(0);
        return paid;
      }

      // ── Fifty checkouts at once: each of ten shoppers from five tabs, over both instances ──────────
      // Enough for three and a half cars: a tab's cart holds one to five, so some orders are paid, some not.
      const shoppers = await createShoppers(cluster.sql, "race", CHECKOUT_SHOPPERS, Math.round(oneCarFen * 3.5));
      const attempts = await Promise.all(
        shoppers.flatMap((shopper, s) => Array.from({ length: CHECKOUTS_EACH }, (_, k) => checkoutOnce(shopper, listing, s + k))),
      );
      expect(attempts.flatMap((attempt) => attempt.statuses).filter((code) => code >= 500)).toEqual([]);
      // Tabs placing the same cart (the same locked quote) are all answered with the one order it made.
      const placements = new Set(attempts.flatMap((attempt) => (attempt.orderId ? [attempt.orderId] : [])));
      expect(placements.size).toBeGreaterThanOrEqual(CHECKOUT_SHOPPERS);
      const race = `"userId" LIKE 'race-%'`;
      // Orders = placements: no order the server did not answer with, none answered twice over.
      const orderIds = (await cluster.sql.query<{ id: string }>(`SELECT "id" FROM "Order" WHERE ${race}`)).rows.map((row) => row.id);
      expect(orderIds.sort()).toEqual([...placements].sort());
      expect(await expectLedgersHold(race)).toBeLessThanOrEqual(Math.round(oneCarFen * 3.5) * CHECKOUT_SHOPPERS);

      // ── The same wallet paying several orders at once, from both instances ──────────────────────
      // Ten shoppers with empty wallets place three one-car orders each (left unpaid), get 2.5 cars'
      // worth, then pay all three from two tabs each (one on A, one on B): sixty payments at once.
      const payers = await createShoppers(cluster.sql, "payrace", CHECKOUT_SHOPPERS, 0);
      const unpaid = (
        await Promise.all(
          payers.map(async (payer, s) => {
            const orders: string[] = [];
            for (let k = 0; k < 3; k += 1) {
              const attempt = await checkoutOnce(payer, listing, s + k);
              expect(attempt.unpaid).toBe(true);
              orders.push(attempt.orderId ?? "");
            }
            return orders.map((orderId) => ({ payer, orderId }));
          }),
        )
      ).flat();
      for (const payer of payers) {
        await cluster.sql.query(
          `INSERT INTO "WalletEntry" ("id","userId","kind","amountFen","reference","createdAt") VALUES ($1,$2,'DEPOSIT',$3,$4,now())`,
          [`${payer.id}-topup`, payer.id, depositFen, `TOPUP-${payer.id}`],
        );
        await cluster.sql.query(`UPDATE "WalletAccount" SET "balanceFen" = "balanceFen" + $2, "updatedAt" = now() WHERE "userId" = $1`, [
          payer.id,
          depositFen,
        ]);
      }
      const payments = await Promise.all(
        unpaid.flatMap(({ payer, orderId }) =>
          [a, b].map(async (base) => {
            const response = await send(base, `/orders/${orderId}`, payer.cookie, new URLSearchParams({ intent: "pay" }));
            await response.text();
            return response.status;
          }),
        ),
      );
      // Paid (302) or refused with a clear 409 (not enough money, or already paid by the other tab).
      expect(payments.filter((status) => status !== 302 && status !== 409)).toEqual([]);
      const payrace = `"userId" LIKE 'payrace-%'`;
      expect(await one(`SELECT COUNT(*) FROM "Order" WHERE ${payrace}`)).toBe(unpaid.length);
      const paid = await expectLedgersHold(payrace);
      expect(paid).toBeGreaterThan(0);
      // Every payment that was refused saw too little money, and money only went down: whatever is left
      // unpaid now costs more than the wallet holds (no order refused while it could have been paid).
      expect(
        await one(
          `SELECT COUNT(*) FROM "Order" o JOIN "WalletAccount" w ON w."userId" = o."userId" WHERE o.${payrace} AND o."status" = 'PENDING_PAYMENT' AND o."totalFen" <= w."balanceFen"`,
        ),
      ).toBe(0);
    },
  );

  test("a scheduled job runs once per tick across the two workers", { timeout: 60_000 }, async () => {
    for (const worker of cluster.workers) await waitForOutput(worker, "scheduled");
    const from = new Date();
    // Four ticks of the test-only every-3-s schedule.
    await new Promise((resolve) => setTimeout(resolve, (4 * TICK_SECONDS + 1) * 1000));
    const until = new Date(Date.now() - TICK_SECONDS * 1000);
    const { rows } = await cluster.sql.query<{ startedAt: Date; outcome: string }>(
      `SELECT "startedAt", "outcome" FROM "JobRun" WHERE "job" = 'housekeeping' AND "trigger" = 'SCHEDULE' AND "startedAt" >= $1 AND "startedAt" < $2 ORDER BY "startedAt"`,
      [from, until],
    );
    const ticks = new Map<number, string[]>();
    for (const row of rows) {
      const tick = Math.floor(row.startedAt.getTime() / (TICK_SECONDS * 1000));
      ticks.set(tick, [...(ticks.get(tick) ?? []), row.outcome]);
    }
    expect(ticks.size).toBeGreaterThanOrEqual(3);
    for (const outcomes of ticks.values()) {
      // At most one run did the work; the other worker found the job taken (a SKIPPED row), never a second
      // run. (On a loaded machine a run can outlast the 3-s tick, and then both workers skip the next one.)
      expect(outcomes.filter((outcome) => outcome !== "SKIPPED").length).toBeLessThanOrEqual(1);
      expect(outcomes.filter((outcome) => outcome !== "SKIPPED" && outcome !== "OK")).toEqual([]);
      expect(outcomes.length).toBeLessThanOrEqual(2);
    }
    expect([...ticks.values()].filter((outcomes) => outcomes.includes("OK")).length).toBeGreaterThanOrEqual(2);
    // Both workers were there: across the ticks, someone was turned away.
    expect(rows.some((row) => row.outcome === "SKIPPED")).toBe(true);
  });
});
