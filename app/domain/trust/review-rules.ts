import { REVIEW_PHOTOS_MAX, REVIEW_SCORES, type ReviewScore, type ReviewScores } from "./review-form";

/** A review as public pages show it (`When` is a Date on the server, its JSON string in the browser). */
export type PublicReview<When = Date> = {
  id: string;
  reviewer: string;
  variantName: string | null;
  scores: Record<ReviewScore, number>;
  text: string;
  photos: string[];
  createdAt: When;
  edited: boolean;
};

// Who may review what, for how long, how a reviewer is named in public, and the summary of many reviews.

const DAY_MS = 86_400_000;
/** Orders whose goods reached the shopper: only these can be reviewed. */
export const REVIEWABLE_STATUSES = ["DELIVERED", "COMPLETED"] as const;

export type ReviewRefusal = "notFound" | "notDelivered" | "alreadyReviewed" | "editWindowClosed";

type OrderFacts = { userId: string; status: string };

/** Why `userId` may not write a first review of an item of `order`, or null when they may. */
export function reviewRefusal(userId: string, order: OrderFacts, existing: { id: string } | null): ReviewRefusal | null {
  // Someone else's order is "not found": its existence is not disclosed.
  if (order.userId !== userId) return "notFound";
  if (!(REVIEWABLE_STATUSES as readonly string[]).includes(order.status)) return "notDelivered";
  if (existing) return "alreadyReviewed";
  return null;
}

/** The moment a review written at `createdAt` stops being editable. */
export function editDeadline(createdAt: Date, editDays: number): Date {
  return new Date(createdAt.getTime() + editDays * DAY_MS);
}

/** Why `userId` may not edit `review` at `now`, or null when they may. A hidden review is still the author's to edit. */
export function editRefusal(
  userId: string,
  review: { userId: string; createdAt: Date } | null,
  editDays: number,
  now: Date,
): ReviewRefusal | null {
  if (!review || review.userId !== userId) return "notFound";
  if (now.getTime() >= editDeadline(review.createdAt, editDays).getTime()) return "editWindowClosed";
  return null;
}

/** The photos a saved review has: those it keeps (only its own) and the new uploads, at most the limit. */
export function mergedPhotos(current: readonly string[], keep: readonly string[], added: readonly string[]): string[] | null {
  const kept = current.filter((name) => keep.includes(name));
  const all = [...kept, ...added];
  return all.length > REVIEW_PHOTOS_MAX ? null : all;
}

/** A reviewer's public name: the first character, then stars (李** , J***). Never more of the real name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  const first = chars[0];
  if (!first) return "***";
  // Latin names show an upper-case initial; a one-character name still gets stars, so length tells nothing.
  const initial = /[a-z]/i.test(first) ? first.toUpperCase() : first;
  return initial + "*".repeat(/[a-z]/i.test(first) ? 3 : 2);
}

export type ReviewMeans = Record<ReviewScore, number | null> & { overall: number | null };
export type ReviewSummary = { count: number; enough: boolean; minimumSample: number } & ReviewMeans;

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export type ReviewTotals = { count: number; sums: Record<ReviewScore, number> };

/**
 * The summary of visible reviews from their count and each dimension's sum (what a database aggregate
 * gives): each dimension's mean and the overall mean (of every score of every review), to one decimal.
 * Below `minimumSample` reviews there is no mean at all (null), so no page can show a number from two reviews.
 */
export function summaryFromTotals({ count, sums }: ReviewTotals, minimumSample: number): ReviewSummary {
  const enough = count > 0 && count >= minimumSample;
  const mean = (sum: number, of: number) => (enough ? oneDecimal(sum / of) : null);
  const means = Object.fromEntries(REVIEW_SCORES.map((key) => [key, mean(sums[key], count)])) as Record<ReviewScore, number | null>;
  const total = REVIEW_SCORES.reduce((sum, key) => sum + sums[key], 0);
  return { count, enough, minimumSample, ...means, overall: mean(total, count * REVIEW_SCORES.length) };
}

/** The same summary from the reviews themselves. */
export function summarizeReviews(reviews: readonly ReviewScores[], minimumSample: number): ReviewSummary {
  const sums = Object.fromEntries(REVIEW_SCORES.map((key) => [key, reviews.reduce((sum, review) => sum + review[key], 0)])) as Record<
    ReviewScore,
    number
  >;
  return summaryFromTotals({ count: reviews.length, sums }, minimumSample);
}
