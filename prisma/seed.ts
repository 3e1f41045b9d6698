import { personalizationDeclarationSchema } from "~/domain/catalog/personalization";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseEcbXml } from "~/domain/fx/ecb-xml";
import { runLandedPrices } from "~/services/landed-prices-job.server";
import { invalidatePricingCache } from "~/services/pricing-context.server";
import { invalidateThesaurusCache } from "~/services/search-synonyms.server";
import { isUniqueViolation } from "~/utils/db-locks.server";
import { hashPassword } from "~/utils/password.server";
import type { Db } from "~/utils/db.server";
import { DEMO_FX_SOURCE, DEMO_PASSWORD, demoUsers, feeSchedule, shippingLines, taxCategories } from "./seed-data/reference";
import { searchSynonyms } from "./seed-data/search-synonyms";

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Defaults every installation starts from (admins edit them later); only written into an empty table. */
export async function seedReference(db: Db) {
  if ((await db.taxCategory.count()) === 0) await db.taxCategory.createMany({ data: taxCategories });
  if ((await db.feeSchedule.count()) === 0) await db.feeSchedule.create({ data: feeSchedule });
  await seedSearchSynonyms(db);
}

/**
 * The search thesaurus, written once into an empty table: rerunning adds nothing, and an entry an admin
 * deleted or changed stays so (every start runs the seed). One statement, so it is all or nothing; a
 * second process seeding at the same moment fails on the unique key and leaves the first one's rows.
 */
async function seedSearchSynonyms(db: Db) {
  if ((await db.searchSynonym.count()) > 0) return;
  const data = searchSynonyms.map(({ kind, term, words }) => ({ kind, term, words: JSON.stringify(words) }));
  try {
    await db.searchSynonym.createMany({ data });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  invalidateThesaurusCache();
}

/**
 * Outside production the demo runs offline: the rates of the ECB fixture are stored as a fresh snapshot
 * whose source says plainly what they are. Re-run on start so the demo never quotes on stale rates.
 */
export async function seedDemoRates(db: Db, now = new Date()) {
  const fees = await db.feeSchedule.findUnique({ where: { id: "default" }, select: { ratesMaxAgeHours: true } });
  const latest = await db.fxSnapshot.findFirst({
    where: { status: "ACTIVE" },
    orderBy: { createdAt: "desc" },
    select: { asOf: true, source: true },
  });
  const maxAgeMs = (fees?.ratesMaxAgeHours ?? 72) * 3600 * 1000;
  if (latest && (latest.source !== DEMO_FX_SOURCE || now.getTime() - Date.parse(latest.asOf) < maxAgeMs / 2)) return false;
  const xml = fs.readFileSync(path.join(import.meta.dirname, "seed-data", "ecb-eurofxref-daily-2024-03-13.xml"), "utf8");
  const parsed = parseEcbXml(xml, "2024-03-13");
  if (!parsed.ok) throw new Error(`demo rate fixture unreadable: ${parsed.message}`);
  await db.fxSnapshot.create({
    data: { base: parsed.snapshot.base, asOf: now.toISOString(), source: DEMO_FX_SOURCE, rates: JSON.stringify(parsed.snapshot.rates) },
  });
  return true;
}

/** Every listing's landed price for lists, recorded as a run of the landed-prices job (its fingerprint). */
async function priceListings(force: boolean) {
  // The seed writes lines, rates and listings straight through Prisma: drop what the services cached.
  invalidatePricingCache();
  const run = await runLandedPrices("CLI", `seed@${process.pid}`, { force });
  if (run.outcome !== "OK") throw new Error(`pricing the demo listings failed: ${run.error ?? run.outcome}`);
}

export async function seedDemo(db: Db, now = new Date()) {
  // Renewed demo rates reprice the listings (only if the pricing data really changed).
  if (await seedDemoRates(db, now)) await priceListings(false);
  if ((await db.store.count()) > 0) return false;
  const { stores, categories, listings } = await import("./seed-data/catalog");

  await db.shippingLine.createMany({ data: shippingLines });
  await db.category.createMany({ data: categories });
  const storeIds = new Map<string, { id: string; baseUrl: string; currency: string }>();
  for (const store of stores) {
    const { verification, ...fields } = store;
    const verified = verification
      ? { verificationStatus: "VERIFIED", verification: JSON.stringify({ ...verification, note: "" }), verifiedAt: now }
      : {};
    const created = await db.store.create({ data: { ...fields, ...verified }, select: { id: true, baseUrl: true, currency: true } });
    storeIds.set(store.slug, created);
  }
  const taxByCategory = new Map(categories.map((category) => [category.slug, category.taxCategory]));
  for (const [index, listing] of listings.entries()) {
    const store = storeIds.get(listing.store);
    if (!store) throw new Error(`listing ${listing.handle} names unknown store ${listing.store}`);
    const history = listing.priceHistory;
    const createdAt = new Date(now.getTime() - index * 60_000); // the catalog's first listing is the newest
    await db.listing.create({
      data: {
        storeId: store.id,
        categorySlug: listing.category,
        sourceUrl: `${store.baseUrl}/products/${listing.handle}`,
        title: listing.title,
        description: listing.description,
        titleZh: listing.titleZh,
        descriptionZh: listing.descriptionZh,
        localizationStatus: "REVIEWED",
        status: "PUBLISHED",
        price: listing.price,
        currency: store.currency,
        available: listing.variants.some((variant) => variant.available),
        weightGrams: listing.weightGrams,
        lengthCm: listing.dimensionsCm?.[0] ?? null,
        widthCm: listing.dimensionsCm?.[1] ?? null,
        heightCm: listing.dimensionsCm?.[2] ?? null,
        taxCategory: taxByCategory.get(listing.category) ?? "general",
        customMade: listing.customMade ?? false,
        personalization: JSON.stringify(personalizationDeclarationSchema.parse(listing.personalization ?? [])),
        featured: listing.featured ?? false,
        lastRefreshedAt: now,
        lastRefreshStatus: "OK",
        createdAt,
        images: { create: listing.images.map((image, position) => ({ url: `/images/listings/${image.file}`, alt: image.alt, position })) },
        variants: { create: listing.variants.map((variant, position) => ({ ...variant, position })) },
        priceSnapshots: {
          create: history.map((price, week) => ({
            price,
            available: true,
            recordedAt: new Date(now.getTime() - (history.length - 1 - week) * WEEK_MS),
          })),
        },
      },
    });
  }
  await priceListings(true);
  // The triggers queued every listing; searches only catch up a batch at a time.
  const { drainAllSearchQueue } = await import("~/services/search-index.server");
  await drainAllSearchQueue();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.user.createMany({ data: demoUsers.map((user) => ({ ...user, passwordHash })) });
  return true;
}

/**
 * The demo's return addresses, one per origin country, and how shoppers reach the platform: written
 * once, into a database that has no return address yet (what admins change later stays).
 */
export async function seedDemoReturns(db: Db) {
  if ((await db.returnAddress.count()) > 0) return;
  const { demoReturnAddresses, DEMO_PLATFORM_CONTACT } = await import("./seed-data/return-addresses");
  await db.returnAddress.createMany({ data: demoReturnAddresses });
  await db.returnSettings.upsert({
    where: { id: "default" },
    create: { id: "default", platformContact: DEMO_PLATFORM_CONTACT },
    update: {},
  });
  await db.returnSettings.updateMany({ where: { id: "default", platformContact: "" }, data: { platformContact: DEMO_PLATFORM_CONTACT } });
}

/** The demo's contact channels (example addresses only), written once into a database that has none. */
export async function seedDemoContact(db: Db) {
  await db.contactSettings.upsert({
    where: { id: "default" },
    create: {
      id: "default",
      email: "service@daigou.example",
      wechatId: "globalbuy-service",
      phone: "400-000-0000",
    },
    update: {},
  });
}

async function main() {
  const { getEnv } = await import("~/utils/env.server");
  const { db, dbProvider } = await import("~/utils/db.server");
  const env = getEnv();
  // SQLite: WAL lets readers and the writer work at once; it is a property of the database file, set once.
  if (dbProvider === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await seedReference(db);
  if (env.NODE_ENV === "production") {
    console.log("Production: reference tables checked; no demo data is seeded (rates come from the rates job).");
  } else {
    const seeded = await seedDemo(db);
    console.log(seeded ? "Seeded the demo catalog, shipping lines, rates and demo accounts." : "Demo data present; rates checked.");
    await seedDemoReturns(db);
    await seedDemoContact(db);
    const { seedDemoOrders } = await import("./seed-data/demo-orders");
    const orders = await seedDemoOrders(db);
    if (orders > 0) console.log(`Seeded ${orders} demo orders for buyer@example.com (the agent's queue has work).`);
  }
  // The triggers queued every listing written above (and the migration queued the existing ones).
  const { drainAllSearchQueue } = await import("~/services/search-index.server");
  const indexed = await drainAllSearchQueue();
  if (indexed > 0) console.log(`Search index: ${indexed} listings indexed.`);
  await db.$disconnect();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
