import http from "node:http";

// Fake Shopify stores on loopback, each its own host (port) so the per-host politeness applies as it
// would across real stores. Every answer waits `latencyMs`, like a store across the ocean.
export type FakeStore = { origin: string; close: () => Promise<void> };

function product(handle: string, index: number, bump: number) {
  return {
    id: index,
    title: `Bench Product ${handle}`,
    handle,
    body_html: `<p>Product ${handle}</p>`,
    vendor: "Bench",
    product_type: "Headphones",
    tags: "bench",
    variants: [
      {
        id: index,
        title: "Default Title",
        price: `${(10 + (index % 90) + bump).toFixed(2)}`,
        sku: handle,
        available: true,
        grams: 300,
        weight: 300,
        weight_unit: "g",
      },
    ],
    images: [{ src: `https://cdn.example.com/${handle}.jpg` }],
  };
}

export async function startFakeStores(options: {
  stores: number;
  latencyMs: number;
  catalogSize?: number;
  priceBump?: () => number;
  onRequest?: () => void;
}): Promise<FakeStore[]> {
  const started: FakeStore[] = [];
  for (let storeIndex = 0; storeIndex < options.stores; storeIndex += 1) {
    const server = http.createServer((req, res) => {
      options.onRequest?.();
      const url = new URL(req.url ?? "/", "http://localhost");
      setTimeout(() => {
        const single = /^\/products\/([a-z0-9-]+)\.json$/.exec(url.pathname);
        if (single?.[1]) {
          const index = Number(single[1].split("-").pop());
          res.writeHead(200, { "Content-Type": "application/json" });
          return res.end(JSON.stringify({ product: product(single[1], index, options.priceBump?.() ?? 0) }));
        }
        const js = /^\/products\/([a-z0-9-]+)\.js$/.exec(url.pathname);
        if (js?.[1]) {
          const index = Number(js[1].split("-").pop());
          const doc = product(js[1], index, 0);
          res.writeHead(200, { "Content-Type": "application/json" });
          return res.end(
            JSON.stringify({
              ...doc,
              variants: doc.variants.map((variant) => ({ ...variant, price: Math.round(Number(variant.price) * 100) })),
            }),
          );
        }
        if (url.pathname === "/products.json") {
          const page = Number(url.searchParams.get("page") ?? "1");
          const limit = Number(url.searchParams.get("limit") ?? "30");
          const size = options.catalogSize ?? 0;
          const from = (page - 1) * limit;
          const products = Array.from({ length: Math.max(0, Math.min(limit, size - from)) }, (_, offset) =>
            product(`catalog-${storeIndex}-${from + offset}`, from + offset, 0),
          );
          res.writeHead(200, { "Content-Type": "application/json" });
          return res.end(JSON.stringify({ products }));
        }
        res.writeHead(404, { "Content-Type": "text/plain" });
        res.end("not found");
      }, options.latencyMs);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    started.push({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
  }
  return started;
}
