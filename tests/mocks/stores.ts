import { http, HttpResponse, type RequestHandler } from "msw";

// Fake stores for msw: each factory answers one store's endpoints the way the real platform does.
// Tests add them with server.use(...); anything they do not answer fails the test (onUnhandledRequest: "error").

export type FakeShopifyProduct = {
  handle: string;
  /** The `product` object of /products/<handle>.json (also served in /products.json pages); null → 404. */
  json?: Record<string, unknown> | null;
  /** The /products/<handle>.js document; null or absent → 404. */
  js?: Record<string, unknown> | null;
  /** The product page's HTML; absent → 404. */
  html?: string;
  /** Sent as ETag on every document of this product; a matching If-None-Match gets 304. */
  etag?: string;
};

export type ShopifyStoreOptions = {
  origin: string;
  products: FakeShopifyProduct[];
  /** The currency /cart.js states. */
  currency?: string;
  /** false: /cart.js answers 404, as on a store that blocks the cart API. Default true. */
  cart?: boolean;
  /** Products per /products.json page, whatever ?limit= asks (Shopify caps it at 250). */
  pageSize?: number;
  /** Every request path with its query, in order, for tests that count calls. */
  log?: string[];
};

const notFound = () => HttpResponse.json({ errors: "Not Found" }, { status: 404 });

function conditional(request: Request, etag: string | undefined, respond: () => Response): Response {
  if (etag && request.headers.get("if-none-match") === etag) return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
  const response = respond();
  if (etag) response.headers.set("ETag", etag);
  return response;
}

export function shopifyStore(options: ShopifyStoreOptions): RequestHandler[] {
  const { origin, products, cart = true } = options;
  const byHandle = new Map(products.map((product) => [product.handle, product]));
  const record = (request: Request) => {
    const url = new URL(request.url);
    options.log?.push(`${url.pathname}${url.search}`);
  };
  return [
    http.get(`${origin}/products.json`, ({ request }) => {
      record(request);
      const url = new URL(request.url);
      const page = Math.max(1, Number(url.searchParams.get("page") ?? "1"));
      const size = options.pageSize ?? Math.min(250, Number(url.searchParams.get("limit") ?? "30"));
      const listed = products.filter((product) => product.json !== null && product.json !== undefined);
      return HttpResponse.json({ products: listed.slice((page - 1) * size, page * size).map((product) => product.json) });
    }),
    http.get(`${origin}/cart.js`, ({ request }) => {
      record(request);
      if (!cart || !options.currency) return notFound();
      return HttpResponse.json({
        token: "c1",
        note: null,
        attributes: {},
        total_price: 0,
        item_count: 0,
        items: [],
        requires_shipping: false,
        currency: options.currency,
        items_subtotal_price: 0,
      });
    }),
    http.get(`${origin}/products/:file`, ({ request, params }) => {
      record(request);
      const file = String(params.file);
      const match = /^(.+?)(\.json|\.js)?$/.exec(file);
      const product = byHandle.get(match?.[1] ?? "");
      if (!product) return notFound();
      if (match?.[2] === ".json")
        return product.json ? conditional(request, product.etag, () => HttpResponse.json({ product: product.json })) : notFound();
      if (match?.[2] === ".js") return product.js ? conditional(request, product.etag, () => HttpResponse.json(product.js)) : notFound();
      return product.html === undefined
        ? new HttpResponse("<html><body>Not found</body></html>", { status: 404, headers: { "Content-Type": "text/html" } })
        : conditional(request, product.etag, () => HttpResponse.html(product.html ?? ""));
    }),
  ];
}

export type PageOptions = { etag?: string; lastModified?: string; contentType?: string; status?: number };

/** One product page (or any document) at an exact URL. */
export function jsonLdPage(url: string, body: string, options: PageOptions = {}): RequestHandler {
  return http.get(url, ({ request }) => {
    if (options.etag && request.headers.get("if-none-match") === options.etag)
      return new HttpResponse(null, { status: 304, headers: { ETag: options.etag } });
    const headers: Record<string, string> = { "Content-Type": options.contentType ?? "text/html; charset=utf-8" };
    if (options.etag) headers.ETag = options.etag;
    if (options.lastModified) headers["Last-Modified"] = options.lastModified;
    return new HttpResponse(body, { status: options.status ?? 200, headers });
  });
}
