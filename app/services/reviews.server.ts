import { z } from "zod";
import type { ReviewFormInput, ReviewModerationInput } from "~/domain/trust/review-form";
import { REVIEW_SCORES, type ReviewScore } from "~/domain/trust/review-form";
import {
  editDeadline,
  editRefusal,
  maskName,
  mergedPhotos,
  reviewRefusal,
  summaryFromTotals,
  type PublicReview,
  type ReviewRefusal,
  type ReviewSummary,
} from "~/domain/trust/review-rules";
import type { SessionUser } from "~/utils/auth.server";
import { db, Prisma } from "~/utils/db.server";
import { discardPhotos } from "./order-photos.server";
import { getTrustSettings } from "./trust-settings.server";

// Verified reviews (#15): the shopper of a delivered order reviews each item once — the goods against the
// listing and the agent's service — and may edit it for reviewEditDays. Listing, store and agent are copied
// from the order when it is written, so pages read reviews by them without joining orders. Admins hide a
// review with a reason (audited) and never edit it; hidden reviews count nowhere.

export const REVIEWS_PAGE_SIZE = 10;
const photoList = z.array(z.string()).catch([]);
const parsePhotos = (text: string) => {
  try {
    return photoList.parse(JSON.parse(text));
  } catch {
    return [];
  }
};

const scoreSelect = Object.fromEntries(REVIEW_SCORES.map((key) => [key, true])) as Record<ReviewScore, true>;

// What a public page shows of a review: never the reviewer's name in full, their id or the order.
const PUBLIC_SELECT = {
  id: true,
  variantName: true,
  ...scoreSelect,
  text: true,
  photos: true,
  createdAt: true,
  version: true,
  user: { select: { name: true } },
} satisfies Prisma.ReviewSelect;

type PublicRow = Prisma.ReviewGetPayload<{ select: typeof PUBLIC_SELECT }>;

function toPublic(row: PublicRow): PublicReview {
  return {
    id: row.id,
    reviewer: maskName(row.user.name),
    variantName: row.variantName,
    scores: Object.fromEntries(REVIEW_SCORES.map((key) => [key, row[key]])) as Record<ReviewScore, number>,
    text: row.text,
    photos: parsePhotos(row.photos),
    createdAt: row.createdAt,
    edited: row.version > 0,
  };
}

export type ReviewPage = { reviews: PublicReview[]; total: number; page: number; pages: number };

async function visibleReviews(where: Prisma.ReviewWhereInput, page: number, pageSize: number): Promise<ReviewPage> {
  const scoped = { ...where, hiddenAt: null };
  const [rows, total] = await Promise.all([
    db.review.findMany({
      where: scoped,
      select: PUBLIC_SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.review.count({ where: scoped }),
  ]);
  return { reviews: rows.map(toPublic), total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

type PageOptions = { page?: number; pageSize?: number };
const pageOf = (options: PageOptions) => Math.max(1, Math.floor(options.page ?? 1));

/** A listing's visible reviews, newest first. */
export function listReviewsForListing(listingId: string, options: PageOptions = {}) {
  return visibleReviews({ listingId }, pageOf(options), options.pageSize ?? REVIEWS_PAGE_SIZE);
}

/** A store's visible reviews (of every listing bought from it), newest first. */
export function listReviewsForStore(storeId: string, options: PageOptions = {}) {
  return visibleReviews({ storeId }, pageOf(options), options.pageSize ?? REVIEWS_PAGE_SIZE);
}

async function summaryOf(where: Prisma.ReviewWhereInput): Promise<ReviewSummary> {
  const [{ minimumSample }, totals] = await Promise.all([
    getTrustSettings(),
    db.review.aggregate({ where: { ...where, hiddenAt: null }, _count: { _all: true }, _sum: scoreSelect }),
  ]);
  const sums = Object.fromEntries(REVIEW_SCORES.map((key) => [key, totals._sum[key] ?? 0])) as Record<ReviewScore, number>;
  return summaryFromTotals({ count: totals._count._all, sums }, minimumSample);
}

/** Means of a store's visible reviews; `enough` is false (and every mean null) below the minimum sample. */
export function reviewSummaryForStore(storeId: string) {
  return summaryOf({ storeId });
}

export function reviewSummaryForListing(listingId: string) {
  return summaryOf({ listingId });
}

/** Means of the reviews of the orders an agent handled (the service scores are about them). */
export function reviewSummaryForAgent(agentId: string) {
  return summaryOf({ agentId });
}

// ---- the shopper's side -------------------------------------------------------------------------

const OWN_SELECT = {
  id: true,
  ...scoreSelect,
  text: true,
  photos: true,
  version: true,
  createdAt: true,
  hiddenAt: true,
  hiddenReason: true,
} satisfies Prisma.ReviewSelect;

/** An order's items with the shopper's review of each, for the review page; null unless it is their order. */
export async function getOrderReviews(user: Pick<SessionUser, "id">, orderId: string, now = new Date()) {
  const [order, { reviewEditDays }] = await Promise.all([
    db.order.findFirst({
      where: { id: orderId, userId: user.id },
      select: {
        id: true,
        number: true,
        status: true,
        userId: true,
        items: {
          select: { id: true, title: true, titleZh: true, variantName: true, imageUrl: true, review: { select: OWN_SELECT } },
          orderBy: { position: "asc" },
        },
      },
    }),
    getTrustSettings(),
  ]);
  if (!order) return null;
  const reviewable = reviewRefusal(user.id, order, null) === null;
  return {
    order: { id: order.id, number: order.number, status: order.status },
    reviewable,
    editDays: reviewEditDays,
    items: order.items.map(({ review, ...item }) => {
      if (!review) return { ...item, review: null };
      const deadline = editDeadline(review.createdAt, reviewEditDays);
      return {
        ...item,
        review: { ...review, photos: parsePhotos(review.photos), editableUntil: deadline, editable: now < deadline },
      };
    }),
  };
}

export type WriteReviewResult =
  { ok: true; reviewId: string; created: boolean } | { ok: false; reason: ReviewRefusal | "stale" | "tooManyPhotos" };

/**
 * Writes the shopper's review of one item of their order, or edits the one they wrote (within the window,
 * from the version they saw). `photos` are newly stored uploads; the caller discards them when this refuses.
 */
export async function writeReview(
  user: Pick<SessionUser, "id">,
  orderId: string,
  input: ReviewFormInput,
  photos: string[],
  now = new Date(),
): Promise<WriteReviewResult> {
  const item = await db.orderItem.findFirst({
    // Owner in the query: another shopper's item is simply not found.
    where: { id: input.orderItemId, orderId, order: { userId: user.id } },
    select: {
      id: true,
      listingId: true,
      variantName: true,
      order: { select: { id: true, userId: true, status: true, storeId: true, agentId: true } },
      review: { select: { id: true, userId: true, createdAt: true, version: true, photos: true } },
    },
  });
  if (!item) return { ok: false, reason: "notFound" };
  const scores = Object.fromEntries(REVIEW_SCORES.map((key) => [key, input[key]])) as Record<ReviewScore, number>;
  const existing = item.review;
  if (!existing) {
    const refused = reviewRefusal(user.id, item.order, null);
    if (refused) return { ok: false, reason: refused };
    const all = mergedPhotos([], [], photos);
    if (!all) return { ok: false, reason: "tooManyPhotos" };
    try {
      const created = await db.review.create({
        data: {
          orderItemId: item.id,
          orderId: item.order.id,
          userId: user.id,
          listingId: item.listingId,
          storeId: item.order.storeId,
          agentId: item.order.agentId,
          variantName: item.variantName,
          ...scores,
          text: input.text,
          photos: JSON.stringify(all),
        },
        select: { id: true },
      });
      return { ok: true, reviewId: created.id, created: true };
    } catch (error) {
      // Two tabs submitting the first review at once: the unique orderItemId lets one through.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "alreadyReviewed" };
      throw error;
    }
  }
  const { reviewEditDays } = await getTrustSettings();
  const refused = editRefusal(user.id, existing, reviewEditDays, now);
  if (refused) return { ok: false, reason: refused };
  // An edit must say which version it changes; without one it is a second "first review".
  if (input.version === undefined) return { ok: false, reason: "alreadyReviewed" };
  const current = parsePhotos(existing.photos);
  const all = mergedPhotos(current, input.keepPhotos, photos);
  if (!all) return { ok: false, reason: "tooManyPhotos" };
  const updated = await db.review.updateMany({
    where: { id: existing.id, userId: user.id, version: input.version },
    data: { ...scores, text: input.text, photos: JSON.stringify(all), version: { increment: 1 } },
  });
  if (updated.count === 0) return { ok: false, reason: "stale" };
  await discardPhotos(current.filter((name) => !all.includes(name)));
  return { ok: true, reviewId: existing.id, created: false };
}

/** Whether `viewer` may see photo `name` of review `reviewId`: anyone while it is visible, its author and admins always. */
export async function reviewPhotoVisible(viewer: Pick<SessionUser, "id" | "role"> | null, reviewId: string, name: string) {
  const review = await db.review.findUnique({ where: { id: reviewId }, select: { photos: true, hiddenAt: true, userId: true } });
  if (!review || !parsePhotos(review.photos).includes(name)) return false;
  return review.hiddenAt === null || viewer?.role === "ADMIN" || viewer?.id === review.userId;
}

// ---- admins --------------------------------------------------------------------------------------

/** Every review, newest first, hidden ones included, for the admins' list. */
export async function listRecentReviews(options: PageOptions & { hiddenOnly?: boolean } = {}) {
  const page = pageOf(options);
  const pageSize = options.pageSize ?? 30;
  const where: Prisma.ReviewWhereInput = options.hiddenOnly ? { hiddenAt: { not: null } } : {};
  const [rows, total] = await Promise.all([
    db.review.findMany({
      where,
      select: {
        ...PUBLIC_SELECT,
        hiddenAt: true,
        hiddenReason: true,
        listingId: true,
        orderId: true,
        orderItem: { select: { titleZh: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.review.count({ where }),
  ]);
  return {
    reviews: rows.map((row) => ({
      ...toPublic(row),
      hiddenAt: row.hiddenAt,
      hiddenReason: row.hiddenReason,
      listingId: row.listingId,
      orderId: row.orderId,
      itemTitle: row.orderItem.titleZh,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export type ModerateResult = { ok: true } | { ok: false; reason: "notFound" | "unchanged" };

/** Hides a review with a reason, or shows it again; each change audited. The review's own content is never touched. */
export async function moderateReview(
  admin: Pick<SessionUser, "id">,
  input: ReviewModerationInput,
  now = new Date(),
): Promise<ModerateResult> {
  return db.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: input.reviewId }, select: { id: true, hiddenAt: true, hiddenReason: true } });
    if (!review) return { ok: false as const, reason: "notFound" as const };
    const hide = input.intent === "hide";
    const changed = await tx.review.updateMany({
      where: { id: review.id, hiddenAt: hide ? null : { not: null } },
      data: hide
        ? { hiddenAt: now, hiddenReason: input.reason, hiddenById: admin.id }
        : { hiddenAt: null, hiddenReason: null, hiddenById: null },
    });
    if (changed.count === 0) return { ok: false as const, reason: "unchanged" as const };
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "Review",
        entityId: review.id,
        action: input.intent,
        before: JSON.stringify({ hiddenAt: review.hiddenAt, hiddenReason: review.hiddenReason }),
        after: JSON.stringify(hide ? { hiddenAt: now, hiddenReason: input.reason } : { hiddenAt: null, hiddenReason: null }),
      },
    });
    return { ok: true as const };
  });
}
