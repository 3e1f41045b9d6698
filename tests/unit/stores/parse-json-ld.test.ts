import { describe, expect, test } from "vitest";
import { extractJsonLd, findJsonLdCurrency, findStoreName, parseJsonLdListing } from "~/integrations/stores/parse-json-ld";
import { storeFixture } from "../../fixtures/stores/load";

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** A page with the given JSON-LD blocks (objects are serialized; strings go in as written). */
function page(...blocks: (object | string)[]): string {
  const scripts = blocks.map(
    (block) => `<script type="application/ld+json">${typeof block === "string" ? block : JSON.stringify(block)}</script>`,
  );
  return `<!doctype html><html><head>${scripts.join("\n")}</head><body></body></html>`;
}

const product = (extra: object = {}) => ({
  "@context": "https://schema.org",
  "@type": "Product",
  name: "Mug",
  offers: { "@type": "Offer", price: "10.00", priceCurrency: "USD" },
  ...extra,
});
const pageUrl = "https://shop.example.com/p/mug";
const parse = (html: string, currency: string | null = null) => parseJsonLdListing(html, { pageUrl, currency });

describe("JSON-LD block extraction", () => {
  test("every block; a malformed block next to good ones is skipped", () => {
    const blocks = extractJsonLd(storeFixture("jsonld-malformed-first.html"));
    expect(blocks).toHaveLength(1);
    expect(Array.isArray(blocks[0])).toBe(true);
  });

  test("attribute order, quotes, case and parameters of the type vary", () => {
    const html = [
      `<script data-x="1" type='application/ld+json'>{"a":1}</script>`,
      `<SCRIPT TYPE=application/ld+json>{"a":2}</SCRIPT >`,
      `<script type="Application/LD+JSON; charset=utf-8">{"a":3}</script>`,
      `<script type="application/json">{"a":4}</script>`,
      `<script data-type="application/ld+json">{"a":5}</script>`,
      `<script>var x = '<script type="application/ld+json">';</script>`,
    ].join("\n");
    expect(extractJsonLd(html)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  test("raw newlines in strings, comment and CDATA wrappers, an HTML-escaped block", () => {
    const html = page('{"a":"line one\nline two"}', '<!--{"b":1}-->', '/*<![CDATA[*/{"c":1}/*]]>*/', "{&quot;d&quot;:&quot;x&quot;}");
    expect(extractJsonLd(html)).toEqual([{ a: "line one line two" }, { b: 1 }, { c: 1 }, { d: "x" }]);
  });
});

describe("schema.org Product pages", () => {
  test("top-level Product: entities decoded, canonical URL without tracking, relative image, kg weight", () => {
    const { listing } = ok(
      parseJsonLdListing(storeFixture("jsonld-product.html"), { pageUrl: "https://potters.example.co.uk/mugs/tom-and-jerry?ref=ig" }),
    );
    expect(listing).toEqual({
      sourceUrl: "https://potters.example.co.uk/mugs/tom-and-jerry",
      platform: "JSONLD",
      storeOrigin: "https://potters.example.co.uk",
      storeName: "Potter's Yard",
      title: "Tom & Jerry's Breakfast Mug",
      description: "Hand-thrown stoneware, 350 ml.\n\nDishwasher & microwave safe.",
      currency: "GBP",
      price: "12.50",
      available: true,
      weightGrams: 450,
      dimensionsCm: null,
      images: ["https://potters.example.co.uk/media/mugs/tom-jerry-front.jpg"],
      variants: [{ title: "Default", price: "12.50", available: true, sku: "MUG-TJ-350", weightGrams: 450 }],
      productType: null,
      vendor: "Potter's Yard",
      tags: [],
    });
  });

  test("Product inside @graph: @id references, ImageObject, weight in LBR, OutOfStock as http:// URL", () => {
    const { listing } = ok(
      parseJsonLdListing(storeFixture("jsonld-graph.html"), { pageUrl: "https://kaffee.example.de/produkt/handmuehle-classic/" }),
    );
    expect(listing).toMatchObject({
      title: "Handmühle Classic",
      description: "Kegelmahlwerk aus Edelstahl, 30 g Fassungsvermögen.",
      storeName: "Kaffee Haus",
      currency: "EUR",
      price: "49.90",
      available: false,
      weightGrams: 998,
      vendor: "Kaffee Haus",
      images: [
        "https://kaffee.example.de/wp-content/uploads/2024/02/muehle.jpg",
        "https://kaffee.example.de/wp-content/uploads/2024/02/muehle-detail.jpg",
      ],
    });
    expect(listing.variants).toEqual([{ title: "Default", price: "49.90", available: false, sku: "HM-CL-01", weightGrams: 998 }]);
  });

  test("array of blocks with a malformed one first; @type as an array; named offers become variants", () => {
    const { listing } = ok(
      parseJsonLdListing(storeFixture("jsonld-malformed-first.html"), { pageUrl: "https://summit.example.com/products-page/trail-tee" }),
    );
    expect(listing).toMatchObject({
      title: "Trail Tee",
      vendor: "Summit Supply",
      productType: "Apparel > Shirts",
      currency: "USD",
      price: "25.00",
      available: true,
    });
    expect(listing.variants).toEqual([
      { title: "Small", price: "25.00", available: false, sku: "TT-S", weightGrams: null },
      { title: "Medium", price: "25.00", available: true, sku: "TT-M", weightGrams: null },
      { title: "Large", price: "27.50", available: true, sku: "TT-L", weightGrams: null },
    ]);
    expect(listing.images).toEqual(["https://summit.example.com/img/trail-tee.jpg", "https://summit.example.com/img/trail-tee-back.jpg"]);
  });

  test("AggregateOffer without offers: lowPrice with a thousands separator; protocol-relative ImageObject", () => {
    const { listing } = ok(
      parseJsonLdListing(storeFixture("jsonld-aggregate-offer.html"), { pageUrl: "https://deskgear.example.com/aero-14" }),
    );
    expect(listing).toMatchObject({
      price: "1299.00",
      currency: "USD",
      available: true,
      vendor: "DeskGear",
      images: ["https://media.deskgear.example.com/aero14/main.jpg"],
    });
    expect(listing.variants).toHaveLength(1);
  });

  test("AggregateOffer with its offers: the offers decide, inheriting its currency", () => {
    const html = page(
      product({
        offers: {
          "@type": "AggregateOffer",
          lowPrice: 5,
          priceCurrency: "EUR",
          offers: [
            { "@type": "Offer", name: "250 g", price: 9.9, availability: "SoldOut" },
            { "@type": "Offer", name: "1 kg", price: 29, availability: "InStock" },
          ],
        },
      }),
    );
    const { listing } = ok(parse(html));
    expect(listing).toMatchObject({ currency: "EUR", price: "29.00" });
    expect(listing.variants.map((variant) => [variant.title, variant.price, variant.available])).toEqual([
      ["250 g", "9.90", false],
      ["1 kg", "29.00", true],
    ]);
  });

  test("ProductGroup with hasVariant: group name stripped from variant names, JPY, weights in g and oz", () => {
    const { listing } = ok(
      parseJsonLdListing(storeFixture("jsonld-product-group.html"), { pageUrl: "https://midori.example.jp/products/hojicha-latte" }),
    );
    expect(listing).toMatchObject({
      title: "ほうじ茶ラテ",
      currency: "JPY",
      price: "1200",
      available: true,
      weightGrams: 130,
      storeName: "茶舗みどり",
      productType: "Tea",
      sourceUrl: "https://midori.example.jp/products/hojicha-latte",
    });
    expect(listing.variants).toEqual([
      { title: "100g", price: "1200", available: true, sku: "HJL-100", weightGrams: 130 },
      { title: "250g", price: "2600", available: false, sku: "HJL-250", weightGrams: 283 },
    ]);
    expect(listing.images).toHaveLength(2);
  });

  test.each([
    ["https://schema.org/InStock", true],
    ["http://schema.org/InStock", true],
    ["InStock", true],
    ["schema:InStock", true],
    ["https://schema.org/PreOrder", true],
    ["LimitedAvailability", true],
    ["BackOrder", true],
    ["https://schema.org/OutOfStock", false],
    ["http://schema.org/OutOfStock", false],
    ["SoldOut", false],
    ["Discontinued", false],
    ["InStoreOnly", false],
    ["Maybe", false],
    [undefined, true],
  ])("availability %s → %s", (availability, expected) => {
    const html = page(product({ offers: { "@type": "Offer", price: "10.00", priceCurrency: "USD", availability } }));
    expect(ok(parse(html)).listing.available).toBe(expected);
  });

  test.each([
    ["a string", "https://cdn.example.com/a.jpg", ["https://cdn.example.com/a.jpg"]],
    [
      "an array",
      ["https://cdn.example.com/a.jpg", "/b.jpg", "data:image/png;base64,xx", "javascript:alert(1)"],
      ["https://cdn.example.com/a.jpg", "https://shop.example.com/b.jpg"],
    ],
    ["an ImageObject url", { "@type": "ImageObject", url: "https://cdn.example.com/c.jpg" }, ["https://cdn.example.com/c.jpg"]],
    ["an ImageObject contentUrl", { "@type": "ImageObject", contentUrl: "//cdn.example.com/d.jpg" }, ["https://cdn.example.com/d.jpg"]],
    ["entities in the URL", "https://cdn.example.com/e.jpg?w=1&amp;h=2", ["https://cdn.example.com/e.jpg?w=1&h=2"]],
    ["none", undefined, []],
  ])("image as %s", (_label, image, expected) => {
    expect(ok(parse(page(product({ image })))).listing.images).toEqual(expected);
  });

  test("at most 12 images", () => {
    const image = Array.from({ length: 20 }, (_, index) => `https://cdn.example.com/${index}.jpg`);
    expect(ok(parse(page(product({ image })))).listing.images).toHaveLength(12);
  });

  test.each([
    [{ "@type": "QuantitativeValue", value: 1.5, unitCode: "LBR" }, 680],
    [{ "@type": "QuantitativeValue", value: "12", unitCode: "ONZ" }, 340],
    [{ "@type": "QuantitativeValue", value: 1.25, unitCode: "KGM" }, 1250],
    [{ "@type": "QuantitativeValue", value: 300, unitCode: "GRM" }, 300],
    [{ "@type": "QuantitativeValue", value: 2, unitText: "lb" }, 907],
    [{ "@type": "QuantitativeValue", value: 0, unitCode: "GRM" }, null],
    [{ "@type": "QuantitativeValue", value: 3 }, null],
    ["2 kg", 2000],
  ])("weight %j → %s g", (weight, grams) => {
    expect(ok(parse(page(product({ weight })))).listing.weightGrams).toBe(grams);
  });

  test("price forms: number, string, unambiguous thousands; an ambiguous one is refused", () => {
    const priced = (price: unknown, currency = "USD") =>
      parse(page(product({ offers: { "@type": "Offer", price, priceCurrency: currency } })));
    expect(ok(priced(12.5)).listing.price).toBe("12.50");
    expect(ok(priced("12.5")).listing.price).toBe("12.50");
    expect(ok(priced("1,299.00")).listing.price).toBe("1299.00");
    expect(ok(priced(1200, "JPY")).listing.price).toBe("1200");
    expect(ok(priced(2.125, "KWD")).listing.price).toBe("2.125");
    expect(priced("1,299")).toMatchObject({ ok: false, error: { code: "INVALID_PRODUCT", message: expect.stringContaining("price") } });
    expect(priced(-3)).toMatchObject({ ok: false, error: { code: "INVALID_PRODUCT" } });
    expect(priced(undefined)).toMatchObject({ ok: false, error: { code: "INVALID_PRODUCT" } });
  });

  test("a price in a PriceSpecification", () => {
    const html = page(
      product({
        offers: { "@type": "Offer", priceSpecification: [{ "@type": "UnitPriceSpecification", price: 7.5, priceCurrency: "CHF" }] },
      }),
    );
    expect(ok(parse(html)).listing).toMatchObject({ price: "7.50", currency: "CHF" });
  });

  test("offers without distinct names are one article: one variant at the lowest available price", () => {
    const offers = [
      { "@type": "Offer", price: "8.00", priceCurrency: "USD", availability: "OutOfStock" },
      { "@type": "Offer", price: "9.00", priceCurrency: "USD", availability: "InStock" },
      { "@type": "Offer", price: "11.00", priceCurrency: "USD", availability: "InStock" },
    ];
    const { listing } = ok(parse(page(product({ offers, sku: "MUG-1" }))));
    expect(listing.variants).toEqual([{ title: "Default", price: "9.00", available: true, sku: "MUG-1", weightGrams: null }]);
  });

  test("offers in a second currency are left out, never mixed", () => {
    const offers = [
      { "@type": "Offer", price: "10.00", priceCurrency: "USD", name: "A" },
      { "@type": "Offer", price: "1.00", priceCurrency: "EUR", name: "B" },
    ];
    const { listing } = ok(parse(page(product({ offers }))));
    expect(listing).toMatchObject({ currency: "USD", price: "10.00" });
  });

  test("brand as a string, a Brand, an array; mainEntity of a WebPage", () => {
    const inPage = { "@context": "https://schema.org", "@type": "ItemPage", mainEntity: product({ brand: ["Acme", "Other"] }) };
    expect(ok(parse(page(inPage))).listing.vendor).toBe("Acme");
    expect(ok(parse(page(product({ brand: { "@type": "Brand", name: "B&amp;B" } })))).listing.vendor).toBe("B&B");
  });

  test("several products: the one whose url is this page", () => {
    const related = product({ name: "Related", url: "https://shop.example.com/p/other" });
    const main = product({ name: "Mine", url: "/p/mug" });
    expect(ok(parse(page(related, main))).listing.title).toBe("Mine");
  });

  test("a canonical link on another origin is ignored: a page cannot claim another store's product", () => {
    const html = page(product()).replace("<head>", '<head><link href="https://victim.example.com/p/mug" rel="canonical">');
    expect(ok(parse(html)).listing.sourceUrl).toBe(pageUrl);
  });

  test("currency: priceCurrency first, then the store's, else unknown", () => {
    const noCurrency = page(product({ offers: { "@type": "Offer", price: "10.00" } }));
    expect(parse(noCurrency)).toMatchObject({ ok: false, error: { code: "CURRENCY_UNKNOWN" } });
    expect(ok(parse(noCurrency, "CAD")).listing.currency).toBe("CAD");
    expect(ok(parse(page(product()), "CAD")).listing.currency).toBe("USD");
  });

  test("no Product → NO_PRODUCT_DATA; a Product without a name or a price → INVALID_PRODUCT", () => {
    expect(parse(storeFixture("jsonld-no-product.html"))).toMatchObject({ ok: false, error: { code: "NO_PRODUCT_DATA" } });
    expect(parse("<html><body>no data</body></html>")).toMatchObject({ ok: false, error: { code: "NO_PRODUCT_DATA" } });
    expect(parse(page(product({ name: "" })))).toMatchObject({ ok: false, error: { code: "INVALID_PRODUCT" } });
    expect(parse(page(product({ offers: [] })), "USD")).toMatchObject({ ok: false, error: { code: "INVALID_PRODUCT" } });
  });

  test("a JSON-LD document served on its own", () => {
    expect(ok(parse(JSON.stringify(product()))).listing.title).toBe("Mug");
    expect(parse(storeFixture("other-shape.json"))).toMatchObject({ ok: false, error: { code: "NO_PRODUCT_DATA" } });
  });

  test("currency and store name for a Shopify store's page", () => {
    const html = storeFixture("shopify-product-page.html");
    expect(findJsonLdCurrency(html, "https://woolly.example.ca/products/mens-wool-runners")).toBe("CAD");
    expect(findStoreName(html, "https://woolly.example.ca/products/mens-wool-runners")).toBe("Woolly Co. Canada");
    expect(findJsonLdCurrency(storeFixture("jsonld-no-product.html"), pageUrl)).toBeNull();
    // Dawn writes prices through Liquid's divided_by: 100.0, so "128.0".
    expect(ok(parseJsonLdListing(html, { pageUrl: "https://woolly.example.ca/products/mens-wool-runners" })).listing).toMatchObject({
      price: "128.00",
      available: true,
    });
  });
});

describe("entity decoding happens once", () => {
  test("a doubly escaped name keeps one level", () => {
    const html = page(product({ name: "Tom &amp;amp; Jerry" }));
    expect(ok(parse(html)).listing.title).toBe("Tom &amp; Jerry");
  });
});
