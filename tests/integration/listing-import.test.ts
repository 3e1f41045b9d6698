import { beforeAll, describe, expect, test } from "vitest";
import { toFen } from "~/domain/landed-cost";
import { importListing, importStoreCatalog } from "~/services/listing-import.server";
import { quoteListingById } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import { storeFixture, storeFixtureJson } from "../fixtures/stores/load";
import { jsonLdPage, shopifyStore } from "../mocks/stores";
import { server } from "../mocks/server";
import { seedPricing } from "./pricing-fixtures";

type ShopifyJson = { product: Record<string, unknown> & { handle: string; variants: Record<string, unknown>[] } };
const productJson = storeFixtureJson<ShopifyJson>("shopify-product.json").product;
const productJs = storeFixtureJson<Record<string, unknown>>("shopify-product.js.json");
const REGISTERED = "https://registered-outfitters.example.com";

async function counts() {
  return { listings: await db.listing.count(), stores: await db.store.count(), snapshots: await db.priceSnapshot.count() };
}

beforeAll(async () => {
  await seedPricing(db, new Date().toISOString());
  await db.category.createMany({ data: [{ slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 }] });
  await db.store.create({
    data: {
      slug: "registered-outfitters",
      name: "Registered Outfitters",
      country: "US",
      currency: "USD",
      platform: "SHOPIFY",
      baseUrl: REGISTERED,
    },
  });
});

describe("import by link", () => {
  test("a registered Shopify store's product becomes a Chinese draft with variants, images and weight", async () => {
    server.use(...shopifyStore({ origin: REGISTERED, products: [{ handle: productJson.handle, json: productJson, js: productJs }] }));
    const outcome = await importListing(`${REGISTERED}/products/${productJson.handle}?utm_source=x`);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.created).toBe(true);
    expect(outcome.listing).toMatchObject({
      title: "Men's Wool Runners",
      currency: "USD",
      price: "98.00",
      status: "DRAFT",
      localizationStatus: "DRAFT",
    });
    expect(outcome.listing.titleZh).not.toBe("");
    expect(outcome.listing.variants.map((variant) => [variant.title, variant.price, variant.available])).toEqual([
      ["8 / Natural Grey", "98.00", true],
      ["9 / Natural Grey", "98.00", false],
      ["10 / Black", "105.00", true],
    ]);
    expect(outcome.listing.images.length).toBeGreaterThan(0);
    expect(outcome.listing.weightGrams).toBeGreaterThan(0);
    const stored = await db.listing.findUniqueOrThrow({
      where: { id: outcome.listing.id },
      select: { categorySlug: true, landedFen: true, landedStatus: true, _count: { select: { priceSnapshots: true } } },
    });
    expect(stored.categorySlug).toBe("sports");
    // Priced for lists as it is written: the landed price its page quotes.
    const quoted = await quoteListingById(outcome.listing.id);
    if (!quoted?.outcome.ok) throw new Error("the imported listing did not quote");
    expect(stored).toMatchObject({ landedStatus: "OK", landedFen: toFen(quoted.outcome.quote.total) });
    expect(stored._count.priceSnapshots).toBe(1);
  });

  test("re-importing the same link updates the listing instead of duplicating it, with a snapshot for the new price", async () => {
    const dearer = { ...productJson, variants: productJson.variants.map((variant) => ({ ...variant, price: "120.00" })) };
    server.use(...shopifyStore({ origin: REGISTERED, products: [{ handle: productJson.handle, json: dearer, js: productJs }] }));
    const before = await counts();
    const outcome = await importListing(`${REGISTERED}/products/${productJson.handle}`);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.created).toBe(false);
    expect(outcome.listing.price).toBe("120.00");
    expect(await counts()).toEqual({ ...before, snapshots: before.snapshots + 1 });
  });

  test("an unregistered store's currency comes from cart.js; the store is recorded with its origin country", async () => {
    const origin = "https://new-store.example.com";
    server.use(...shopifyStore({ origin, currency: "GBP", products: [{ handle: productJson.handle, json: productJson, js: productJs }] }));
    const outcome = await importListing(`${origin}/products/${productJson.handle}`);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.listing.currency).toBe("GBP");
    expect(await db.store.findFirst({ where: { baseUrl: origin }, select: { country: true, currency: true } })).toEqual({
      country: "GB",
      currency: "GBP",
    });
  });

  test.each([
    ["no currency anywhere", "https://mute-store.example.com", "CURRENCY_UNKNOWN"],
    ["HTML without product data", "https://blog.example.com", "NO_PRODUCT_DATA"],
  ])("%s: a clear error and nothing written", async (_label, origin, code) => {
    if (code === "CURRENCY_UNKNOWN") {
      server.use(
        ...shopifyStore({
          origin,
          cart: false,
          products: [{ handle: productJson.handle, json: productJson, js: productJs, html: "<html><body>no data</body></html>" }],
        }),
      );
    } else {
      server.use(jsonLdPage(`${origin}/post/1`, storeFixture("jsonld-no-product.html")));
    }
    const before = await counts();
    const url = code === "CURRENCY_UNKNOWN" ? `${origin}/products/${productJson.handle}` : `${origin}/post/1`;
    const outcome = await importListing(url);
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(await counts()).toEqual(before);
  });

  test("a link that is not a link is refused before any request", async () => {
    expect(await importListing("not a url")).toMatchObject({ ok: false, error: { code: "INVALID_URL" } });
    expect(await importListing("ftp://example.com/products/x")).toMatchObject({ ok: false, error: { code: "INVALID_URL" } });
  });

  test("a JSON-LD page with a registered EUR price imports with the page's currency", async () => {
    const url = "https://laden.example.de/produkt/wasserkocher";
    server.use(jsonLdPage(url, storeFixture("jsonld-product.html")));
    const outcome = await importListing(url);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.listing.currency).toMatch(/^[A-Z]{3}$/);
    expect(outcome.listing.status).toBe("DRAFT");
  });
});

describe("importing a whole Shopify store", () => {
  test("walks /products.json page by page and saves every product", async () => {
    const origin = "https://catalog-store.example.com";
    const products = Array.from({ length: 7 }, (_, index) => ({
      handle: `item-${index}`,
      json: {
        ...productJson,
        id: 9000 + index,
        handle: `item-${index}`,
        title: `Wool Runner ${index}`,
        variants: productJson.variants.map((variant, v) => ({ ...variant, id: 90000 + index * 10 + v })),
      },
    }));
    server.use(...shopifyStore({ origin, currency: "USD", pageSize: 3, products }));
    const pages: number[] = [];
    const results = [];
    for await (const item of importStoreCatalog(origin, { currency: "USD", onPage: (page) => pages.push(page) })) results.push(item);
    expect(results).toHaveLength(7);
    expect(results.every((item) => item.outcome.ok)).toBe(true);
    expect(pages.slice(0, 3)).toEqual([1, 2, 3]);
    expect(await db.listing.count({ where: { sourceUrl: { startsWith: origin } } })).toBe(7);
  });
});
