import type { FetchError, FetchOk, HttpClient, RequestOptions } from "~/integrations/http/http-client.server";
import { storeHttp } from "~/integrations/http/store-client.server";
import { currencyCode } from "./parse-helpers";
import { findJsonLdCurrency, findStoreName, parseJsonLdListing } from "./parse-json-ld";
import {
  normalizeShopifyJsonProduct,
  normalizeShopifyJsProduct,
  parseShopifyCartCurrency,
  readShopifyAvailability,
  readShopifyProductJs,
  readShopifyProductJson,
  shopifyHandle,
  type ShopifyContext,
} from "./parse-shopify";
import type { ParseResult, StoreError, StoreResult } from "./types";

export type FetchListingOptions = {
  /** The registered store's currency; Shopify JSON states none. */
  storeCurrency?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  http?: HttpClient;
  signal?: AbortSignal;
};

const JSON_TYPES = ["application/json"];
// Shopify answers the .js documents as JSON, some proxies as JavaScript.
const JS_TYPES = ["application/json", "application/javascript", "text/javascript"];
const PAGE_TYPES = ["text/html", "application/xhtml+xml", "application/ld+json", "application/json"];

type Ctx = { http: HttpClient; options: FetchListingOptions; signal: AbortSignal | undefined };

function failure(error: FetchError | StoreError): StoreResult {
  const { code, message, retryAfterSeconds } = error;
  return { ok: false, error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds } };
}

function parsed(result: ParseResult, response: FetchOk | null): StoreResult {
  if (!result.ok) return failure(result.error);
  // Without one response to hold the validators against, a 304 could hide a change in the other.
  return {
    ok: true,
    notModified: false,
    listing: result.listing,
    etag: response?.headers.get("etag") ?? null,
    lastModified: response?.headers.get("last-modified") ?? null,
  };
}

function conditional(ctx: Ctx, accept: string[]): RequestOptions {
  return {
    accept,
    etag: ctx.options.etag ?? null,
    lastModified: ctx.options.lastModified ?? null,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}

/** The store answered, but not with this document: worth trying the next one. Anything else is final. */
function missingDocument(error: FetchError): boolean {
  return (
    error.code === "NOT_FOUND" ||
    error.code === "BAD_CONTENT_TYPE" ||
    (error.code === "HTTP_ERROR" && error.status !== undefined && error.status < 500)
  );
}

/** Failures a later call may not have: they must not be reported as "the store states no currency". */
function transient(error: FetchError): boolean {
  return (
    ["RATE_LIMITED", "TIMEOUT", "NETWORK_ERROR", "DNS_FAILED"].includes(error.code) ||
    (error.code === "HTTP_ERROR" && (error.status ?? 500) >= 500)
  );
}

type Currency = { ok: true; currency: string; storeName: string | null } | { ok: false; error: StoreError };

/**
 * The registered store's currency, else the cart's, else the product page's priceCurrency.
 * Shopify JSON states none, and a wrong currency would misprice every variant: never guessed.
 */
async function shopifyCurrency(ctx: Ctx, origin: string, pageUrl: string): Promise<Currency> {
  const registered = currencyCode(ctx.options.storeCurrency);
  if (registered) return { ok: true, currency: registered, storeName: null };
  const plain = ctx.signal ? { signal: ctx.signal } : {};

  // A transient failure ends the search: it is no evidence of "no currency", and after a 429 the
  // host gate holds every further request to the store for the Retry-After anyway.
  const cart = await ctx.http.fetchText(`${origin}/cart.js`, { accept: JS_TYPES, ...plain });
  if (!cart.ok && transient(cart.error)) return { ok: false, error: cart.error };
  const fromCart = cart.ok && !cart.notModified ? parseShopifyCartCurrency(cart.body) : null;
  if (fromCart) return { ok: true, currency: fromCart, storeName: null };

  const page = await ctx.http.fetchText(pageUrl, { accept: ["text/html", "application/xhtml+xml"], ...plain });
  if (!page.ok && transient(page.error)) return { ok: false, error: page.error };
  const fromPage = page.ok && !page.notModified ? findJsonLdCurrency(page.body, page.url) : null;
  if (fromPage && page.ok) return { ok: true, currency: fromPage, storeName: findStoreName(page.body, page.url) };

  return {
    ok: false,
    error: {
      code: "CURRENCY_UNKNOWN",
      message: `${new URL(origin).host} states no currency (no registered store, cart.js or priceCurrency)`,
    },
  };
}

function shopifyContext(
  origin: string,
  handle: string,
  currency: Currency & { ok: true },
  availability?: ReadonlyMap<string, boolean>,
): ShopifyContext {
  return { origin, handle, currency: currency.currency, storeName: currency.storeName, ...(availability ? { availability } : {}) };
}

async function fromShopify(ctx: Ctx, input: URL, handle: string): Promise<StoreResult> {
  const json = await ctx.http.fetchText(`${input.origin}/products/${handle}.json`, conditional(ctx, JSON_TYPES));
  if (!json.ok && !missingDocument(json.error)) return failure(json.error);
  if (json.ok && json.notModified) return { ok: true, notModified: true };
  const product = json.ok ? readShopifyProductJson(json.body) : null;
  if (json.ok && product) {
    // A redirect (myshopify.com → the shop's own domain) moves the store too.
    const origin = new URL(json.url).origin;
    const currency = await shopifyCurrency(ctx, origin, `${origin}/products/${handle}`);
    if (!currency.ok) return failure(currency.error);
    // /products/<handle>.json does not say what is sold out; the .js document does, per variant.
    let availability: Map<string, boolean> | null = null;
    if (product.variants.some((variant) => variant.available === undefined)) {
      const js = await ctx.http.fetchText(`${origin}/products/${handle}.js`, {
        accept: JS_TYPES,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      if (!js.ok && transient(js.error)) return failure(js.error);
      availability = js.ok && !js.notModified ? readShopifyAvailability(js.body) : null;
    }
    const result = normalizeShopifyJsonProduct(product, shopifyContext(origin, handle, currency, availability ?? undefined));
    return parsed(result, availability ? null : json);
  }

  const js = await ctx.http.fetchText(`${input.origin}/products/${handle}.js`, conditional(ctx, JS_TYPES));
  if (!js.ok && !missingDocument(js.error)) return failure(js.error);
  if (js.ok && js.notModified) return { ok: true, notModified: true };
  const jsProduct = js.ok ? readShopifyProductJs(js.body) : null;
  if (js.ok && jsProduct) {
    const origin = new URL(js.url).origin;
    const currency = await shopifyCurrency(ctx, origin, `${origin}/products/${handle}`);
    if (!currency.ok) return failure(currency.error);
    return parsed(normalizeShopifyJsProduct(jsProduct, shopifyContext(origin, handle, currency)), js);
  }

  // Not a Shopify store after all, or one with its JSON turned off: the page itself may say enough.
  const page = new URL(input);
  page.pathname = page.pathname.replace(/\.(?:json|js|oembed|xml)$/, "");
  return fromPage(ctx, page.toString());
}

async function fromPage(ctx: Ctx, url: string): Promise<StoreResult> {
  const page = await ctx.http.fetchText(url, conditional(ctx, PAGE_TYPES));
  if (!page.ok) return failure(page.error);
  if (page.notModified) return { ok: true, notModified: true };
  const result = parseJsonLdListing(page.body, { pageUrl: page.url, currency: ctx.options.storeCurrency ?? null });
  if (
    !result.ok &&
    result.error.code === "NO_PRODUCT_DATA" &&
    page.contentType !== "text/html" &&
    page.contentType !== "application/xhtml+xml"
  ) {
    return failure({ code: "UNEXPECTED_SHAPE", message: `${new URL(page.url).host} answered JSON that is not a product` });
  }
  return parsed(result, page);
}

/**
 * A store's product as a normalized listing. Shopify links go through the storefront JSON
 * (.json, then .js), anything else — and Shopify stores whose JSON is off — through the page's
 * schema.org data. All traffic goes through the shared store HTTP client (address checks, politeness).
 */
export async function fetchListing(url: string, options: FetchListingOptions = {}): Promise<StoreResult> {
  const ctx: Ctx = { http: options.http ?? storeHttp, options, signal: options.signal };
  let input: URL;
  try {
    input = new URL(url);
  } catch {
    return failure({ code: "INVALID_URL", message: `not a URL: ${url.slice(0, 200)}` });
  }
  if (input.protocol !== "https:" && input.protocol !== "http:") {
    return failure({ code: "INVALID_URL", message: `only http and https links can be imported, not ${input.protocol}` });
  }
  input.hash = "";
  const handle = shopifyHandle(input);
  return handle ? fromShopify(ctx, input, handle) : fromPage(ctx, input.toString());
}
