import type { HttpClient } from "~/integrations/http/http-client.server";
import { storeHttp } from "~/integrations/http/store-client.server";
import { currencyCode } from "./parse-helpers";
import { normalizeShopifyJsonProduct, readShopifyProductsPage } from "./parse-shopify";
import type { CatalogItem, ParseError } from "./types";

export type FetchCatalogOptions = {
  /** The store's currency: /products.json states none. */
  currency: string;
  http?: HttpClient;
  /** A cap on pages of 250 products (default 200, 50,000 products). */
  maxPages?: number;
  /** Called after each non-empty page, for progress. */
  onPage?: (page: number, count: number) => void;
  /** A product whose data fails the normalized schema is skipped, not fatal to the rest of the store; this hears of it. */
  onInvalid?: (handle: string, error: ParseError) => void;
  signal?: AbortSignal;
};

const PAGE_SIZE = 250;

/**
 * Every product of a Shopify store, page by page through /products.json, until an empty page.
 * A page that fails yields one error and ends the walk: the next pages would likely fail the same way.
 */
export async function* fetchShopifyCatalog(origin: string, options: FetchCatalogOptions): AsyncGenerator<CatalogItem> {
  const http = options.http ?? storeHttp;
  const maxPages = options.maxPages ?? 200;
  const currency = currencyCode(options.currency);
  if (!currency) {
    yield { ok: false, error: { code: "CURRENCY_UNKNOWN", message: `"${options.currency}" is not a currency code` } };
    return;
  }
  let base: string;
  try {
    base = new URL(origin).origin;
  } catch {
    yield { ok: false, error: { code: "INVALID_URL", message: `not a store address: ${origin.slice(0, 200)}` } };
    return;
  }
  const seen = new Set<string>();
  for (let page = 1; page <= maxPages; page += 1) {
    const response = await http.fetchText(`${base}/products.json?page=${page}&limit=${PAGE_SIZE}`, {
      accept: ["application/json"],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.ok) {
      const { code, message, retryAfterSeconds } = response.error;
      yield { ok: false, error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds } };
      return;
    }
    const products = response.notModified ? null : readShopifyProductsPage(response.body);
    if (!products) {
      yield {
        ok: false,
        error: { code: "UNEXPECTED_SHAPE", message: `page ${page} of ${new URL(base).host}/products.json is not a product list` },
      };
      return;
    }
    // A store (or a proxy in front of it) that ignores ?page= repeats page 1 forever.
    const fresh = products.filter((product) => product.handle !== undefined && !seen.has(product.handle));
    if (fresh.length === 0) return;
    options.onPage?.(page, products.length);
    for (const product of fresh) {
      const handle = product.handle ?? "";
      seen.add(handle);
      const result = normalizeShopifyJsonProduct(product, { origin: new URL(response.url).origin, currency });
      if (result.ok) yield result;
      else options.onInvalid?.(handle, result.error);
    }
  }
}
