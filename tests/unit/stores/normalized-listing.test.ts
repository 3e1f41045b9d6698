import { describe, expect, test } from "vitest";
import { finalizeListing, normalizedListingSchema, type ListingDraft } from "~/domain/catalog/normalized-listing";

const draft = (extra: Partial<ListingDraft> = {}): ListingDraft => ({
  sourceUrl: "https://shop.example.com/products/mug",
  platform: "SHOPIFY",
  storeOrigin: "https://shop.example.com",
  storeName: null,
  title: "Mug",
  description: "",
  currency: "USD",
  images: [],
  variants: [{ title: "Default", price: "10.00", available: true, sku: null, weightGrams: 300 }],
  productType: null,
  vendor: null,
  tags: [],
  ...extra,
});

const variant = (price: string, available: boolean, weightGrams: number | null = null) => ({
  title: price,
  price,
  available,
  sku: null,
  weightGrams,
});

describe("the normalized listing", () => {
  test("price, availability and weight follow the variants", () => {
    const result = finalizeListing(
      draft({ variants: [variant("12.00", true, 500), variant("9.00", false, 400), variant("10.50", true, null)] }),
    );
    expect(result).toMatchObject({ ok: true, listing: { price: "10.50", available: true, weightGrams: 500, dimensionsCm: null } });
    expect(finalizeListing(draft({ variants: [variant("12.00", false, 500), variant("9.00", false, 400)] }))).toMatchObject({
      ok: true,
      listing: { price: "9.00", available: false, weightGrams: 400 },
    });
  });

  test("blank strings become null, tags are de-duplicated, images de-duplicated and capped", () => {
    const images = [...Array.from({ length: 14 }, (_, index) => `https://cdn.example.com/${index}.jpg`), "https://cdn.example.com/0.jpg"];
    const result = finalizeListing(
      draft({
        vendor: "  ",
        productType: "",
        storeName: " Shop ",
        tags: ["a", " a ", "", "b"],
        images,
        variants: [{ ...variant("1.00", true), sku: "" }],
      }),
    );
    expect(result).toMatchObject({ ok: true, listing: { vendor: null, productType: null, storeName: "Shop", tags: ["a", "b"] } });
    if (result.ok) {
      expect(result.listing.images).toHaveLength(12);
      expect(result.listing.variants[0]?.sku).toBeNull();
    }
  });

  test("a very long description is cut, not refused", () => {
    const result = finalizeListing(draft({ description: "x".repeat(20_000) }));
    expect(result.ok && result.listing.description.length).toBe(10_000);
  });

  test.each([
    ["a negative price", { variants: [variant("-1.00", true)] }, "variants.0.price"],
    ["an ambiguous price kept as written", { variants: [variant("9.00", true), variant("1,299", true)] }, "variants.1.price"],
    ["no variants", { variants: [] }, "variants"],
    ["an empty title", { title: "  " }, "title"],
    ["a lower-case currency", { currency: "usd" }, "currency"],
    ["a source URL on another origin", { sourceUrl: "https://elsewhere.example.com/p" }, "sourceUrl"],
    ["a store origin with a path", { storeOrigin: "https://shop.example.com/shop" }, "storeOrigin"],
    ["a non-web image", { images: ["ftp://cdn.example.com/a.jpg"] }, "images.0"],
    ["a zero weight", { variants: [variant("1.00", true, 0)] }, "variants.0.weightGrams"],
  ])("refuses %s", (_label, extra, path) => {
    const result = finalizeListing(draft(extra as Partial<ListingDraft>));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(path);
  });

  test("the schema itself checks the derived fields", () => {
    const result = finalizeListing(draft({ variants: [variant("12.00", true), variant("9.00", true)] }));
    if (!result.ok) throw new Error(result.message);
    expect(normalizedListingSchema.safeParse({ ...result.listing, price: "12.00" }).success).toBe(false);
    expect(normalizedListingSchema.safeParse({ ...result.listing, available: false }).success).toBe(false);
    expect(normalizedListingSchema.safeParse({ ...result.listing, extra: 1 }).success).toBe(false);
    expect(normalizedListingSchema.safeParse(result.listing).success).toBe(true);
  });
});

describe("entities are the adapters' business", () => {
  test("finalizing only collapses whitespace: it never decodes entities a second time", () => {
    const result = finalizeListing(draft({ title: "  Tom &amp; Jerry\n Mug " }));
    expect(result).toMatchObject({ ok: true, listing: { title: "Tom &amp; Jerry Mug" } });
  });
});
