import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { beforeAll, describe, expect, test } from "vitest";
import { ListingGrid } from "~/components/listing-card";
import { toFen } from "~/domain/landed-cost";
import { loader as homeLoader } from "~/routes/_index";
import { loader as categoryLoader } from "~/routes/c.$slug";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { action as listingAction, loader as listingLoader } from "~/routes/listings.$id";
import { loader as rootLoader } from "~/root";
import { loader as searchLoader } from "~/routes/search";
import { confirmHeldSnapshot } from "~/services/fx-rates.server";
import { landedRecomputeSettled, runLandedPrices } from "~/services/landed-prices-job.server";
import { recomputeAllListingPrices, recomputeListingPrices } from "~/services/listing-prices.server";
import { saveShippingLine, updateFeeSchedule } from "~/services/pricing-admin.server";
import { invalidatePricingCache } from "~/services/pricing-context.server";
import { quoteDocument } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import { i18nConfig } from "~/utils/i18n-resources";
import { seedDemo, seedReference } from "../../prisma/seed";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";
import { sessionUser } from "./order-fixtures";

// Issue #11, point 1: cards, search results, category pages, the cart and the price sort and filters
// show the landed price the listing page quotes for the default variant, one unit, on the default line.

type Card = {
  id: string;
  title: string;
  titleZh: string;
  localizationStatus: string;
  price: string;
  currency: string;
  landedFen: number | null;
  landedStatus: string | null;
  available: boolean;
  store: { name: string; country: string };
  images: { url: string; alt: string }[];
  shown: { text: string; lang: string; machine: boolean; original: boolean };
};
type ListData = { listings: Card[]; pricesWithheld: boolean; total: number };

async function json<T>(run: () => Promise<unknown>): Promise<T> {
  const response = await respond(run);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const search = (query: string) => json<ListData>(() => searchLoader({ request: getRequest(`/search${query}`), params: {}, context: {} }));
const category = (slug: string, query = "") =>
  json<ListData>(() => categoryLoader({ request: getRequest(`/c/${slug}${query}`), params: { slug }, context: {} }));

/** The listing page's 到手价 (default variant: no ?variant=) in fen, or null when it shows none. */
async function pageFen(id: string) {
  const data = await json<{ landed: { outcome: { ok: boolean; quote?: { total: string; warnings: string[] } } } | null }>(() =>
    listingLoader({ request: getRequest(`/listings/${id}`), params: { id }, context: {} }),
  );
  const quote = data.landed?.outcome.quote;
  return quote && !quote.warnings.includes("WEIGHT_UNKNOWN") ? toFen(quote.total) : null;
}

async function everyCardMatchesItsPage() {
  const { listings } = await search("?sort=newest&page=1");
  const more = await search("?sort=newest&page=2");
  const cards = [...listings, ...more.listings];
  expect(cards.length).toBeGreaterThan(30);
  for (const card of cards) expect({ id: card.id, fen: card.landedFen }).toEqual({ id: card.id, fen: await pageFen(card.id) });
  return cards;
}

const i18n = createInstance();
function renderText(listings: Card[], pricesWithheld = false) {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <ListingGrid listings={listings} pricesWithheld={pricesWithheld} />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

let admin: Awaited<ReturnType<typeof sessionUser>>;

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "zh-CN" });
  await seedReference(db);
  await seedDemo(db);
  admin = await sessionUser("ADMIN");
});

describe("landed prices in lists", () => {
  test("the seed prices every listing, and every card shows exactly its listing page's 到手价", async () => {
    expect(await db.listing.count({ where: { landedStatus: null } })).toBe(0);
    const cards = await everyCardMatchesItsPage();
    const text = renderText(cards.filter((card) => card.landedFen !== null).slice(0, 1));
    expect(text).toMatch(/到手价 ¥[\d,]+\.\d{2}/);
    expect(text).toContain("海外原价");
  });

  test("the home and category pages carry the same precomputed price", async () => {
    const home = await json<{ featured: Card[]; pricesWithheld: boolean }>(() =>
      homeLoader({ request: getRequest("/"), params: {}, context: {} }),
    );
    expect(home.featured.length).toBeGreaterThan(0);
    for (const card of home.featured) expect(card.landedFen).toBe(await pageFen(card.id));
    const electronics = await category("electronics");
    for (const card of electronics.listings) expect(card.landedFen).toBe(await pageFen(card.id));
  });

  test("the default variant is the listing page's: the first available one, not a sold-out first", async () => {
    const listing = await db.listing.findFirstOrThrow({
      where: { variants: { some: {} }, weightGrams: { not: null } },
      select: { id: true, variants: { select: { id: true }, orderBy: { position: "asc" } } },
    });
    const [first] = listing.variants;
    if (!first) throw new Error("no variant");
    // The store now sells the first variant dearer and has run out of it; the second is the default.
    await db.listingVariant.update({ where: { id: first.id }, data: { available: false, price: "999.00" } });
    await db.listingVariant.create({
      data: { listingId: listing.id, title: "Second", titleZh: "第二款", price: "1.00", available: true, position: 99 },
    });
    await db.listingVariant.updateMany({
      where: { listingId: listing.id, id: { not: first.id }, title: { not: "Second" } },
      data: { available: false },
    });
    await recomputeListingPrices([listing.id]);
    const stored = await db.listing.findUniqueOrThrow({ where: { id: listing.id }, select: { landedFen: true } });
    expect(stored.landedFen).toBe(await pageFen(listing.id));
  });

  test("sort by price and the 元 filters use the landed price; listings without one sort last and are filtered out", async () => {
    const unknown = await db.listing.findFirstOrThrow({
      where: { landedStatus: "WEIGHT_UNKNOWN", status: "PUBLISHED" },
      select: { id: true },
    });
    const all = async (query: string) => {
      const first = await search(query);
      const pages = [first.listings];
      for (let page = 2; page <= Math.ceil(first.total / 24); page += 1) pages.push((await search(`${query}&page=${page}`)).listings);
      return pages.flat();
    };
    const ascending = await all("?sort=price_asc");
    const fens = ascending.map((card) => card.landedFen);
    const priced = fens.filter((fen): fen is number => fen !== null);
    expect(priced).toEqual([...priced].sort((a, b) => a - b));
    expect(fens.slice(priced.length).every((fen) => fen === null)).toBe(true);
    expect(ascending.at(-1)?.landedFen).toBeNull();
    const descending = (await all("?sort=price_desc")).map((card) => card.landedFen).filter((fen): fen is number => fen !== null);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    const cheapest = priced[0] as number;
    const ranged = await all(`?minCny=${Math.floor(cheapest / 100)}&maxCny=${Math.ceil(cheapest / 100) + 300}`);
    expect(ranged.length).toBeGreaterThan(0);
    expect(
      ranged.every(
        (card) =>
          card.landedFen !== null &&
          card.landedFen >= Math.floor(cheapest / 100) * 100 &&
          card.landedFen <= (Math.ceil(cheapest / 100) + 300) * 100,
      ),
    ).toBe(true);
    expect((await all("?minCny=0")).map((card) => card.id)).not.toContain(unknown.id);
  });

  test("an unknown weight and a store without a line say so instead of a lower number", async () => {
    const { listings } = await search("?sort=price_asc&page=3");
    const pending = [...listings, ...(await search("?sort=price_asc&page=2")).listings].find(
      (card) => card.landedStatus === "WEIGHT_UNKNOWN",
    );
    if (!pending) throw new Error("the demo catalog has a listing of unknown weight");
    expect(pending.landedFen).toBeNull();
    const text = renderText([pending]);
    expect(text).toContain("到手价待定：重量待确认");
    expect(text).not.toMatch(/到手价 ¥/);

    const store = await db.store.create({
      data: {
        slug: "paris-boutique",
        name: "Paris Boutique",
        country: "FR",
        currency: "EUR",
        platform: "MANUAL",
        baseUrl: "https://paris.example.com",
      },
    });
    const source = await db.listing.findFirstOrThrow({ select: { categorySlug: true, taxCategory: true } });
    const french = await db.listing.create({
      data: {
        storeId: store.id,
        categorySlug: source.categorySlug,
        taxCategory: source.taxCategory,
        sourceUrl: "https://paris.example.com/p/1",
        title: "Scarf",
        description: "d",
        titleZh: "围巾",
        descriptionZh: "d",
        localizationStatus: "REVIEWED",
        price: "80.00",
        currency: "EUR",
        weightGrams: 200,
      },
      select: { id: true },
    });
    await recomputeListingPrices([french.id]);
    const card = (await search(`?q=${encodeURIComponent("围巾")}`)).listings.find((found) => found.id === french.id);
    expect(card).toMatchObject({ landedFen: null, landedStatus: "NO_LINE" });
    expect(renderText(card ? [card] : [])).toContain("到手价待定：暂无从该国家/地区发货的线路");
  });

  test("new rates, a fee change and a line change reprice every listing in the background", async () => {
    const us = await db.listing.findFirstOrThrow({
      where: { landedStatus: "OK", store: { country: "US" } },
      select: { id: true, landedFen: true },
    });
    const jp = await db.listing.findFirstOrThrow({
      where: { landedStatus: "OK", store: { country: "JP" } },
      select: { id: true, landedFen: true },
    });

    // A rate snapshot activated by an admin (the rates job takes the same path).
    const active = await db.fxSnapshot.findFirstOrThrow({
      where: { status: "ACTIVE" },
      orderBy: { createdAt: "desc" },
      select: { rates: true },
    });
    const rates = { ...(JSON.parse(active.rates) as Record<string, string>), USD: "0.9" };
    const held = await db.fxSnapshot.create({
      data: {
        base: "EUR",
        asOf: new Date().toISOString(),
        source: "test",
        rates: JSON.stringify(rates),
        status: "HELD",
        reason: "USD moved",
      },
    });
    expect(await confirmHeldSnapshot(admin, held.id)).toEqual({ ok: true });
    await landedRecomputeSettled();
    const afterRates = await db.listing.findUniqueOrThrow({ where: { id: us.id }, select: { landedFen: true } });
    expect(afterRates.landedFen).not.toBe(us.landedFen);
    expect(afterRates.landedFen).toBe(await pageFen(us.id));
    expect((await db.listing.findUniqueOrThrow({ where: { id: jp.id }, select: { landedFen: true } })).landedFen).toBe(jp.landedFen);

    // The fee schedule.
    await updateFeeSchedule(admin, {
      intent: "fees",
      fxSpread: "0.02",
      serviceFeeRate: "0.08",
      serviceFeeMinimum: "12.00",
      insuranceRate: "0.01",
      ratesMaxAgeHours: 72,
      quoteValidityMinutes: 30,
    });
    await landedRecomputeSettled();
    const afterFees = await db.listing.findUniqueOrThrow({ where: { id: jp.id }, select: { landedFen: true } });
    expect(afterFees.landedFen).not.toBe(jp.landedFen);
    expect(afterFees.landedFen).toBe(await pageFen(jp.id));

    // The US default line gets dearer: US listings follow, Japanese ones do not move.
    const line = await db.shippingLine.findUniqueOrThrow({ where: { code: "us-postal-ems" } });
    const { isDefault: _isDefault, ...fields } = line;
    await saveShippingLine(admin, {
      ...fields,
      customsRegime: "POSTAL",
      intent: "line",
      firstWeightPrice: "150.00",
      volumetricDivisor: line.volumetricDivisor ?? undefined,
    });
    await landedRecomputeSettled();
    const usNow = await db.listing.findUniqueOrThrow({ where: { id: us.id }, select: { landedFen: true } });
    expect(usNow.landedFen).toBeGreaterThan(afterRates.landedFen as number);
    expect(usNow.landedFen).toBe(await pageFen(us.id));
    expect((await db.listing.findUniqueOrThrow({ where: { id: jp.id }, select: { landedFen: true } })).landedFen).toBe(afterFees.landedFen);
    await everyCardMatchesItsPage();

    const runs = await db.jobRun.findMany({ where: { job: "landed-prices", trigger: "EVENT" }, select: { outcome: true } });
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((run) => run.outcome === "OK")).toBe(true);
  });

  test("the scheduled run recomputes only when the pricing data changed, e.g. a customs rule set coming into force", async () => {
    const unchanged = await runLandedPrices("SCHEDULE", "test");
    expect(unchanged.counts).toMatchObject({ pricingUnchanged: true });

    // A later rule set with a lower postal tax waiver, in force from tomorrow: nothing changes today…
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    await db.customsRuleSet.create({
      data: {
        effectiveFrom: tomorrow,
        source: "test rules",
        sourceZh: "测试规则",
        postalParcelLimit: "2000.00",
        postalParcelLimitByOrigin: "{}",
        postalTaxWaiver: "0.00",
        cbecSingleLimit: "5000.00",
        cbecAnnualLimit: "26000.00",
        cbecTaxShare: "0.7",
      },
    });
    invalidatePricingCache();
    expect((await runLandedPrices("SCHEDULE", "test")).counts).toMatchObject({ pricingUnchanged: true });
    // …and the first run after it comes into force reprices the listings whose tax was waived.
    const later = new Date(tomorrow.getTime() + 60_000);
    const run = await runLandedPrices("SCHEDULE", "test", { now: () => later });
    expect(run.outcome).toBe("OK");
    expect(Number(run.counts.repriced)).toBeGreaterThan(0);
    await db.customsRuleSet.deleteMany({ where: { source: "test rules" } });
    invalidatePricingCache();
    await runLandedPrices("SCHEDULE", "test");
  });

  test("a listing rewritten while a full recompute runs keeps its own newer price", async () => {
    const line = await db.shippingLine.findUniqueOrThrow({ where: { code: "us-postal-ems" }, select: { firstWeightPrice: true } });
    await db.shippingLine.update({ where: { code: "us-postal-ems" }, data: { firstWeightPrice: "160.00" } });
    invalidatePricingCache();
    const target = await db.listing.findFirstOrThrow({
      where: { landedStatus: "OK", store: { country: "US" } },
      select: { id: true, price: true },
    });
    let rewritten = false;
    const result = await recomputeAllListingPrices({
      onProgress: async () => {
        if (rewritten) return;
        rewritten = true;
        // A price refresh lands between the recompute's read and its write.
        await db.listing.update({ where: { id: target.id }, data: { price: "1.00" } });
        await recomputeListingPrices([target.id]);
      },
    });
    expect(result.counts.skipped).toBe(1);
    const stored = await db.listing.findUniqueOrThrow({ where: { id: target.id }, select: { landedFen: true } });
    expect(stored.landedFen).toBe(await pageFen(target.id));
    await db.shippingLine.update({ where: { code: "us-postal-ems" }, data: { firstWeightPrice: line.firstWeightPrice } });
    await db.listing.update({ where: { id: target.id }, data: { price: target.price } });
    invalidatePricingCache();
    await runLandedPrices("CLI", "test", { force: true });
  });

  test("stale rates: lists show one notice and no numbers, as the listing page refuses to quote", async () => {
    await db.fxSnapshot.updateMany({ where: { status: "ACTIVE" }, data: { asOf: "2020-01-01" } });
    invalidatePricingCache();
    const result = await search("?sort=newest");
    expect(result.pricesWithheld).toBe(true);
    const text = renderText(result.listings.slice(0, 3), result.pricesWithheld);
    expect(text).toContain("汇率正在更新，列表暂不显示到手价");
    expect(text).not.toMatch(/到手价 ¥/);
    expect(await pageFen(result.listings[0]?.id ?? "")).toBeNull();
    // The scheduled run then records why for every listing (the sort and filters stop using old numbers).
    await runLandedPrices("SCHEDULE", "test");
    expect(await db.listing.count({ where: { landedFen: { not: null } } })).toBe(0);
    expect(await db.listing.count({ where: { landedStatus: "RATES_STALE" } })).toBe(
      await db.listing.count({ where: { landedStatus: { not: "NO_LINE" } } }),
    );
    await db.fxSnapshot.updateMany({ where: { status: "ACTIVE" }, data: { asOf: new Date().toISOString() } });
    invalidatePricingCache();
    await runLandedPrices("SCHEDULE", "test");
    expect((await search("?sort=newest")).pricesWithheld).toBe(false);
    expect(await db.listing.count({ where: { landedStatus: "RATES_STALE" } })).toBe(0);
  });
});

describe("the cart", () => {
  test("shows the landed total the calculator gives for the whole cart, and the header badge counts units", async () => {
    const shopper = await createTestUser("SHOPPER");
    const listings = await db.listing.findMany({
      where: { landedStatus: "OK", available: true, store: { country: "JP" } },
      select: { id: true },
      orderBy: { landedFen: "asc" },
      take: 2,
    });
    const [a, b] = listings;
    if (!a || !b) throw new Error("two Japanese listings");
    for (const [listing, quantity] of [
      [a, "2"],
      [b, "1"],
    ] as const) {
      const added = await respond(() =>
        listingAction({
          request: formRequest(`/listings/${listing.id}`, { intent: "add-to-cart", quantity }, { cookie: shopper.cookie }),
          params: { id: listing.id },
          context: {},
        }),
      );
      expect(added.status).toBe(302);
    }
    const root = await json<{ cartUnits: number }>(() => rootLoader({ request: getRequest("/", shopper.cookie), params: {}, context: {} }));
    expect(root.cartUnits).toBe(3);
    const guest = await json<{ cartUnits: number }>(() => rootLoader({ request: getRequest("/"), params: {}, context: {} }));
    expect(guest.cartUnits).toBe(0);

    const cart = await json<{
      cart: {
        lines: {
          listing: { title: string; currency: string };
          unitPrice: string;
          quantity: number;
          variant: { title: string; weightGrams: number | null } | null;
        }[];
      };
      landed: { line: { code: string }; outcome: { ok: boolean; quote?: { total: string } } };
    }>(() => cartLoader({ request: getRequest("/cart", shopper.cookie), params: {}, context: {} }));
    expect(cart.landed.line.code).toBe("jp-postal-ems");
    // The same parcel through the quote API's document path, on the same line.
    const rows = await db.cartItem.findMany({
      where: { userId: shopper.id },
      select: {
        quantity: true,
        variantId: true,
        listing: {
          select: {
            title: true,
            price: true,
            currency: true,
            weightGrams: true,
            lengthCm: true,
            widthCm: true,
            heightCm: true,
            taxCategory: true,
            variants: { select: { id: true, title: true, price: true, weightGrams: true } },
          },
        },
      },
      orderBy: { createdAt: "asc" },
    });
    const items = rows.map(({ quantity, variantId, listing }) => {
      const variant = listing.variants.find((candidate) => candidate.id === variantId);
      const dims =
        listing.lengthCm && listing.widthCm && listing.heightCm
          ? { dimensionsCm: [listing.lengthCm, listing.widthCm, listing.heightCm] }
          : {};
      return {
        title: listing.title,
        price: variant?.price ?? listing.price,
        currency: listing.currency,
        quantity,
        weightGrams: variant?.weightGrams ?? listing.weightGrams ?? 0,
        ...dims,
        taxCategory: listing.taxCategory,
        domesticShipping: "0",
      };
    });
    const expected = await quoteDocument({
      request: { items, insurance: false, annualCbecUsedCny: "0" },
      context: { shippingLine: "jp-postal-ems" },
    });
    if (!expected.ok) throw new Error(expected.error.code);
    expect(cart.landed.outcome.quote?.total).toBe(expected.quote.total);

    // Changing a quantity changes the badge and the total.
    const item = await db.cartItem.findFirstOrThrow({ where: { userId: shopper.id, listingId: a.id }, select: { id: true } });
    await respond(() =>
      cartAction({
        request: formRequest("/cart", { intent: "update", itemId: item.id, quantity: "1" }, { cookie: shopper.cookie }),
        params: {},
        context: {},
      }),
    );
    expect(
      (await json<{ cartUnits: number }>(() => rootLoader({ request: getRequest("/", shopper.cookie), params: {}, context: {} })))
        .cartUnits,
    ).toBe(2);
  });
});
