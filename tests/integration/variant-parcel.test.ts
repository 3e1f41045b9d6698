import { beforeAll, describe, expect, test } from "vitest";
import { toFen, type QuoteRequest } from "~/domain/landed-cost";
import { action as reviewAction } from "~/routes/agent.review.$id";
import { action as quoteApi } from "~/routes/api.quotes";
import { loader as quotePage } from "~/routes/quote";
import { addToCart, getCart, quoteCart } from "~/services/cart.server";
import { getCheckout } from "~/services/checkout.server";
import { importListing } from "~/services/listing-import.server";
import { recomputeAllListingPrices, recomputeListingPrices } from "~/services/listing-prices.server";
import { quoteListingById } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import { storeFixtureJson } from "../fixtures/stores/load";
import { server } from "../mocks/server";
import { shopifyStore } from "../mocks/stores";
import { formRequest, respond } from "./helpers";
import { createListing, seedOrderWorld, sessionUser, US_POSTAL } from "./order-fixtures";

// Issue 18: a variant carries its own weight and size (the 3-bag pack is not the single bag), and
// every quote of it follows: the listing's precomputed price, the cart, the checkout's locked quote,
// the calculator opened from the listing, and the import that writes the variants.

let storeId = "";
let listingId = "";
const ids = { single: "", pack: "" };

beforeAll(async () => {
  ({ storeId } = await seedOrderWorld());
  const listing = await createListing(storeId, { price: "20.00", weightGrams: 300 });
  listingId = listing.id;
  await db.listing.update({ where: { id: listingId }, data: { lengthCm: 20, widthCm: 15, heightCm: 5 } });
  const single = await db.listingVariant.create({
    data: { listingId, title: "1 bag", titleZh: "1 袋", price: "20.00", position: 0 },
  });
  // 3 bags in a 40 x 30 x 20 cm box: 24,000 cm³, 4 kg volumetric on the 6000 cm³/kg postal line.
  const pack = await db.listingVariant.create({
    data: {
      listingId,
      title: "3 bags",
      titleZh: "3 袋",
      price: "20.00",
      weightGrams: 900,
      lengthCm: 40,
      widthCm: 30,
      heightCm: 20,
      position: 1,
    },
  });
  ids.single = single.id;
  ids.pack = pack.id;
});

async function checkoutRequest(variantId: string) {
  const shopper = await sessionUser("SHOPPER");
  const added = await addToCart(shopper.id, listingId, variantId, 1);
  if (!added.ok) throw new Error(added.error);
  const cart = await getCart(shopper.id);
  const cartQuote = await quoteCart(shopper.id, cart);
  if (!cartQuote?.outcome.ok) throw new Error("the cart did not quote");
  const checkout = await getCheckout(shopper, { lineCode: US_POSTAL });
  if (!checkout.locked) throw new Error("no locked quote");
  const stored = await db.quote.findUniqueOrThrow({ where: { id: checkout.locked.id }, select: { request: true } });
  return { cart: cartQuote.outcome.quote, locked: checkout.locked, request: JSON.parse(stored.request) as QuoteRequest };
}

describe("a variant with its own weight and size", () => {
  test("the cart and the checkout quote the chosen variant's parcel, the single bag the listing's", async () => {
    const single = await checkoutRequest(ids.single);
    const pack = await checkoutRequest(ids.pack);
    expect(single.request.items[0]).toMatchObject({ weightGrams: 300, dimensionsCm: [20, 15, 5] });
    expect(pack.request.items[0]).toMatchObject({ weightGrams: 900, dimensionsCm: [40, 30, 20] });
    expect(single.cart.chargeableWeightGrams).toBe(300);
    expect(pack.cart.chargeableWeightGrams).toBe(4000);
    // Same price, so the difference is all shipping.
    expect(pack.locked.totalFen).toBeGreaterThan(single.locked.totalFen);
  });

  test("the listing's precomputed price is its default variant's", async () => {
    const before = await quoteListingById(listingId);
    await db.listingVariant.update({ where: { id: ids.single }, data: { available: false } });
    const after = await quoteListingById(listingId);
    // The full recompute (raw SQL pages) and the per-listing one store the same number.
    await recomputeListingPrices([listingId]);
    const one = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { landedFen: true } });
    await db.listing.update({ where: { id: listingId }, data: { landedFen: null } });
    await recomputeAllListingPrices();
    const all = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { landedFen: true } });
    await db.listingVariant.update({ where: { id: ids.single }, data: { available: true } });
    if (!before?.outcome.ok || !after?.outcome.ok) throw new Error("no quote");
    expect(before.outcome.quote.chargeableWeightGrams).toBe(300);
    expect(after.outcome.quote.chargeableWeightGrams).toBe(4000);
    expect(one.landedFen).toBe(toFen(after.outcome.quote.total));
    expect(all.landedFen).toBe(one.landedFen);
  });
});

type Opened = {
  status: number;
  location: string | null;
  data: { prefillError?: string; results?: { ok: boolean; quotes?: unknown[] } | null } | null;
};

async function openQuote(query: string): Promise<Opened> {
  try {
    const response = await quotePage({ request: new Request(`http://localhost/quote?${query}`), params: {}, context: {} });
    return {
      status: response.status,
      location: response.headers.get("Location"),
      data: (await response.json().catch(() => null)) as Opened["data"],
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    throw thrown;
  }
}

describe("compare every line: the calculator filled in for a listing", () => {
  test("the chosen variant and quantity become the form's query, quoted at once", async () => {
    const opened = await openQuote(`listing=${listingId}&variant=${ids.pack}&quantity=2`);
    expect(opened.status).toBe(302);
    const query = new URL(opened.location ?? "", "http://localhost").searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      "items[0].price": "20",
      "items[0].currency": "USD",
      "items[0].quantity": "2",
      "items[0].weightGrams": "900",
      "items[0].lengthCm": "40",
      "items[0].widthCm": "30",
      "items[0].heightCm": "20",
      "items[0].taxCategory": "electronics",
      origin: "US",
    });
    expect(query.get("items[0].title")).toMatch(/3 袋/);
    const quoted = await openQuote(query.toString());
    expect(quoted.status).toBe(200);
    expect(quoted.data?.results?.ok).toBe(true);
    expect(quoted.data?.results?.quotes?.length).toBeGreaterThan(1);
  });

  test("bad or unknown parameters get a clear message, never a 500", async () => {
    for (const [query, message] of [
      ["listing=", "product:compare.errors.listing"],
      ["listing=a%20b", "product:compare.errors.listing"],
      [`listing=${"x".repeat(65)}`, "product:compare.errors.listing"],
      [`listing=${listingId}&quantity=0`, "product:compare.errors.quantity"],
      [`listing=${listingId}&quantity=1e2`, "product:compare.errors.quantity"],
      [`listing=${listingId}&variant=%3Cb%3E`, "product:compare.errors.variant"],
    ] as const) {
      const opened = await openQuote(query);
      expect({ query, status: opened.status, error: opened.data?.prefillError }).toEqual({ query, status: 400, error: message });
    }
    const unknown = await openQuote("listing=nope");
    expect({ status: unknown.status, error: unknown.data?.prefillError }).toEqual({
      status: 404,
      error: "product:compare.errors.notFound",
    });
    // A variant the listing does not have falls back to its default one, as the listing page does.
    const otherVariant = await openQuote(`listing=${listingId}&variant=gone`);
    expect(new URL(otherVariant.location ?? "", "http://localhost").searchParams.get("items[0].weightGrams")).toBe("300");
  });
});

describe("importing", () => {
  type ShopifyJson = { product: Record<string, unknown> & { handle: string } };
  test("each variant keeps the weight its store gives, and a re-import keeps an agent's weight and size", async () => {
    const origin = "https://variant-weights.example.com";
    await db.category.create({ data: { slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 } });
    await db.store.create({
      data: { slug: "variant-weights", name: "Variant Weights", country: "US", currency: "USD", platform: "SHOPIFY", baseUrl: origin },
    });
    const json = storeFixtureJson<ShopifyJson>("shopify-product.json").product;
    const js = storeFixtureJson<Record<string, unknown>>("shopify-product.js.json");
    server.use(...shopifyStore({ origin, products: [{ handle: json.handle, json, js }] }));
    const outcome = await importListing(`${origin}/products/${json.handle}`);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const variants = await db.listingVariant.findMany({
      where: { listingId: outcome.listing.id },
      select: { sku: true, weightGrams: true },
      orderBy: { position: "asc" },
    });
    // The fixture's first variant says 0 g (nobody weighed it): unknown, never free shipping.
    expect(variants).toEqual([
      { sku: "WR-NG-08", weightGrams: null },
      { sku: "WR-NG-09", weightGrams: 680 },
      { sku: "WR-BK-10", weightGrams: 726 },
    ]);
    // An agent weighs the one the store left at 0 g and measures it; a re-import keeps both.
    await db.listingVariant.updateMany({
      where: { listingId: outcome.listing.id, sku: "WR-NG-08" },
      data: { weightGrams: 700, lengthCm: 33, widthCm: 22, heightCm: 12 },
    });
    const again = await importListing(`${origin}/products/${json.handle}`);
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(
      await db.listingVariant.findFirstOrThrow({
        where: { listingId: outcome.listing.id, sku: "WR-NG-08" },
        select: { weightGrams: true, lengthCm: true, widthCm: true, heightCm: true },
      }),
    ).toEqual({ weightGrams: 700, lengthCm: 33, widthCm: 22, heightCm: 12 });
  });
});

describe("an agent edits a variant's weight and size where they review the listing", () => {
  test("saved for the listing's own variants, half a size refused, the list price recomputed", async () => {
    const agent = await sessionUser("AGENT");
    const listing = await createListing(storeId, { price: "20.00", weightGrams: 300 });
    const variant = await db.listingVariant.create({
      data: { listingId: listing.id, title: "6 bags", titleZh: "6 袋", price: "20.00", position: 0 },
    });
    const base = { titleZh: "六袋装耳机", descriptionZh: "六袋装", categorySlug: "audio", weightGrams: "300", intent: "save" };
    const post = (fields: Record<string, string>) =>
      respond(() =>
        reviewAction({
          request: formRequest(`/agent/review/${listing.id}`, { ...base, ...fields }, { cookie: agent.cookie }),
          params: { id: listing.id },
          context: {},
        }),
      );
    const half = await post({ "variants[0].id": variant.id, "variants[0].weightGrams": "1800", "variants[0].lengthCm": "40" });
    expect(half.status).toBe(400);
    expect(JSON.stringify(await half.json())).toContain("product:variant.errors.sizeAll");
    // Another listing's variant named in the form is left alone.
    const saved = await post({
      "variants[0].id": variant.id,
      "variants[0].weightGrams": "1800",
      "variants[0].lengthCm": "40",
      "variants[0].widthCm": "30",
      "variants[0].heightCm": "20",
      "variants[1].id": ids.pack,
      "variants[1].weightGrams": "1",
    });
    expect(saved.status).toBe(302);
    expect(
      await db.listingVariant.findUniqueOrThrow({
        where: { id: variant.id },
        select: { weightGrams: true, lengthCm: true, widthCm: true, heightCm: true },
      }),
    ).toEqual({
      weightGrams: 1800,
      lengthCm: 40,
      widthCm: 30,
      heightCm: 20,
    });
    expect((await db.listingVariant.findUniqueOrThrow({ where: { id: ids.pack }, select: { weightGrams: true } })).weightGrams).toBe(900);
    const quoted = await quoteListingById(listing.id);
    if (!quoted?.outcome.ok) throw new Error("no quote");
    expect(quoted.outcome.quote.chargeableWeightGrams).toBe(4000);
  });
});

describe("POST /api/quotes naming a listing and its variant", () => {
  const post = async (body: unknown) => {
    const request = new Request("http://localhost/api/quotes", {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-client-ip": "198.51.100.18" },
      body: JSON.stringify(body),
    });
    const response = await quoteApi({ request, params: {}, context: {} });
    return {
      status: response.status,
      body: (await response.json()) as {
        chargeableWeightGrams?: number;
        total?: string;
        error?: { code: string; details?: { fields: string[] } };
      },
    };
  };

  test("quotes the chosen variant's weight and size, the default variant without one", async () => {
    const single = await post({ listing: { id: listingId } });
    const pack = await post({ listing: { id: listingId, variant: ids.pack, quantity: 1 }, context: { shippingLine: US_POSTAL } });
    expect(single).toMatchObject({ status: 200, body: { chargeableWeightGrams: 300 } });
    expect(pack).toMatchObject({ status: 200, body: { chargeableWeightGrams: 4000 } });
    const two = await post({ listing: { id: listingId, variant: ids.pack, quantity: 2 }, context: { shippingLine: US_POSTAL } });
    expect(two.body.chargeableWeightGrams).toBe(8000);
  });

  test("a bad or unknown listing is a 400 naming the field", async () => {
    for (const body of [
      { listing: { id: "" } },
      { listing: { id: listingId, quantity: 0 } },
      { listing: { id: listingId, extra: 1 } },
      { listing: { id: "nope" } },
    ])
      expect((await post(body)).status).toBe(400);
    expect((await post({ listing: { id: "nope" } })).body.error?.details?.fields).toEqual(["listing.id"]);
    expect((await post({ listing: { id: listingId }, request: { items: [] } })).body.error?.code).toBe("INVALID_INPUT");
  });
});
