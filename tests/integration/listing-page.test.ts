import { beforeAll, describe, expect, test } from "vitest";
import { action, loader } from "~/routes/listings.$id";
import { db } from "~/utils/db.server";
import { seedDemo, seedReference } from "../../prisma/seed";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";

type Data = {
  landed: { outcome: { ok: boolean; quote?: { total: string } } } | null;
  history: { price: string }[];
  watching: boolean;
  variantId: string;
};

async function load(id: string, query = "", cookie?: string) {
  const response = await respond(() => loader({ request: getRequest(`/listings/${id}${query}`, cookie), params: { id }, context: {} }));
  return { status: response.status, data: response.status === 200 ? ((await response.json()) as Data) : null };
}

beforeAll(async () => {
  await seedReference(db);
  await seedDemo(db);
});

describe("the listing page", () => {
  test("shows the landed price from the calculator and the price history, oldest first", async () => {
    const listing = await db.listing.findFirstOrThrow({ where: { title: { contains: "WH-900" } }, select: { id: true, price: true } });
    const { data } = await load(listing.id);
    expect(data?.landed?.outcome.ok).toBe(true);
    expect(Number(data?.landed?.outcome.quote?.total)).toBeGreaterThan(Number(listing.price) * 7);
    expect(data?.history.at(-1)?.price).toBe(listing.price);
  });

  test("choosing a dearer variant quotes that variant", async () => {
    const listings = await db.listing.findMany({
      select: { id: true, variants: { where: { available: true }, select: { id: true, price: true } } },
    });
    const withSpread = listings.find((listing) => new Set(listing.variants.map((variant) => Number(variant.price))).size > 1);
    expect(withSpread, "the demo catalog has a listing whose variants differ in price").toBeDefined();
    const sorted = [...(withSpread?.variants ?? [])].sort((a, b) => Number(a.price) - Number(b.price));
    const a = await load(withSpread?.id ?? "", `?variant=${sorted[0]?.id}`);
    const b = await load(withSpread?.id ?? "", `?variant=${sorted.at(-1)?.id}`);
    expect(Number(b.data?.landed?.outcome.quote?.total)).toBeGreaterThan(Number(a.data?.landed?.outcome.quote?.total));
  });

  test("a draft or unknown listing is 404", async () => {
    const draft = await db.listing.findFirstOrThrow({ select: { id: true } });
    await db.listing.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    expect((await load(draft.id)).status).toBe(404);
    await db.listing.update({ where: { id: draft.id }, data: { status: "PUBLISHED" } });
    expect((await load("no-such-listing")).status).toBe(404);
  });

  test("watching needs a login, starts from the current landed price, and can be stopped", async () => {
    const listing = await db.listing.findFirstOrThrow({ where: { title: { contains: "WH-900" } }, select: { id: true } });
    const guest = await respond(() =>
      action({ request: formRequest(`/listings/${listing.id}`, { intent: "watch" }), params: { id: listing.id }, context: {} }),
    );
    expect(guest.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const shopper = await createTestUser("SHOPPER");
    await respond(() =>
      action({
        request: formRequest(`/listings/${listing.id}`, { intent: "watch" }, { cookie: shopper.cookie }),
        params: { id: listing.id },
        context: {},
      }),
    );
    const watch = await db.listingWatch.findUniqueOrThrow({ where: { userId_listingId: { userId: shopper.id, listingId: listing.id } } });
    const { data } = await load(listing.id, "", shopper.cookie);
    expect(data?.watching).toBe(true);
    expect(watch.lastNotifiedTotalFen).toBe(Math.round(Number(data?.landed?.outcome.quote?.total) * 100));

    await respond(() =>
      action({
        request: formRequest(`/listings/${listing.id}`, { intent: "unwatch" }, { cookie: shopper.cookie }),
        params: { id: listing.id },
        context: {},
      }),
    );
    expect(await db.listingWatch.count({ where: { userId: shopper.id } })).toBe(0);

    const bad = await respond(() =>
      action({
        request: formRequest(`/listings/${listing.id}`, { intent: "explode" }, { cookie: shopper.cookie }),
        params: { id: listing.id },
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
  });
});
