import http from "node:http";

// A tiny foreign store on loopback for end-to-end imports (the app's server is another process,
// so msw cannot answer for it). It speaks Shopify's product JSON and cart.js.
const product = {
  id: 7001,
  title: "Wireless Noise Cancelling Earbuds ZX-7",
  handle: "zx7-earbuds",
  body_html: "<p>Wireless earbuds with active noise cancelling &amp; a 30-hour battery.</p>",
  vendor: "Kestrel Audio",
  product_type: "Headphones",
  tags: "audio, wireless",
  variants: [
    { id: 1, title: "Black", price: "129.00", sku: "ZX7-BLK", available: true, grams: 180, weight: 180, weight_unit: "g" },
    { id: 2, title: "White", price: "129.00", sku: "ZX7-WHT", available: true, grams: 180, weight: 180, weight_unit: "g" },
  ],
  images: [{ src: "https://cdn.example.com/zx7-1.jpg" }, { src: "https://cdn.example.com/zx7-2.jpg" }],
};

export function startFixtureStore(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    if (url.pathname === `/products/${product.handle}.json`) return send(200, "application/json", JSON.stringify({ product }));
    if (url.pathname === `/products/${product.handle}.js`) {
      // The storefront .js document: money in hundredths, availability per variant.
      const js = {
        ...product,
        description: product.body_html,
        type: product.product_type,
        tags: ["audio"],
        images: product.images.map((image) => image.src.replace("https:", "")),
        variants: product.variants.map((variant) => ({ ...variant, price: Math.round(Number(variant.price) * 100) })),
      };
      return send(200, "application/json", JSON.stringify(js));
    }
    if (url.pathname === "/cart.js") return send(200, "application/json", JSON.stringify({ token: "t", items: [], currency: "USD" }));
    if (url.pathname === `/products/${product.handle}`)
      return send(200, "text/html", `<html><head><title>${product.title}</title></head><body></body></html>`);
    send(404, "text/plain", "not found");
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export const FIXTURE_PRODUCT_PATH = `/products/${product.handle}`;
