import { http, HttpResponse } from "msw";
import { describe, expect, test } from "vitest";
import { createHttpClient } from "~/integrations/http/http-client.server";
import { HostGate } from "~/integrations/http/host-gate.server";
import { fetchShopifyCatalog, type CatalogItem } from "~/integrations/stores/index.server";
import { storeFixtureJson } from "../../fixtures/stores/load";
import { server } from "../../mocks/server";
import { shopifyStore, type FakeShopifyProduct } from "../../mocks/stores";

const client = () =>
  createHttpClient({ userAgent: "test", allowPrivate: true, backoffMs: 5, gate: new HostGate({ concurrency: 2, intervalMs: 0 }) });
const origin = "https://woolly.example.com";

function products(count: number): FakeShopifyProduct[] {
  const template = storeFixtureJson<{ products: Record<string, unknown>[] }>("shopify-products-page.json").products[1]!;
  return Array.from({ length: count }, (_, index) => {
    const handle = `socks-${index + 1}`;
    return { handle, json: { ...template, id: index + 1, handle, title: `Socks ${index + 1}` } };
  });
}

async function collect(iterator: AsyncGenerator<CatalogItem>): Promise<CatalogItem[]> {
  const items: CatalogItem[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe("fetchShopifyCatalog", () => {
  test("walks the pages until an empty one", async () => {
    const log: string[] = [];
    const pages: [number, number][] = [];
    server.use(...shopifyStore({ origin, products: products(5), pageSize: 2, log }));
    const items = await collect(
      fetchShopifyCatalog(origin, { currency: "USD", http: client(), onPage: (page, count) => pages.push([page, count]) }),
    );
    expect(items.map((item) => item.ok && item.listing.sourceUrl)).toEqual([1, 2, 3, 4, 5].map((n) => `${origin}/products/socks-${n}`));
    expect(items.every((item) => item.ok && item.listing.currency === "USD" && item.listing.price === "14.00")).toBe(true);
    expect(pages).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
    expect(log).toEqual([1, 2, 3, 4].map((page) => `/products.json?page=${page}&limit=250`));
  });

  test("a failing page yields one error and stops", async () => {
    const all = products(4);
    server.use(
      http.get(`${origin}/products.json`, ({ request }) => {
        const page = new URL(request.url).searchParams.get("page");
        return page === "1"
          ? HttpResponse.json({ products: all.slice(0, 2).map((product) => product.json) })
          : new HttpResponse(null, { status: 403 });
      }),
    );
    const items = await collect(fetchShopifyCatalog(origin, { currency: "USD", http: client() }));
    expect(items.map((item) => item.ok)).toEqual([true, true, false]);
    expect(items[2]).toMatchObject({ ok: false, error: { code: "HTTP_ERROR" } });
  });

  test("a page of another shape: UNEXPECTED_SHAPE", async () => {
    server.use(http.get(`${origin}/products.json`, () => HttpResponse.json({ errors: "Unavailable Shop" })));
    expect(await collect(fetchShopifyCatalog(origin, { currency: "USD", http: client() }))).toEqual([
      { ok: false, error: { code: "UNEXPECTED_SHAPE", message: expect.any(String) } },
    ]);
  });

  test("a store that ignores ?page= is read once, not 200 times", async () => {
    const log: string[] = [];
    server.use(
      http.get(`${origin}/products.json`, ({ request }) => {
        log.push(request.url);
        return HttpResponse.json({ products: products(2).map((product) => product.json) });
      }),
    );
    expect(await collect(fetchShopifyCatalog(origin, { currency: "USD", http: client() }))).toHaveLength(2);
    expect(log).toHaveLength(2);
  });

  test("an invalid product is skipped and reported; maxPages caps the walk", async () => {
    const all = products(6);
    (all[1]!.json!.variants as { price: string }[]) = [{ ...(all[1]!.json!.variants as { price: string }[])[0]!, price: "-1.00" }];
    const invalid: string[] = [];
    server.use(...shopifyStore({ origin, products: all, pageSize: 2 }));
    const items = await collect(
      fetchShopifyCatalog(`${origin}/collections/all`, {
        currency: "USD",
        http: client(),
        maxPages: 2,
        onInvalid: (handle, error) => invalid.push(`${handle}:${error.code}`),
      }),
    );
    expect(items.map((item) => item.ok && item.listing.title)).toEqual(["Socks 1", "Socks 3", "Socks 4"]);
    expect(invalid).toEqual(["socks-2:INVALID_PRODUCT"]);
  });

  test("a currency that is no currency is refused before any request", async () => {
    expect(await collect(fetchShopifyCatalog(origin, { currency: "dollars", http: client() }))).toMatchObject([
      { ok: false, error: { code: "CURRENCY_UNKNOWN" } },
    ]);
  });
});
