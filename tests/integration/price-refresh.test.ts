import { http, HttpResponse, delay } from "msw";
import { beforeEach, describe, expect, test } from "vitest";
import { createHttpClient } from "~/integrations/http/http-client.server";
import { HostGate } from "~/integrations/http/host-gate.server";
import { alertPriceDrop } from "~/services/price-alerts.server";
import { refreshPrices } from "~/services/price-refresh.server";
import { alertRestock } from "~/services/restock-alerts.server";
import { db } from "~/utils/db.server";
import { storeFixtureJson } from "../fixtures/stores/load";
import { shopifyStore } from "../mocks/stores";
import { server } from "../mocks/server";
import { createTestUser } from "./helpers";
import { seedPricing } from "./pricing-fixtures";

type Product = Record<string, unknown> & { handle: string; variants: Record<string, unknown>[] };
const base = storeFixtureJson<{ product: Product }>("shopify-product.json").product;
const baseJs = storeFixtureJson<Record<string, unknown> & { variants: Record<string, unknown>[] }>("shopify-product.js.json");
const http_ = () =>
  createHttpClient({
    userAgent: "test",
    allowPrivate: true,
    backoffMs: 5,
    timeoutMs: 300,
    gate: new HostGate({ concurrency: 2, intervalMs: 0 }),
  });

let origin = "";
let storeId = "";
let counter = 0;

const priced = (price: string) => ({ ...base, variants: base.variants.map((variant) => ({ ...variant, price })) });

async function addListing(handle: string, price = "98.00") {
  return db.listing.create({
    data: {
      storeId,
      categorySlug: "sports",
      sourceUrl: `${origin}/products/${handle}`,
      title: "Men's Wool Runners",
      description: "d",
      titleZh: "羊毛跑鞋",
      descriptionZh: "d",
      localizationStatus: "REVIEWED",
      status: "PUBLISHED",
      price,
      currency: "USD",
      available: true,
      weightGrams: 700,
      taxCategory: "sports",
      priceSnapshots: { create: { price, available: true } },
      variants: {
        create: base.variants.map((variant, position) => ({
          title: String(variant.title),
          titleZh: String(variant.title),
          sku: String(variant.sku ?? ""),
          price,
          available: true,
          position,
        })),
      },
    },
    select: { id: true },
  });
}

beforeEach(async () => {
  counter += 1;
  origin = `https://store-${counter}.example.com`;
  if (counter === 1) {
    await seedPricing(db, new Date().toISOString());
    await db.category.create({ data: { slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 } });
  }
  storeId = (
    await db.store.create({
      data: { slug: `store-${counter}`, name: "S", country: "US", currency: "USD", platform: "SHOPIFY", baseUrl: origin },
      select: { id: true },
    })
  ).id;
});

const snapshotsOf = (listingId: string) =>
  db.priceSnapshot.findMany({ where: { listingId }, orderBy: { recordedAt: "asc" }, select: { price: true, available: true } });

describe("the price refresh", () => {
  test("stores a snapshot only when price or availability changed", async () => {
    const same = await addListing("same");
    const moved = await addListing("moved");
    server.use(
      ...shopifyStore({
        origin,
        products: [
          { handle: "same", json: { ...priced("98.00"), handle: "same" }, js: baseJs },
          { handle: "moved", json: { ...priced("89.00"), handle: "moved" }, js: baseJs },
        ],
      }),
    );
    const { counts } = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(counts).toMatchObject({ checked: 2, changed: 2, failed: 0 });
    // the fixture's .js marks one variant sold out, so "same" changed its variants but not its price
    expect(await snapshotsOf(same.id)).toEqual([{ price: "98.00", available: true }]);
    expect(await snapshotsOf(moved.id)).toEqual([
      { price: "98.00", available: true },
      { price: "89.00", available: true },
    ]);
    const second = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(second.counts).toMatchObject({ checked: 2, changed: 0, unchanged: 2 });
    expect(await snapshotsOf(moved.id)).toHaveLength(2);
  });

  test("a listing that disappears is marked unavailable and keeps its history", async () => {
    const gone = await addListing("gone");
    server.use(...shopifyStore({ origin, products: [{ handle: "gone", json: null, js: null }] }));
    const { counts } = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(counts).toMatchObject({ unavailable: 1, failed: 0 });
    const row = await db.listing.findUniqueOrThrow({
      where: { id: gone.id },
      select: { available: true, price: true, lastRefreshStatus: true },
    });
    expect(row).toEqual({ available: false, price: "98.00", lastRefreshStatus: "UNAVAILABLE" });
    expect(await snapshotsOf(gone.id)).toEqual([
      { price: "98.00", available: true },
      { price: "98.00", available: false },
    ]);
  });

  test("a store that answers 429 then 200 is retried; one that hangs fails and keeps the last good price", async () => {
    const polite = await addListing("polite");
    let calls = 0;
    server.use(
      http.get(`${origin}/products/polite.json`, () => {
        calls += 1;
        return calls === 1
          ? new HttpResponse(null, { status: 429, headers: { "Retry-After": "0" } })
          : HttpResponse.json({ product: { ...priced("90.00"), handle: "polite" } });
      }),
      ...shopifyStore({ origin, products: [{ handle: "polite", js: baseJs }] }),
    );
    const first = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(first.counts).toMatchObject({ changed: 1, failed: 0 });
    expect((await db.listing.findUniqueOrThrow({ where: { id: polite.id } })).price).toBe("90.00");

    server.use(
      http.get(`${origin}/products/polite.json`, async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const second = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(second.counts).toMatchObject({ failed: 1 });
    const row = await db.listing.findUniqueOrThrow({
      where: { id: polite.id },
      select: { price: true, available: true, lastRefreshStatus: true },
    });
    expect(row).toEqual({ price: "90.00", available: true, lastRefreshStatus: "FAILED:TIMEOUT" });
  });

  test("a store whose every answer fails rests before the next run, and its listings keep their prices", async () => {
    const listing = await addListing("down");
    server.use(http.get(`${origin}/*`, () => new HttpResponse(null, { status: 500 })));
    const first = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(first.counts).toMatchObject({ failed: 1 });
    const store = await db.store.findUniqueOrThrow({ where: { id: storeId }, select: { consecutiveFailures: true, backoffUntil: true } });
    expect(store.consecutiveFailures).toBe(1);
    expect(store.backoffUntil?.getTime()).toBeGreaterThan(Date.now());
    const second = await refreshPrices({ storeSlug: `store-${counter}`, http: http_() });
    expect(second.counts).toMatchObject({ checked: 0, skipped: 1 });
    expect((await db.listing.findUniqueOrThrow({ where: { id: listing.id } })).price).toBe("98.00");
  });

  test("watchers hear about a landed-price drop once, in the app and by email", async () => {
    const listing = await addListing("watched", "98.00");
    const shopper = await createTestUser("SHOPPER");
    await db.listingWatch.create({ data: { userId: shopper.id, listingId: listing.id, lastNotifiedTotalFen: 10_000_000 } });
    server.use(...shopifyStore({ origin, products: [{ handle: "watched", json: { ...priced("70.00"), handle: "watched" }, js: baseJs }] }));
    await refreshPrices({ storeSlug: `store-${counter}`, http: http_(), onPriceDrop: async (id) => void (await alertPriceDrop(id)) });
    const notes = await db.notification.findMany({ where: { userId: shopper.id }, select: { kind: true, link: true } });
    expect(notes).toEqual([{ kind: "PRICE_DROP", link: `/listings/${listing.id}` }]);
    expect(await db.emailOutbox.count({ where: { to: shopper.email } })).toBe(1);
    // the same price again is not news
    expect(await alertPriceDrop(listing.id)).toBe(0);
  });

  test("watchers hear once that an out-of-stock listing is back in stock, with its price (no price-drop alert besides)", async () => {
    const listing = await addListing("restocked", "98.00");
    await db.listing.update({ where: { id: listing.id }, data: { available: false } });
    await db.priceSnapshot.create({ data: { listingId: listing.id, price: "98.00", available: false } });
    const shopper = await createTestUser("SHOPPER");
    await db.listingWatch.create({ data: { userId: shopper.id, listingId: listing.id } });
    server.use(
      ...shopifyStore({ origin, products: [{ handle: "restocked", json: { ...priced("98.00"), handle: "restocked" }, js: baseJs }] }),
    );
    const refresh = () =>
      refreshPrices({
        storeSlug: `store-${counter}`,
        http: http_(),
        onRestock: async (id) => void (await alertRestock(id)),
        onPriceDrop: async (id) => void (await alertPriceDrop(id)),
      });
    await refresh();
    await refresh();
    expect((await db.listing.findUniqueOrThrow({ where: { id: listing.id } })).available).toBe(true);
    const notes = await db.notification.findMany({ where: { userId: shopper.id }, select: { kind: true, link: true } });
    expect(notes).toEqual([{ kind: "RESTOCK", link: `/listings/${listing.id}` }]);
  });
});
