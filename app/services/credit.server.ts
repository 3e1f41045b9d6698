import { fromJsonColumn, fromRows } from "~/domain/stored";
import { onTimeRate, shareOf, UPHELD_OUTCOMES, type StageTimes } from "~/domain/trust/scores";
import type { StoreVerification } from "~/domain/trust/store-verification";
import { db, Prisma } from "~/utils/db.server";
import { z } from "zod";
import { createTtlCache } from "~/utils/ttl-cache.server";
import { getTrustSettings } from "./trust-settings.server";

// The credit of a store and of an agent, computed from the records themselves (orders, their
// timelines, returns, complaints, reports), so every number can say what it was computed from.
// Review averages come from reviews.server.ts.

/** Returns filed for the platform's fault that were not refused or withdrawn. */
const COUNTED_RETURN = { fault: "PLATFORM", status: { notIn: ["REJECTED", "CANCELLED"] } } as const;
const DELIVERED = ["DELIVERED", "COMPLETED"];
/** The orders an on-time rate looks at: the agent's latest. */
const ON_TIME_WINDOW = 500;

const verificationSchema = z.object({ officialDomain: z.string(), registration: z.string(), note: z.string() });

export async function getStoreCredit(slug: string) {
  const store = await db.store.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      country: true,
      platform: true,
      baseUrl: true,
      createdAt: true,
      verificationStatus: true,
      verification: true,
      verifiedAt: true,
    },
  });
  // A "buy anything" request's one-off store (platform REQUEST) has no public page.
  if (!store || store.platform === "REQUEST") return null;
  const { minimumSample } = await getTrustSettings();
  const counts = await storeCounts(store.id);
  const verification: StoreVerification | null =
    store.verification === null ? null : fromJsonColumn(verificationSchema, "Store.verification", store.verification);
  return {
    store: { ...store, verification },
    platformFaultReturns: shareOf(counts.platformFaultReturns, counts.deliveredOrders, minimumSample),
    reports: { upheld: counts.reportsUpheld, decided: counts.reportsDecided },
    complaintsUpheld: counts.complaintsUpheld,
    listingCount: counts.listingCount,
    minimumSample,
  };
}

const count = z.union([z.bigint(), z.number()]).transform(Number);
const storeCountsSchema = z.object({
  deliveredOrders: count,
  platformFaultReturns: count,
  reportsUpheld: count,
  reportsDecided: count,
  complaintsUpheld: count,
});

/**
 * The counts a store's page shows in one round trip (the store page is among the most viewed, and five
 * queries cost more in round trips than in counting), plus the listing count from a short cache. The
 * conditions are COUNTED_RETURN, DELIVERED and UPHELD_OUTCOMES above, written in SQL.
 */
async function storeCounts(storeId: string) {
  const list = (values: readonly string[]) => Prisma.join([...values]);
  const raw = await db.$queryRaw<unknown[]>`SELECT
    (SELECT COUNT(*) FROM "Order" o WHERE o."storeId" = ${storeId} AND o."status" IN (${list(DELIVERED)})) AS "deliveredOrders",
    (SELECT COUNT(*) FROM "ReturnRequest" r JOIN "Order" o ON o."id" = r."orderId"
      WHERE o."storeId" = ${storeId} AND r."fault" = ${COUNTED_RETURN.fault} AND r."status" NOT IN (${list(COUNTED_RETURN.status.notIn)})) AS "platformFaultReturns",
    (SELECT COUNT(*) FROM "ListingReport" p WHERE p."storeId" = ${storeId} AND p."status" = 'CORRECTED') AS "reportsUpheld",
    (SELECT COUNT(*) FROM "ListingReport" p WHERE p."storeId" = ${storeId} AND p."status" <> 'OPEN') AS "reportsDecided",
    (SELECT COUNT(*) FROM "Complaint" c WHERE c."storeId" = ${storeId} AND c."outcome" IN (${list(UPHELD_OUTCOMES)})) AS "complaintsUpheld"`;
  const [row] = fromRows(storeCountsSchema, "Store counts", raw);
  if (!row) throw new Error("Store counts: no row");
  return { ...row, listingCount: await publishedListingCount(storeId) };
}

// A large store's listing count walks its whole index (16,000 entries: most of the page's database time),
// and it only sizes the pagination: each process keeps it for a few seconds, per store.
const listingCounts = createTtlCache(5_000);

function publishedListingCount(storeId: string) {
  return listingCounts.get(storeId, () => db.listing.count({ where: { storeId, status: "PUBLISHED" } }));
}

/** When each of the orders reached the statuses an on-time rate measures (the first time). */
async function stageTimes(orderIds: string[]): Promise<StageTimes[]> {
  if (orderIds.length === 0) return [];
  const firsts = await db.orderEvent.groupBy({
    by: ["orderId", "toStatus"],
    where: { orderId: { in: orderIds }, kind: "STATUS", toStatus: { in: ["PAID", "PURCHASED", "AT_WAREHOUSE", "SHIPPED"] } },
    _min: { createdAt: true },
  });
  const byOrder = new Map<string, StageTimes>(
    orderIds.map((id) => [id, { paidAt: null, purchasedAt: null, atWarehouseAt: null, shippedAt: null }]),
  );
  const field = { PAID: "paidAt", PURCHASED: "purchasedAt", AT_WAREHOUSE: "atWarehouseAt", SHIPPED: "shippedAt" } as const;
  for (const row of firsts) {
    const times = byOrder.get(row.orderId);
    const key = field[row.toStatus as keyof typeof field];
    if (times && key) times[key] = row._min.createdAt;
  }
  return [...byOrder.values()];
}

export async function getAgentCredit(agentId: string, now = new Date()) {
  const agent = await db.user.findFirst({ where: { id: agentId, role: "AGENT" }, select: { id: true, name: true, createdAt: true } });
  if (!agent) return null;
  const settings = await getTrustSettings();
  const [orders, complaintsUpheld, warnings, complaintsDecided] = await Promise.all([
    db.order.findMany({
      where: { agentId, status: { not: "CANCELLED" } },
      select: { id: true },
      orderBy: { createdAt: "desc" },
      take: ON_TIME_WINDOW,
    }),
    db.complaint.count({ where: { agentId, outcome: { in: [...UPHELD_OUTCOMES] } } }),
    db.complaint.count({ where: { agentId, outcome: "WARNING" } }),
    db.complaint.count({ where: { agentId, status: "RESOLVED" } }),
  ]);
  const onTime = onTimeRate(await stageTimes(orders.map((order) => order.id)), settings, settings.minimumSample, now);
  return {
    agent,
    onTime,
    targets: { procurementTargetHours: settings.procurementTargetHours, dispatchTargetHours: settings.dispatchTargetHours },
    complaints: { upheld: complaintsUpheld, warnings, decided: complaintsDecided },
    minimumSample: settings.minimumSample,
  };
}

/** A page of the store's published listings, newest first, as cards. */
export async function listStoreListingIds(storeId: string, page: number, perPage: number) {
  const rows = await db.listing.findMany({
    where: { storeId, status: "PUBLISHED" },
    select: { id: true },
    orderBy: [{ available: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * perPage,
    take: perPage,
  });
  return rows.map((row) => row.id);
}
