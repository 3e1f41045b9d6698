import { beforeAll, describe, expect, test } from "vitest";
import { action as reviewAction, loader as reviewLoader } from "~/routes/agent.review.$id";
import { loader as queueLoader } from "~/routes/agent.review._index";
import { loader as draftLoader } from "~/routes/import.$id";
import { action as importAction } from "~/routes/import._index";
import { db } from "~/utils/db.server";
import { storeFixtureJson } from "../fixtures/stores/load";
import { server } from "../mocks/server";
import { shopifyStore } from "../mocks/stores";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";
import { seedPricing } from "./pricing-fixtures";

const product = storeFixtureJson<{ product: Record<string, unknown> & { handle: string } }>("shopify-product.json").product;
const js = storeFixtureJson<Record<string, unknown>>("shopify-product.js.json");
const ORIGIN = "https://route-store.example.com";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeAll(async () => {
  await seedPricing(db, new Date().toISOString());
  await db.category.create({ data: { slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 } });
  await db.store.create({
    data: { slug: "route-store", name: "Route Store", country: "US", currency: "USD", platform: "SHOPIFY", baseUrl: ORIGIN },
  });
});

describe("the import page", () => {
  test("guests are sent to log in; bad links get a field error and nothing is written", async () => {
    const guest = await respond(() => importAction(args(formRequest("/import", { url: `${ORIGIN}/products/x` }))));
    expect(guest.headers.get("Location")).toMatch(/^\/login/);
    const shopper = await createTestUser("SHOPPER");
    const before = await db.listing.count();
    const bad = await respond(() => importAction(args(formRequest("/import", { url: "javascript:alert(1)" }, { cookie: shopper.cookie }))));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: Record<string, string[]> }).error.url).toEqual(["catalog:import.errors.urlScheme"]);
    server.use(...shopifyStore({ origin: ORIGIN, products: [] }));
    const missing = await respond(() =>
      importAction(args(formRequest("/import", { url: `${ORIGIN}/products/nope` }, { cookie: shopper.cookie }))),
    );
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: Record<string, string[]> }).error.url).toEqual(["catalog:import.codes.NOT_FOUND"]);
    expect(await db.listing.count()).toBe(before);
  });

  test("a shopper's import becomes a draft only they and the agents can see; an agent publishes it", async () => {
    server.use(...shopifyStore({ origin: ORIGIN, products: [{ handle: product.handle, json: product, js }] }));
    const shopper = await createTestUser("SHOPPER");
    const other = await createTestUser("SHOPPER");
    const agent = await createTestUser("AGENT");
    const imported = await respond(() =>
      importAction(args(formRequest("/import", { url: `${ORIGIN}/products/${product.handle}` }, { cookie: shopper.cookie }))),
    );
    expect(imported.status).toBe(302);
    const id = imported.headers.get("Location")?.split("/").pop() ?? "";

    expect((await respond(() => draftLoader(args(getRequest(`/import/${id}`, shopper.cookie), { id })))).status).toBe(200);
    expect((await respond(() => draftLoader(args(getRequest(`/import/${id}`, other.cookie), { id })))).status).toBe(404);
    expect((await respond(() => queueLoader(args(getRequest("/agent/review", shopper.cookie))))).status).toBe(403);

    const queue = (await (await respond(() => queueLoader(args(getRequest("/agent/review", agent.cookie))))).json()) as {
      queue: { id: string }[];
    };
    expect(queue.queue.map((item) => item.id)).toContain(id);
    expect((await respond(() => reviewLoader(args(getRequest(`/agent/review/${id}`, agent.cookie), { id })))).status).toBe(200);

    const invalid = await respond(() =>
      reviewAction(
        args(
          formRequest(
            `/agent/review/${id}`,
            { intent: "publish", titleZh: "", descriptionZh: "好", categorySlug: "sports" },
            { cookie: agent.cookie },
          ),
          { id },
        ),
      ),
    );
    expect(invalid.status).toBe(400);
    expect((await db.listing.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");

    const published = await respond(() =>
      reviewAction(
        args(
          formRequest(
            `/agent/review/${id}`,
            {
              intent: "publish",
              titleZh: "男款羊毛跑鞋 Wool Runners",
              descriptionZh: "柔软透气的羊毛跑鞋。",
              categorySlug: "sports",
              weightGrams: "700",
            },
            { cookie: agent.cookie },
          ),
          { id },
        ),
      ),
    );
    expect(published.headers.get("Location")).toBe(`/listings/${id}`);
    const row = await db.listing.findUniqueOrThrow({
      where: { id },
      select: { status: true, localizationStatus: true, titleZh: true, weightGrams: true },
    });
    expect(row).toEqual({ status: "PUBLISHED", localizationStatus: "REVIEWED", titleZh: "男款羊毛跑鞋 Wool Runners", weightGrams: 700 });
    expect(await db.auditLog.count({ where: { entityId: id, action: "publish", actorId: agent.id } })).toBe(1);

    // The agent declares an engraving: an incomplete row is refused with the field named, a complete one is
    // saved (empty rows left out), and a second save keeps the field's key.
    const review = (fields: Record<string, string>) =>
      respond(() =>
        reviewAction(
          args(
            formRequest(
              `/agent/review/${id}`,
              {
                intent: "save",
                titleZh: "男款羊毛跑鞋 Wool Runners",
                descriptionZh: "柔软透气的羊毛跑鞋。",
                categorySlug: "sports",
                ...fields,
              },
              { cookie: agent.cookie },
            ),
            { id },
          ),
        ),
      );
    const incomplete = await review({ "personalization[0].labelZh": "鞋舌刻字" });
    expect(incomplete.status).toBe(400);
    const reply = (await incomplete.json()) as { error: Record<string, string[]> };
    expect(reply.error["personalization[0].labelEn"]).toEqual(["product:personalization.errors.rowIncomplete"]);
    expect(reply.error["personalization[0].maxLength"]).toEqual(["product:personalization.errors.rowIncomplete"]);
    const declared = async () =>
      JSON.parse((await db.listing.findUniqueOrThrow({ where: { id }, select: { personalization: true } })).personalization) as unknown;
    expect(await declared()).toEqual([]);

    const saved = await review({
      "personalization[0].labelZh": "鞋舌刻字",
      "personalization[0].labelEn": "Tongue engraving",
      "personalization[0].maxLength": "8",
      "personalization[0].charset": "latin",
      "personalization[0].required": "on",
      "personalization[1].charset": "latin",
    });
    expect(saved.headers.get("Location")).toBe("/agent/review");
    const field = { key: "field-1", labelZh: "鞋舌刻字", labelEn: "Tongue engraving", maxLength: 8, charset: "latin", required: true };
    expect(await declared()).toEqual([field]);
    await review({
      "personalization[0].key": "field-1",
      "personalization[0].labelZh": "鞋舌刻字",
      "personalization[0].labelEn": "Tongue engraving",
      "personalization[0].maxLength": "10",
      "personalization[1].labelZh": "备注",
      "personalization[1].labelEn": "Note",
      "personalization[1].maxLength": "20",
      "personalization[1].charset": "any",
    });
    expect(await declared()).toEqual([
      { ...field, maxLength: 10, required: false },
      { key: "field-2", labelZh: "备注", labelEn: "Note", maxLength: 20, charset: "any", required: false },
    ]);
  });
});

describe("manual entry for stores with neither format", () => {
  test("an agent enters a product by hand; it becomes a Chinese draft in the review queue", async () => {
    const { action: manualAction } = await import("~/routes/agent.listings.new");
    const agent = await createTestUser("AGENT");
    const shopper = await createTestUser("SHOPPER");
    const store = await db.store.findFirstOrThrow({ where: { slug: "route-store" }, select: { id: true } });
    const fields = {
      storeId: store.id,
      sourceUrl: `${ORIGIN}/item/42`,
      title: "Waterproof Hiking Backpack 30L",
      price: "89.50",
      available: "on",
      weightGrams: "950",
      imageUrls: "https://cdn.example.com/a.jpg\nhttps://cdn.example.com/b.jpg",
    };
    expect((await respond(() => manualAction(args(formRequest("/agent/listings/new", fields, { cookie: shopper.cookie }))))).status).toBe(
      403,
    );

    const wrongSite = await respond(() =>
      manualAction(
        args(
          formRequest("/agent/listings/new", { ...fields, sourceUrl: "https://elsewhere.example.com/item/42" }, { cookie: agent.cookie }),
        ),
      ),
    );
    expect(wrongSite.status).toBe(400);
    expect(((await wrongSite.json()) as { error: Record<string, string[]> }).error.sourceUrl).toEqual([
      "catalog:manual.codes.URL_NOT_IN_STORE",
    ]);
    const badPrice = await respond(() =>
      manualAction(args(formRequest("/agent/listings/new", { ...fields, price: "-3" }, { cookie: agent.cookie }))),
    );
    expect(((await badPrice.json()) as { error: Record<string, string[]> }).error.price).toEqual(["catalog:manual.errors.priceInvalid"]);

    const created = await respond(() => manualAction(args(formRequest("/agent/listings/new", fields, { cookie: agent.cookie }))));
    expect(created.headers.get("Location")).toMatch(/^\/agent\/review\//);
    const listing = await db.listing.findUniqueOrThrow({
      where: { sourceUrl: `${ORIGIN}/item/42` },
      select: { titleZh: true, price: true, currency: true, weightGrams: true, status: true, _count: { select: { images: true } } },
    });
    expect(listing).toMatchObject({ price: "89.50", currency: "USD", weightGrams: 950, status: "DRAFT", _count: { images: 2 } });
    expect(listing.titleZh).toContain("双肩包");
  });
});
