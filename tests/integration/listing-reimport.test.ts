import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { loader as draftLoader } from "~/routes/import.$id";
import { action as importAction } from "~/routes/import._index";
import { addToCart, getCart } from "~/services/cart.server";
import { importListing } from "~/services/listing-import.server";
import { refreshPrices } from "~/services/price-refresh.server";
import { db } from "~/utils/db.server";
import { storeFixtureJson } from "../fixtures/stores/load";
import { server } from "../mocks/server";
import { shopifyStore } from "../mocks/stores";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";
import { seedPricing } from "./pricing-fixtures";

// Re-importing a link that is already a listing. The probe: any shopper re-importing a published
// listing's link deleted and recreated its variants (every cart holding one turned unavailable) and
// landed on a 404 (the import page is the importer's). Now variants are updated in place, a shopper is
// sent to the listing, and only the draft's importer or staff refresh a draft.

type Variant = Record<string, unknown> & { id: number; title: string; sku: string; price: string };
const product = storeFixtureJson<{ product: Record<string, unknown> & { handle: string; variants: Variant[] } }>(
  "shopify-product.json",
).product;
const js = storeFixtureJson<Record<string, unknown>>("shopify-product.js.json");
const ORIGIN = "https://reimport-store.example.com";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeAll(async () => {
  await seedPricing(db, new Date().toISOString());
  await db.category.create({ data: { slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 } });
  await db.store.create({
    data: { slug: "reimport-store", name: "Reimport Store", country: "US", currency: "USD", platform: "SHOPIFY", baseUrl: ORIGIN },
  });
});

/** The store serves the product under a handle of its own, with these variants. */
function serve(handle: string, variants: Variant[]) {
  server.use(...shopifyStore({ origin: ORIGIN, products: [{ handle, json: { ...product, handle, variants }, js }] }));
}

const importAs = (cookie: string, handle: string) =>
  respond(() => importAction(args(formRequest("/import", { url: `${ORIGIN}/products/${handle}` }, { cookie }))));

async function variantsOf(listingId: string) {
  return db.listingVariant.findMany({
    where: { listingId },
    select: { id: true, sku: true, price: true, available: true, title: true, titleZh: true },
    orderBy: { position: "asc" },
  });
}

/** A product a shopper imported and an agent published, with a shopper holding its first variant in the cart. */
async function publishedInACart() {
  const handle = `runner-${crypto.randomUUID().slice(0, 8)}`;
  serve(handle, product.variants);
  const importer = await createTestUser("SHOPPER");
  const imported = await importAs(importer.cookie, handle);
  const id = imported.headers.get("Location")?.split("/").pop() ?? "";
  await db.listing.update({ where: { id }, data: { status: "PUBLISHED", localizationStatus: "REVIEWED" } });
  const buyer = await createTestUser("SHOPPER");
  const [first] = await variantsOf(id);
  expect(await addToCart(buyer.id, id, first?.id, 1)).toEqual({ ok: true });
  return { handle, id, importer, buyer, variants: await variantsOf(id) };
}

describe("re-importing a published listing", () => {
  test("another shopper re-importing its link is sent to the listing; the carts holding it stay buyable", async () => {
    const { handle, id, buyer, variants } = await publishedInACart();
    const stranger = await createTestUser("SHOPPER");
    const again = await importAs(stranger.cookie, handle);
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/listings/${id}`);
    expect(await variantsOf(id)).toEqual(variants);
    const cart = await getCart(buyer.id);
    expect(cart.lines.map((line) => [line.variant?.id, line.buyable])).toEqual([[variants[0]?.id, true]]);
    // The import page's old link is not a dead end either.
    const page = await respond(() => draftLoader(args(getRequest(`/import/${id}`, stranger.cookie), { id })));
    expect([page.status, page.headers.get("Location")]).toEqual([302, `/listings/${id}`]);
  });

  test("an agent's re-import after the store changed updates variants in place: same ids, new ones added, a vanished one in a cart kept unavailable", async () => {
    const { handle, id, buyer, variants } = await publishedInACart();
    const [held, , kept] = product.variants as [Variant, Variant, Variant];
    // Reordered and repriced, "9 / Natural Grey" (in no cart) dropped, "11 / Black" new.
    serve(handle, [
      { ...kept, price: "110.00" },
      { ...held, available: true, price: "99.00" },
      { ...kept, id: 9001, title: "11 / Black", sku: "WR-BK-11", price: "105.00" },
    ]);
    const agent = await createTestUser("AGENT");
    expect((await importAs(agent.cookie, handle)).headers.get("Location")).toBe(`/import/${id}`);
    const after = await variantsOf(id);
    const bySku = new Map(after.map((variant) => [variant.sku, variant]));
    expect(bySku.get("WR-NG-08")?.id).toBe(variants[0]?.id);
    expect(bySku.get("WR-BK-10")).toMatchObject({ id: variants[2]?.id, price: "110.00" });
    expect(bySku.get("WR-BK-11")).toMatchObject({ price: "105.00", available: true });
    expect(bySku.has("WR-NG-09")).toBe(false);
    // A reviewed listing keeps its variants' Chinese titles.
    expect(bySku.get("WR-NG-08")?.titleZh).toBe(variants[0]?.titleZh);
    expect((await getCart(buyer.id)).lines.map((line) => line.buyable)).toEqual([true]);

    // Now the store drops the variant a cart holds (the CLI's re-import).
    serve(handle, [{ ...kept, price: "110.00" }]);
    const outcome = await importListing(`${ORIGIN}/products/${handle}`);
    expect(outcome).toMatchObject({ ok: true, created: false, refreshed: true });
    const last = await variantsOf(id);
    expect(last.map((variant) => [variant.sku, variant.available])).toEqual([
      ["WR-BK-10", true],
      ["WR-NG-08", false],
    ]);
    expect(last.find((variant) => variant.sku === "WR-NG-08")?.id).toBe(variants[0]?.id);
    // The cart says the truth: that option is no longer sold, not a vanished line.
    expect((await getCart(buyer.id)).lines.map((line) => [line.variant?.id, line.buyable])).toEqual([[variants[0]?.id, false]]);
  });

  test("the scheduled price refresh also keeps variant ids when a variant's price moves", async () => {
    const { handle, id, buyer, variants } = await publishedInACart();
    serve(
      handle,
      product.variants.map((variant) => ({ ...variant, price: "101.00" })),
    );
    await refreshPrices({ storeSlug: "reimport-store" });
    const after = await variantsOf(id);
    expect(after.map((variant) => variant.id)).toEqual(variants.map((variant) => variant.id));
    expect(after.map((variant) => variant.price)).toEqual(["101.00", "101.00", "101.00"]);
    expect((await getCart(buyer.id)).lines.map((line) => line.buyable)).toEqual([true]);
  });
});

describe("re-importing a draft", () => {
  test("only its importer or an agent refreshes it; another shopper gets a clear message and never the draft", async () => {
    const handle = `runner-${crypto.randomUUID().slice(0, 8)}`;
    serve(handle, product.variants);
    const importer = await createTestUser("SHOPPER");
    const id = (await importAs(importer.cookie, handle)).headers.get("Location")?.split("/").pop() ?? "";
    const before = await db.listing.findUniqueOrThrow({ where: { id }, select: { price: true, importedById: true } });
    expect(before.importedById).toBe(importer.id);

    serve(
      handle,
      product.variants.map((variant) => ({ ...variant, price: "130.00" })),
    );
    const stranger = await createTestUser("SHOPPER");
    const refused = await importAs(stranger.cookie, handle);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: Record<string, string[]> }).error.url).toEqual(["catalog:import.codes.IMPORTED_BY_OTHER"]);
    expect(await db.listing.findUniqueOrThrow({ where: { id }, select: { price: true, importedById: true } })).toEqual(before);
    expect((await respond(() => draftLoader(args(getRequest(`/import/${id}`, stranger.cookie), { id })))).status).toBe(404);

    const own = await importAs(importer.cookie, handle);
    expect(own.headers.get("Location")).toBe(`/import/${id}`);
    expect((await db.listing.findUniqueOrThrow({ where: { id } })).price).toBe("130.00");

    serve(
      handle,
      product.variants.map((variant) => ({ ...variant, price: "140.00" })),
    );
    const agent = await createTestUser("AGENT");
    expect((await importAs(agent.cookie, handle)).headers.get("Location")).toBe(`/import/${id}`);
    expect(await db.listing.findUniqueOrThrow({ where: { id }, select: { price: true, importedById: true } })).toEqual({
      price: "140.00",
      importedById: importer.id,
    });
  });
});
