import { http, HttpResponse } from "msw";
import { describe, expect, test } from "vitest";
import { createHttpClient } from "~/integrations/http/http-client.server";
import { HostGate } from "~/integrations/http/host-gate.server";
import { fetchListing } from "~/integrations/stores/index.server";
import { storeFixture, storeFixtureJson } from "../../fixtures/stores/load";
import { server } from "../../mocks/server";
import { jsonLdPage, shopifyStore, type FakeShopifyProduct } from "../../mocks/stores";

const client = () =>
  createHttpClient({ userAgent: "test", allowPrivate: true, backoffMs: 5, gate: new HostGate({ concurrency: 2, intervalMs: 0 }) });

const origin = "https://woolly.example.com";
const productUrl = `${origin}/collections/men/products/mens-wool-runners?variant=41982373266525`;
const json = () => storeFixtureJson<{ product: Record<string, unknown> }>("shopify-product.json").product;
const js = () => storeFixtureJson<Record<string, unknown>>("shopify-product.js.json");
const runner = (extra: Partial<FakeShopifyProduct> = {}): FakeShopifyProduct => ({
  handle: "mens-wool-runners",
  json: json(),
  js: js(),
  ...extra,
});

describe("fetchListing from a Shopify store", () => {
  test("a registered store's currency: .json for the product, .js for what is sold out, no cart", async () => {
    const log: string[] = [];
    server.use(...shopifyStore({ origin, products: [runner()], currency: "CAD", log }));
    const result = await fetchListing(productUrl, { storeCurrency: "USD", http: client() });
    expect(result).toMatchObject({
      ok: true,
      notModified: false,
      listing: {
        sourceUrl: `${origin}/products/mens-wool-runners`,
        platform: "SHOPIFY",
        storeOrigin: origin,
        currency: "USD",
        price: "98.00",
        weightGrams: 726,
      },
    });
    if (!result.ok || result.notModified) return;
    expect(result.listing.variants.map((variant) => variant.available)).toEqual([true, false, true]);
    // Two documents made the listing: no single validator can vouch for both.
    expect(result.etag).toBeNull();
    expect(log).toEqual(["/products/mens-wool-runners.json", "/products/mens-wool-runners.js"]);
  });

  test("an unregistered store: the cart states the currency", async () => {
    server.use(...shopifyStore({ origin, products: [runner()], currency: "USD" }));
    const result = await fetchListing(productUrl, { http: client() });
    expect(result).toMatchObject({ ok: true, listing: { currency: "USD", price: "98.00" } });
  });

  test("no cart.js: the product page's priceCurrency, and the shop's name with it", async () => {
    server.use(...shopifyStore({ origin, products: [runner({ html: storeFixture("shopify-product-page.html") })], cart: false }));
    const result = await fetchListing(productUrl, { http: client() });
    expect(result).toMatchObject({ ok: true, listing: { currency: "CAD", storeName: "Woolly Co. Canada", platform: "SHOPIFY" } });
  });

  test("no registered store, no cart, no priceCurrency: CURRENCY_UNKNOWN, never a guess", async () => {
    server.use(...shopifyStore({ origin, products: [runner({ html: storeFixture("jsonld-no-product.html") })], cart: false }));
    const result = await fetchListing(productUrl, { http: client() });
    expect(result).toMatchObject({ ok: false, error: { code: "CURRENCY_UNKNOWN" } });
  });

  test("a cart that is rate limited is reported as such, not as an unknown currency", async () => {
    server.use(
      http.get(`${origin}/cart.js`, () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "600" } })),
      ...shopifyStore({ origin, products: [runner({ html: storeFixture("jsonld-no-product.html") })] }),
    );
    const result = await fetchListing(productUrl, { http: client() });
    expect(result).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", retryAfterSeconds: 600 } });
  });

  test(".json switched off: the .js document, prices in hundredths", async () => {
    server.use(...shopifyStore({ origin, products: [runner({ json: null, etag: 'W/"js-1"' })], currency: "USD" }));
    const result = await fetchListing(productUrl, { http: client() });
    expect(result).toMatchObject({ ok: true, etag: 'W/"js-1"', listing: { price: "98.00", currency: "USD", platform: "SHOPIFY" } });
  });

  test("neither .json nor .js: the page's JSON-LD", async () => {
    server.use(...shopifyStore({ origin, products: [runner({ json: null, js: null, html: storeFixture("shopify-product-page.html") })] }));
    const result = await fetchListing(`${origin}/products/mens-wool-runners`, { http: client() });
    expect(result).toMatchObject({ ok: true, listing: { platform: "JSONLD", currency: "CAD", price: "128.00" } });
  });

  test("a myshopify.com link redirected to the shop's domain belongs to that domain", async () => {
    server.use(
      http.get(
        "https://woolly.myshopify.com/products/:file",
        ({ params }) => new HttpResponse(null, { status: 301, headers: { Location: `${origin}/products/${String(params.file)}` } }),
      ),
      ...shopifyStore({ origin, products: [runner()], currency: "USD" }),
    );
    const result = await fetchListing("https://woolly.myshopify.com/products/mens-wool-runners", { http: client() });
    expect(result).toMatchObject({ ok: true, listing: { storeOrigin: origin, sourceUrl: `${origin}/products/mens-wool-runners` } });
  });

  test("a product that is gone: NOT_FOUND", async () => {
    server.use(...shopifyStore({ origin, products: [], currency: "USD" }));
    expect(await fetchListing(`${origin}/products/discontinued`, { http: client() })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });

  test("a negative price: INVALID_PRODUCT, nothing half-made", async () => {
    const broken = json();
    (broken.variants as { price: string }[])[0]!.price = "-98.00";
    server.use(...shopifyStore({ origin, products: [runner({ json: broken })], currency: "USD" }));
    expect(await fetchListing(productUrl, { storeCurrency: "USD", http: client() })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PRODUCT" },
    });
  });

  test("a long Retry-After on the product: RATE_LIMITED at once, no fallback requests", async () => {
    const log: string[] = [];
    server.use(
      http.get(`${origin}/products/:file`, ({ request }) => {
        log.push(new URL(request.url).pathname);
        return new HttpResponse(null, { status: 429, headers: { "Retry-After": "3600" } });
      }),
    );
    expect(await fetchListing(productUrl, { storeCurrency: "USD", http: client() })).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", retryAfterSeconds: 3600 },
    });
    expect(log).toEqual(["/products/mens-wool-runners.json"]);
  });

  test("conditional refresh: the ETag comes back, and a 304 is not-modified", async () => {
    // products.json-style variants say what is available, so the .json alone makes the listing.
    const withAvailability = json();
    (withAvailability.variants as Record<string, unknown>[]).forEach((variant) => (variant.available = true));
    let seen: string | null = null;
    server.use(
      http.get(`${origin}/products/mens-wool-runners.json`, ({ request }) => {
        seen = request.headers.get("if-none-match");
        return seen === '"v7"'
          ? new HttpResponse(null, { status: 304 })
          : HttpResponse.json(
              { product: withAvailability },
              { headers: { ETag: '"v7"', "Last-Modified": "Tue, 14 May 2024 15:01:02 GMT" } },
            );
      }),
    );
    const first = await fetchListing(productUrl, { storeCurrency: "USD", http: client() });
    expect(first).toMatchObject({ ok: true, notModified: false, etag: '"v7"', lastModified: "Tue, 14 May 2024 15:01:02 GMT" });
    const again = await fetchListing(productUrl, {
      storeCurrency: "USD",
      etag: '"v7"',
      lastModified: "Tue, 14 May 2024 15:01:02 GMT",
      http: client(),
    });
    expect(seen).toBe('"v7"');
    expect(again).toEqual({ ok: true, notModified: true });
  });
});

describe("fetchListing from any page with JSON-LD", () => {
  const pageUrl = "https://potters.example.co.uk/mugs/tom-and-jerry";

  test("a product page: listing and validators", async () => {
    server.use(jsonLdPage(pageUrl, storeFixture("jsonld-product.html"), { etag: '"p1"', lastModified: "Mon, 01 Jul 2024 10:00:00 GMT" }));
    const result = await fetchListing(`${pageUrl}#reviews`, { http: client() });
    expect(result).toMatchObject({
      ok: true,
      notModified: false,
      etag: '"p1"',
      lastModified: "Mon, 01 Jul 2024 10:00:00 GMT",
      listing: { title: "Tom & Jerry's Breakfast Mug", currency: "GBP", price: "12.50", platform: "JSONLD" },
    });
    expect(await fetchListing(pageUrl, { etag: '"p1"', http: client() })).toEqual({ ok: true, notModified: true });
  });

  test("through the shared store client by default", async () => {
    server.use(jsonLdPage(pageUrl, storeFixture("jsonld-product.html")));
    expect(await fetchListing(pageUrl)).toMatchObject({ ok: true, listing: { price: "12.50" } });
  });

  test("a page without a Product: NO_PRODUCT_DATA", async () => {
    server.use(jsonLdPage("https://summit.example.com/pages/about", storeFixture("jsonld-no-product.html")));
    expect(await fetchListing("https://summit.example.com/pages/about", { http: client() })).toMatchObject({
      ok: false,
      error: { code: "NO_PRODUCT_DATA" },
    });
  });

  test("JSON of another shape: UNEXPECTED_SHAPE", async () => {
    server.use(jsonLdPage("https://api.example.com/v1/items/42", storeFixture("other-shape.json"), { contentType: "application/json" }));
    expect(await fetchListing("https://api.example.com/v1/items/42", { http: client() })).toMatchObject({
      ok: false,
      error: { code: "UNEXPECTED_SHAPE" },
    });
  });

  test("a page that is gone: NOT_FOUND; a PDF: BAD_CONTENT_TYPE; not a link: INVALID_URL", async () => {
    server.use(
      jsonLdPage("https://shop.example.com/gone", "<html></html>", { status: 404 }),
      jsonLdPage("https://shop.example.com/manual.pdf", "%PDF-1.4", { contentType: "application/pdf" }),
    );
    expect(await fetchListing("https://shop.example.com/gone", { http: client() })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(await fetchListing("https://shop.example.com/manual.pdf", { http: client() })).toMatchObject({
      ok: false,
      error: { code: "BAD_CONTENT_TYPE" },
    });
    expect(await fetchListing("not a link", { http: client() })).toMatchObject({ ok: false, error: { code: "INVALID_URL" } });
    expect(await fetchListing("ftp://shop.example.com/products/x", { http: client() })).toMatchObject({
      ok: false,
      error: { code: "INVALID_URL" },
    });
  });

  test("a page without priceCurrency takes the registered store's currency", async () => {
    const html = storeFixture("jsonld-product.html").replace('"priceCurrency": "GBP",', "");
    server.use(jsonLdPage(pageUrl, html));
    expect(await fetchListing(pageUrl, { http: client() })).toMatchObject({ ok: false, error: { code: "CURRENCY_UNKNOWN" } });
    expect(await fetchListing(pageUrl, { storeCurrency: "GBP", http: client() })).toMatchObject({ ok: true, listing: { currency: "GBP" } });
  });
});
