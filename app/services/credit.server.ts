import { fromJsonColumn } from "~/domain/stored";
import { onTimeRate, shareOf, UPHELD_OUTCOMES, type StageTimes } from "~/domain/trust/scores";
import type { StoreVerification } from "~/domain/trust/store-verification";
import { db } from "~/utils/db.server";
import { z } from "zod";
import { getTrustSettings } from "./trust-settings.server";

// The credit of a store and of an agent, computed from the records themselves (orders, their
// timelines, returns, complaints, reports), so every number can say what it was computed from.
// Review averages come from reviews.server.ts.

/** Returns filed for the platform's fault that were not refused or withdrawn. */
const COUNTED_RETURN = { fault: "PLATFORM", status: { notIn: ["REJECTED", "CANCELLED"] } };
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
  const [deliveredOrders, platformFaultReturns, reportsUpheld, reportsDecided, complaintsUpheld, listingCount] = await Promise.all([
    db.order.count({ where: { storeId: store.id, status: { in: DELIVERED } } }),
    db.returnRequest.count({ where: { ...COUNTED_RETURN, order: { storeId: store.id } } }),
    db.listingReport.count({ where: { storeId: store.id, status: "CORRECTED" } }),
    db.listingReport.count({ where: { storeId: store.id, status: { not: "OPEN" } } }),
    db.complaint.count({ where: { storeId: store.id, outcome: { in: [...UPHELD_OUTCOMES] } } }),
    db.listing.count({ where: { storeId: store.id, status: "PUBLISHED" } }),
  ]);
  const verification: StoreVerification | null =
    store.verification === null ? null : fromJsonColumn(verificationSchema, "Store.verification", store.verification);
  return {
    store: { ...store, verification },
    platformFaultReturns: shareOf(platformFaultReturns, deliveredOrders, minimumSample),
    reports: { upheld: reportsUpheld, decided: reportsDecided },
    complaintsUpheld,
    listingCount,
    minimumSample,
  };
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
