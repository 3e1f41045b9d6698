import { fromJsonColumn } from "~/domain/stored";
import { quoteResultSchema, type QuoteItem, type QuoteRequest, type QuoteResult } from "~/domain/landed-cost";
import { staleness } from "~/domain/landed-cost/fx";
import { yuanToFen, type QuoteInput, type RequestForm } from "~/domain/requests/request-form";
import { AGENT_ACTIONABLE, QUEUE_STATUSES, type RequestStatus } from "~/domain/requests/request-status";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Tx } from "~/utils/db.server";
import { lockRow, transactionWithRetry } from "~/utils/db-locks.server";
import { notify } from "./notifications.server";
import { findDefaultShippingLine, findShippingLine } from "./pricing-context.server";
import { getAnnualCbecUsedCny, getQuoteOptions, loadPricingContext, quoteDocument } from "./quote.server";

// "Buy anything for me": a shopper describes goods no link imports, an agent
// quotes them with the one calculator (stored as a Quote like every other), and the shopper accepts
// the quote into a one-off listing: status PRIVATE, Listing.oneOffUserId = the shopper, so every list,
// search, job and price refresh (which read PUBLISHED, or PUBLISHED and DRAFT) never sees it, while
// the cart, checkout, procurement and returns work on it like on any listing.
// Every move is a conditional update on (id, status, version): two agents quoting, a quote landing
// while the shopper accepts, or a double submit cannot both act.

const isStaff = (user: Pick<SessionUser, "role">) => user.role === "AGENT" || user.role === "ADMIN";

export const requestPhotoUrl = (requestId: string, name: string) => `/requests/${requestId}/photos/${name}`;

export async function createRequest(user: SessionUser, form: RequestForm, photos: string[]) {
  const created = await db.productRequest.create({
    data: {
      userId: user.id,
      storeName: form.storeName,
      link: form.link ?? null,
      description: form.description,
      variant: form.variant ?? null,
      quantity: form.quantity,
      budgetFen: form.budget ? yuanToFen(form.budget) : null,
      photos: JSON.stringify(photos),
    },
    select: { id: true },
  });
  return created.id;
}

const listSelect = {
  id: true,
  storeName: true,
  description: true,
  variant: true,
  quantity: true,
  status: true,
  title: true,
  createdAt: true,
  updatedAt: true,
  quoteId: true,
} as const;

export async function listOwnRequests(userId: string) {
  const rows = await db.productRequest.findMany({
    where: { userId },
    select: listSelect,
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return withTotals(rows);
}

/** The agents' queue: requests waiting for a quote first (oldest first), then quoted ones waiting for the shopper. */
export async function listRequestQueue() {
  const rows = await db.productRequest.findMany({
    where: { status: { in: [...QUEUE_STATUSES] } },
    select: { ...listSelect, agentId: true },
    orderBy: [{ createdAt: "asc" }],
    take: 200,
  });
  const sorted = [...rows].sort((a, b) => Number(a.status !== "OPEN") - Number(b.status !== "OPEN"));
  return withTotals(sorted);
}

async function withTotals<Row extends { quoteId: string | null }>(rows: Row[]) {
  const ids = rows.flatMap((row) => (row.quoteId ? [row.quoteId] : []));
  const quotes = ids.length
    ? await db.quote.findMany({ where: { id: { in: ids } }, select: { id: true, totalFen: true, validUntil: true } })
    : [];
  const byId = new Map(quotes.map((quote) => [quote.id, quote]));
  return rows.map((row) => ({ ...row, quote: row.quoteId ? (byId.get(row.quoteId) ?? null) : null }));
}

const detailSelect = {
  id: true,
  userId: true,
  storeName: true,
  link: true,
  description: true,
  variant: true,
  quantity: true,
  budgetFen: true,
  photos: true,
  status: true,
  version: true,
  agentId: true,
  title: true,
  price: true,
  currency: true,
  domesticShipping: true,
  weightGrams: true,
  dimensionsCm: true,
  taxCategory: true,
  originCountry: true,
  quoteId: true,
  quoteCount: true,
  quotedAt: true,
  declineReason: true,
  declinedBy: true,
  listingId: true,
  acceptedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

async function withQuote<Row extends { quoteId: string | null; photos: string }>(row: Row, now: Date) {
  const stored = row.quoteId
    ? await db.quote.findUnique({ where: { id: row.quoteId }, select: { id: true, result: true, context: true, validUntil: true } })
    : null;
  const result: QuoteResult | null = stored ? fromJsonColumn(quoteResultSchema, "Quote.result", stored.result) : null;
  const lineCode = stored ? (JSON.parse(stored.context) as { shippingLine?: { code?: string } }).shippingLine?.code : undefined;
  const line = lineCode ? await findShippingLine(lineCode) : null;
  return {
    ...row,
    photos: JSON.parse(row.photos) as string[],
    quote:
      stored && result
        ? {
            id: stored.id,
            result,
            validUntil: stored.validUntil.toISOString(),
            expired: stored.validUntil <= now,
            line: line ? { code: line.code, nameZh: line.nameZh, nameEn: line.nameEn, volumetricDivisor: line.volumetricDivisor } : null,
          }
        : null,
  };
}

/** One request for its shopper only (null for anyone else: the route answers 404). */
export async function getOwnRequest(userId: string, id: string, now = new Date()) {
  const row = await db.productRequest.findFirst({ where: { id, userId }, select: detailSelect });
  return row ? withQuote(row, now) : null;
}

/** One request for an agent, with what the quote form offers (currencies, tax table, origins). */
export async function getRequestForAgent(id: string, now = new Date()) {
  const row = await db.productRequest.findUnique({
    where: { id },
    select: { ...detailSelect, user: { select: { name: true } } },
  });
  if (!row) return null;
  const [request, options] = await Promise.all([withQuote(row, now), getQuoteOptions()]);
  return { request, options };
}

/** A request's photo: to its shopper and to staff only. */
export async function requestPhotoVisible(viewer: SessionUser | null, id: string, name: string) {
  if (!viewer) return false;
  const row = await db.productRequest.findFirst({
    where: { id, ...(isStaff(viewer) ? {} : { userId: viewer.id }) },
    select: { photos: true },
  });
  return Boolean(row && (JSON.parse(row.photos) as string[]).includes(name));
}

export type AgentMoveOutcome =
  | { ok: true }
  | { ok: false; reason: "notFound" | "stale" | "final" | "noLine" | "unknownCurrency" | "unknownCategory" }
  | { ok: false; reason: "quoteFailed"; error: { code: string; message: string; details?: Record<string, unknown> } };

/** The calculator's request for the agent's inputs: the request's quantity of one item, the store's shipping on top. */
export function requestQuoteRequest(input: QuoteInput, quantity: number, annualCbecUsedCny: string): QuoteRequest {
  const dimensions =
    input.lengthCm && input.widthCm && input.heightCm
      ? { dimensionsCm: [input.lengthCm, input.widthCm, input.heightCm] as [number, number, number] }
      : {};
  const item: QuoteItem = {
    title: input.title,
    price: input.price,
    currency: input.currency,
    quantity,
    weightGrams: input.weightGrams,
    ...dimensions,
    taxCategory: input.taxCategory,
    domesticShipping: input.domesticShipping ?? "0",
  };
  return { items: [item], insurance: false, annualCbecUsedCny };
}

/**
 * The agent sends (or replaces) the quote: computed by the calculator on the origin's default line,
 * stored as the shopper's Quote, and the shopper notified in the same transaction as the move. A
 * quote made on a version someone else already changed is refused ("stale"), so two agents never
 * both quote and a re-quote always names what it replaced (quoteCount).
 */
export async function sendQuote(agent: SessionUser, id: string, input: QuoteInput, now = new Date()): Promise<AgentMoveOutcome> {
  const row = await db.productRequest.findUnique({
    where: { id },
    select: { id: true, userId: true, status: true, version: true, quantity: true, user: { select: { email: true } } },
  });
  if (!row) return { ok: false, reason: "notFound" };
  if (!AGENT_ACTIONABLE.includes(row.status as RequestStatus)) return { ok: false, reason: "final" };
  if (row.version !== input.version) return { ok: false, reason: "stale" };
  const options = await getQuoteOptions();
  if (!options.currencies.includes(input.currency)) return { ok: false, reason: "unknownCurrency" };
  if (!options.taxCategories.some((category) => category.code === input.taxCategory)) return { ok: false, reason: "unknownCategory" };
  const line = await findDefaultShippingLine(input.originCountry);
  if (!line) return { ok: false, reason: "noLine" };
  const request = requestQuoteRequest(input, row.quantity, await getAnnualCbecUsedCny(row.userId, now));
  const quoted = await quoteDocument({ request, context: { shippingLine: line.code } }, { userId: row.userId, store: true, now });
  if (!quoted.ok) return { ok: false, reason: "quoteFailed", error: quoted.error };
  const dimensionsCm =
    input.lengthCm && input.widthCm && input.heightCm ? JSON.stringify([input.lengthCm, input.widthCm, input.heightCm]) : null;
  return transactionWithRetry(async (tx) => {
    const moved = await tx.productRequest.updateMany({
      where: { id, version: input.version, status: { in: [...AGENT_ACTIONABLE] } },
      data: {
        status: "QUOTED",
        version: { increment: 1 },
        agentId: agent.id,
        title: input.title,
        price: input.price,
        currency: input.currency,
        domesticShipping: input.domesticShipping ?? "0",
        weightGrams: input.weightGrams,
        dimensionsCm,
        taxCategory: input.taxCategory,
        originCountry: input.originCountry,
        quoteId: quoted.quoteId,
        quoteCount: { increment: 1 },
        quotedAt: now,
        declineReason: null,
        declinedBy: null,
      },
    });
    if (moved.count !== 1) return { ok: false as const, reason: "stale" as const };
    await notify(
      tx,
      { userId: row.userId, email: row.user.email },
      "REQUEST_QUOTED",
      { title: input.title, total: quoted.quote.total },
      `/requests/${id}`,
    );
    return { ok: true as const };
  });
}

/** The agent declines with a reason: final, and the shopper is told why. */
export async function declineByAgent(agent: SessionUser, id: string, version: number, reason: string): Promise<AgentMoveOutcome> {
  const row = await db.productRequest.findUnique({
    where: { id },
    select: { userId: true, status: true, title: true, storeName: true, user: { select: { email: true } } },
  });
  if (!row) return { ok: false, reason: "notFound" };
  if (!AGENT_ACTIONABLE.includes(row.status as RequestStatus)) return { ok: false, reason: "final" };
  return transactionWithRetry(async (tx) => {
    const moved = await tx.productRequest.updateMany({
      where: { id, version, status: { in: [...AGENT_ACTIONABLE] } },
      data: { status: "DECLINED", version: { increment: 1 }, agentId: agent.id, declineReason: reason, declinedBy: "AGENT" },
    });
    if (moved.count !== 1) return { ok: false as const, reason: "stale" as const };
    await notify(
      tx,
      { userId: row.userId, email: row.user.email },
      "REQUEST_DECLINED",
      { title: row.title ?? row.storeName, reason },
      `/requests/${id}`,
    );
    return { ok: true as const };
  });
}

export type AcceptOutcome =
  | { ok: true; listingId: string; existing: boolean }
  | { ok: false; reason: "notFound" | "stale" | "notQuoted" | "expired" | "ratesStale" | "cartOtherStore"; storeName?: string };

/**
 * The shopper accepts the quote they saw (its version): in one transaction the request is ACCEPTED,
 * a one-off store, listing (and variant) are made for this shopper only, and the line is put in their
 * cart. A double submit or a second tab finds the request already accepted and lands on the cart.
 * An expired quote or stale rates are refused with a reason; the shopper then asks for a new quote.
 */
export async function acceptQuote(user: SessionUser, id: string, version: number, now = new Date()): Promise<AcceptOutcome> {
  const row = await db.productRequest.findFirst({ where: { id, userId: user.id }, select: { ...detailSelect } });
  if (!row) return { ok: false, reason: "notFound" };
  if (row.status === "ACCEPTED" && row.listingId) return { ok: true, listingId: row.listingId, existing: true };
  if (row.status !== "QUOTED" || !row.quoteId) return { ok: false, reason: "notQuoted" };
  if (row.version !== version) return { ok: false, reason: "stale" };
  const quote = await db.quote.findUnique({ where: { id: row.quoteId }, select: { validUntil: true } });
  if (!quote || quote.validUntil <= now) return { ok: false, reason: "expired" };
  const loaded = await loadPricingContext(undefined, now);
  if (!loaded.ok || staleness(loaded.shared.fx, now.toISOString(), loaded.shared.fees.ratesMaxAgeHours).stale) {
    return { ok: false, reason: "ratesStale" };
  }
  const category =
    (await db.category.findFirst({
      where: { taxCategory: row.taxCategory ?? "" },
      select: { slug: true },
      orderBy: { sortOrder: "asc" },
    })) ?? (await db.category.findFirst({ select: { slug: true }, orderBy: { sortOrder: "asc" } }));
  if (!category) throw new Error("no catalog category exists for a one-off listing");

  try {
    return await transactionWithRetry(async (tx): Promise<AcceptOutcome> => {
      await lockRow(tx, "User", user.id);
      // The claim comes first: a second submit finds the request accepted (and the cart line the
      // first one made), and lands on the cart like the first.
      const moved = await tx.productRequest.updateMany({
        where: { id, userId: user.id, status: "QUOTED", version, quoteId: row.quoteId },
        data: { status: "ACCEPTED", version: { increment: 1 }, acceptedAt: now },
      });
      if (moved.count !== 1) {
        const current = await tx.productRequest.findUnique({ where: { id }, select: { status: true, listingId: true } });
        if (current?.status === "ACCEPTED" && current.listingId) return { ok: true, listingId: current.listingId, existing: true };
        return { ok: false, reason: "stale" };
      }
      // A cart is one store's parcel: the one-off store is new, so any line already there is another
      // store's. Refused by rolling the claim back.
      const other = await tx.cartItem.findFirst({
        where: { userId: user.id },
        select: { listing: { select: { store: { select: { name: true } } } } },
      });
      if (other) throw new CartHoldsOtherStore(other.listing.store.name);
      const listingId = await createOneOffListing(tx, user.id, { ...row, categorySlug: category.slug });
      await tx.productRequest.update({ where: { id }, data: { listingId } });
      return { ok: true, listingId, existing: false };
    });
  } catch (error) {
    if (error instanceof CartHoldsOtherStore) return { ok: false, reason: "cartOtherStore", storeName: error.storeName };
    throw error;
  }
}

class CartHoldsOtherStore extends Error {
  constructor(readonly storeName: string) {
    super("the cart holds another store's goods");
  }
}

type AcceptedRow = {
  id: string;
  storeName: string;
  link: string | null;
  description: string;
  variant: string | null;
  quantity: number;
  photos: string;
  title: string | null;
  price: string | null;
  currency: string | null;
  domesticShipping: string | null;
  weightGrams: number | null;
  dimensionsCm: string | null;
  taxCategory: string | null;
  originCountry: string | null;
  categorySlug: string;
};

/** The source link an agent buys from: the shopper's link (unique per request by its fragment), else the request page. */
function oneOffSourceUrl(row: Pick<AcceptedRow, "id" | "link">) {
  if (!row.link) return `/requests/${row.id}`;
  const url = new URL(row.link);
  url.hash = `request-${row.id}`;
  return url.toString();
}

async function createOneOffListing(tx: Tx, userId: string, row: AcceptedRow) {
  const [length, width, height] = row.dimensionsCm ? (JSON.parse(row.dimensionsCm) as number[]) : [];
  const store = await tx.store.create({
    data: {
      slug: `request-${row.id}`,
      name: row.storeName,
      country: row.originCountry ?? "",
      currency: row.currency ?? "",
      platform: "REQUEST",
      baseUrl: row.link ? new URL(row.link).origin : "",
    },
    select: { id: true },
  });
  const title = row.title ?? row.storeName;
  const listing = await tx.listing.create({
    data: {
      storeId: store.id,
      categorySlug: row.categorySlug,
      sourceUrl: oneOffSourceUrl(row),
      title,
      titleZh: title,
      description: row.description,
      descriptionZh: row.description,
      localizationStatus: "REVIEWED",
      status: "PRIVATE",
      oneOffUserId: userId,
      price: row.price ?? "0",
      currency: row.currency ?? "",
      domesticShipping: row.domesticShipping ?? "0",
      weightGrams: row.weightGrams,
      lengthCm: length ?? null,
      widthCm: width ?? null,
      heightCm: height ?? null,
      taxCategory: row.taxCategory ?? "",
      // Never priced for lists: the landed-price job skips one-off listings, and this says why.
      landedStatus: "ONE_OFF",
      images: {
        create: (JSON.parse(row.photos) as string[]).map((name, position) => ({
          url: requestPhotoUrl(row.id, name),
          alt: title,
          position,
        })),
      },
    },
    select: { id: true },
  });
  const variant = row.variant
    ? await tx.listingVariant.create({
        data: {
          listingId: listing.id,
          title: row.variant,
          titleZh: row.variant,
          price: row.price ?? "0",
          weightGrams: row.weightGrams,
          position: 0,
        },
        select: { id: true },
      })
    : null;
  await tx.cartItem.create({ data: { userId, listingId: listing.id, variantId: variant?.id ?? "", quantity: row.quantity } });
  return listing.id;
}

export type ShopperMoveOutcome = { ok: true } | { ok: false; reason: "notFound" | "stale" };

/** The shopper declines the quote (or withdraws a request not yet quoted): final. */
export async function declineByShopper(user: SessionUser, id: string, version: number): Promise<ShopperMoveOutcome> {
  const moved = await db.productRequest.updateMany({
    where: { id, userId: user.id, version, status: { in: ["OPEN", "QUOTED"] } },
    data: { status: "CANCELLED", version: { increment: 1 }, declinedBy: "SHOPPER" },
  });
  if (moved.count === 1) return { ok: true };
  return (await db.productRequest.count({ where: { id, userId: user.id } }))
    ? { ok: false, reason: "stale" }
    : { ok: false, reason: "notFound" };
}

/** The quote expired (or the rates went stale): the shopper sends the request back to the agents' queue. */
export async function askForRequote(user: SessionUser, id: string, version: number): Promise<ShopperMoveOutcome> {
  const moved = await db.productRequest.updateMany({
    where: { id, userId: user.id, version, status: "QUOTED" },
    data: { status: "OPEN", version: { increment: 1 } },
  });
  if (moved.count === 1) return { ok: true };
  return (await db.productRequest.count({ where: { id, userId: user.id } }))
    ? { ok: false, reason: "stale" }
    : { ok: false, reason: "notFound" };
}

/** Who may see a one-off listing's page: its shopper and staff (everyone else gets a 404). */
export function oneOffListingWhere(viewer: Pick<SessionUser, "id" | "role"> | null) {
  if (!viewer) return [];
  return [isStaff(viewer) ? { status: "PRIVATE" } : { status: "PRIVATE", oneOffUserId: viewer.id }];
}
