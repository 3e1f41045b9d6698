import { describe, expect, test } from "vitest";
import {
  parseShopifyCartCurrency,
  parseShopifyProductJs,
  parseShopifyProductJson,
  readShopifyAvailability,
  readShopifyProductsPage,
  normalizeShopifyJsonProduct,
  shopifyHandle,
} from "~/integrations/stores/parse-shopify";
import { storeFixture } from "../../fixtures/stores/load";

const origin = "https://woolly.example.com";
const productJson = storeFixture("shopify-product.json");
const productJs = storeFixture("shopify-product.js.json");

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

describe("Shopify links", () => {
  test.each([
    ["https://s.example.com/products/wool-runner", "wool-runner"],
    ["https://s.example.com/collections/men/products/wool-runner?variant=1", "wool-runner"],
    ["https://s.example.com/en-ca/products/wool-runner/", "wool-runner"],
    ["https://s.example.com/products/wool-runner.json", "wool-runner"],
    ["https://s.example.com/products/wool-runner.js", "wool-runner"],
    ["https://s.example.jp/products/%E3%81%BB%E3%81%86%E3%81%98%E8%8C%B6", "%E3%81%BB%E3%81%86%E3%81%98%E8%8C%B6"],
    ["https://s.example.com/collections/men", null],
    ["https://s.example.com/products", null],
  ])("%s → %s", (url, handle) => {
    expect(shopifyHandle(new URL(url))).toBe(handle);
  });
});

describe("/products/<handle>.json", () => {
  test("normalizes the product; weights in lb become grams, a 0 weight is unknown", () => {
    const { listing } = ok(parseShopifyProductJson(productJson, { origin, currency: "USD" }));
    expect(listing).toMatchObject({
      sourceUrl: "https://woolly.example.com/products/mens-wool-runners",
      platform: "SHOPIFY",
      storeOrigin: origin,
      storeName: null,
      title: "Men's Wool Runners",
      currency: "USD",
      price: "98.00",
      available: true,
      dimensionsCm: null,
      productType: "Shoes",
      vendor: "Woolly Co.",
      tags: ["Men", "Shoes", "Wool", "YGroup_wool-runner"],
    });
    // &nbsp; is whitespace like any other once the markup is gone.
    expect(listing.description).toBe("Our softest sneaker & the one that started it all.\n\n• ZQ Merino wool upper\n\n• Machine washable");
    expect(listing.variants).toEqual([
      { title: "8 / Natural Grey", price: "98.00", available: true, sku: "WR-NG-08", weightGrams: null },
      { title: "9 / Natural Grey", price: "98.00", available: true, sku: "WR-NG-09", weightGrams: 680 },
      { title: "10 / Black", price: "105.00", available: true, sku: "WR-BK-10", weightGrams: 726 },
    ]);
    // The cheapest variant has no weight: the heaviest stated one is quoted rather than none.
    expect(listing.weightGrams).toBe(726);
    // Two distinct images; the third repeats the first.
    expect(listing.images).toEqual([
      "https://cdn.shopify.com/s/files/1/0612/5334/0061/products/WR-NG.png?v=1646158372",
      "https://cdn.shopify.com/s/files/1/0612/5334/0061/products/WR-BK.png?v=1646158372",
    ]);
  });

  test("availability the .json leaves out comes from the .js document", () => {
    const availability = readShopifyAvailability(productJs);
    expect(availability).toEqual(
      new Map([
        ["41982373200989", true],
        ["41982373233757", false],
        ["41982373266525", true],
      ]),
    );
    const { listing } = ok(parseShopifyProductJson(productJson, { origin, currency: "USD", availability: availability ?? undefined }));
    expect(listing.variants.map((variant) => variant.available)).toEqual([true, false, true]);
    expect(listing.price).toBe("98.00");
  });

  test("the lowest available price wins; with none available, the lowest overall", () => {
    const product = JSON.parse(productJson) as { product: { variants: { price: string }[] } };
    product.product.variants[0]!.price = "120.00";
    const someSoldOut = new Map([
      ["41982373200989", true],
      ["41982373233757", false],
      ["41982373266525", true],
    ]);
    expect(
      ok(parseShopifyProductJson(JSON.stringify(product), { origin, currency: "USD", availability: someSoldOut })).listing,
    ).toMatchObject({ price: "105.00", available: true, weightGrams: 726 });
    const allSoldOut = new Map([
      ["41982373200989", false],
      ["41982373233757", false],
      ["41982373266525", false],
    ]);
    expect(
      ok(parseShopifyProductJson(JSON.stringify(product), { origin, currency: "USD", availability: allSoldOut })).listing,
    ).toMatchObject({ price: "98.00", available: false, weightGrams: 680 });
  });

  test('a single variant\'s "Default Title" becomes "Default"; an empty sku is none', () => {
    const page = readShopifyProductsPage(storeFixture("shopify-products-page.json"));
    const socks = page?.find((product) => product.handle === "wool-socks");
    const { listing } = ok(normalizeShopifyJsonProduct(socks!, { origin, currency: "USD" }));
    expect(listing.variants).toEqual([{ title: "Default", price: "14.00", available: true, sku: null, weightGrams: 57 }]);
    expect(listing).toMatchObject({ description: "", images: [], tags: [], weightGrams: 57 });
  });

  test("weights in kg and oz when grams is 0", () => {
    const product = JSON.parse(productJson) as { product: { variants: Record<string, unknown>[] } };
    Object.assign(product.product.variants[0]!, { grams: 0, weight: 1.2, weight_unit: "kg" });
    Object.assign(product.product.variants[1]!, { grams: 0, weight: 8, weight_unit: "oz" });
    Object.assign(product.product.variants[2]!, { grams: 0, weight: 0, weight_unit: "g" });
    const { listing } = ok(parseShopifyProductJson(JSON.stringify(product), { origin, currency: "USD" }));
    expect(listing.variants.map((variant) => variant.weightGrams)).toEqual([1200, 227, null]);
  });

  test('the currency is a parameter: a JPY store\'s "1200.00" is 1200', () => {
    const product = JSON.parse(productJson) as { product: { variants: { price: string }[] } };
    product.product.variants.forEach((variant) => (variant.price = "1200.00"));
    expect(ok(parseShopifyProductJson(JSON.stringify(product), { origin, currency: "JPY" })).listing).toMatchObject({
      currency: "JPY",
      price: "1200",
    });
  });

  test("a negative price is an invalid product; another JSON is an unexpected shape", () => {
    const product = JSON.parse(productJson) as { product: { variants: { price: string }[] } };
    product.product.variants[1]!.price = "-5.00";
    const invalid = parseShopifyProductJson(JSON.stringify(product), { origin, currency: "USD" });
    expect(invalid).toMatchObject({ ok: false, error: { code: "INVALID_PRODUCT", message: expect.stringContaining("variants.1.price") } });
    expect(parseShopifyProductJson(storeFixture("other-shape.json"), { origin, currency: "USD" })).toMatchObject({
      ok: false,
      error: { code: "UNEXPECTED_SHAPE" },
    });
    expect(parseShopifyProductJson("<html>", { origin, currency: "USD" })).toMatchObject({
      ok: false,
      error: { code: "UNEXPECTED_SHAPE" },
    });
    expect(parseShopifyProductJson('{"product":{"title":"x","variants":[]}}', { origin, currency: "USD" })).toMatchObject({
      ok: false,
      error: { code: "UNEXPECTED_SHAPE" },
    });
  });

  test("an unknown currency code fails validation rather than being stored", () => {
    expect(parseShopifyProductJson(productJson, { origin, currency: "usd" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PRODUCT", message: expect.stringContaining("currency") },
    });
  });
});

describe("/products/<handle>.js", () => {
  test("prices in hundredths, protocol-relative images, weights in grams", () => {
    const { listing } = ok(parseShopifyProductJs(productJs, { origin, currency: "USD" }));
    expect(listing).toMatchObject({
      sourceUrl: `${origin}/products/mens-wool-runners`,
      price: "98.00",
      available: true,
      weightGrams: 726,
      productType: "Shoes",
      tags: ["Men", "Shoes", "Wool", "YGroup_wool-runner"],
    });
    expect(listing.variants).toEqual([
      { title: "8 / Natural Grey", price: "98.00", available: true, sku: "WR-NG-08", weightGrams: null },
      { title: "9 / Natural Grey", price: "98.00", available: false, sku: "WR-NG-09", weightGrams: 680 },
      { title: "10 / Black", price: "105.00", available: true, sku: "WR-BK-10", weightGrams: 726 },
    ]);
    expect(listing.images[0]).toBe("https://cdn.shopify.com/s/files/1/0612/5334/0061/products/WR-NG.png?v=1646158372");
  });

  test("the same product reads the same through .json and .js", () => {
    const fromJson = ok(
      parseShopifyProductJson(productJson, { origin, currency: "USD", availability: readShopifyAvailability(productJs) ?? undefined }),
    ).listing;
    const fromJs = ok(parseShopifyProductJs(productJs, { origin, currency: "USD" })).listing;
    expect(fromJs.variants).toEqual(fromJson.variants);
    expect(fromJs.price).toBe(fromJson.price);
    expect(fromJs.description).toBe(fromJson.description);
  });

  test.each([
    ["USD", 9800, "98.00"],
    ["EUR", 1999, "19.99"],
    ["JPY", 120000, "1200"],
    ["KRW", 1500000, "15000"],
    ["KWD", 1250, "12.500"],
  ])("%s %s → %s", (currency, price, expected) => {
    const product = JSON.parse(productJs) as { variants: { price: number }[] };
    product.variants.forEach((variant) => (variant.price = price));
    expect(ok(parseShopifyProductJs(JSON.stringify(product), { origin, currency })).listing.price).toBe(expected);
  });

  test("a price Shopify could not have written is an invalid product", () => {
    const product = JSON.parse(productJs) as { variants: { price: number }[] };
    product.variants[0]!.price = -100;
    expect(parseShopifyProductJs(JSON.stringify(product), { origin, currency: "USD" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PRODUCT" },
    });
  });
});

describe("/products.json and /cart.js", () => {
  test("a page of products; tags as an array, availability per variant", () => {
    const page = readShopifyProductsPage(storeFixture("shopify-products-page.json"));
    expect(page?.map((product) => product.handle)).toEqual(["mens-wool-runners", "wool-socks"]);
    const { listing } = ok(normalizeShopifyJsonProduct(page![0]!, { origin, currency: "USD" }));
    expect(listing).toMatchObject({ price: "105.00", available: true, tags: ["Men", "Shoes", "Wool"] });
    expect(listing.variants[0]).toMatchObject({ available: false, weightGrams: null });
  });

  test("an empty page is a page; another document is not; an odd product is dropped", () => {
    expect(readShopifyProductsPage('{"products":[]}')).toEqual([]);
    expect(readShopifyProductsPage(storeFixture("other-shape.json"))).toBeNull();
    expect(readShopifyProductsPage('{"products":[{"title":"no variants"}]}')).toEqual([]);
  });

  test("the cart's currency", () => {
    expect(parseShopifyCartCurrency(storeFixture("shopify-cart.json"))).toBe("USD");
    expect(parseShopifyCartCurrency('{"currency":"jpy"}')).toBe("JPY");
    expect(parseShopifyCartCurrency('{"currency":"dollars"}')).toBeNull();
    expect(parseShopifyCartCurrency("<html></html>")).toBeNull();
  });
});
