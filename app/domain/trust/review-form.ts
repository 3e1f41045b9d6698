import { z } from "zod";
import { MAX_PHOTOS_PER_FORM, STORED_PHOTO_NAME } from "~/domain/orders/photos";

// The review form (one order item): five scores, a text, photos; and an admin hiding one.

export const REVIEW_SCORES = ["accuracy", "quality", "speed", "communication", "packaging"] as const;
export type ReviewScore = (typeof REVIEW_SCORES)[number];
/** Item scores (against the listing) and service scores (the agent), as the form groups them. */
export const ITEM_SCORES = ["accuracy", "quality"] as const satisfies readonly ReviewScore[];
export const SERVICE_SCORES = ["speed", "communication", "packaging"] as const satisfies readonly ReviewScore[];

export const REVIEW_TEXT_MIN = 5;
export const REVIEW_TEXT_MAX = 1000;
export const REVIEW_PHOTOS_MAX = MAX_PHOTOS_PER_FORM;
export const HIDE_REASON_MAX = 500;

const score = z
  .number({ required_error: "reviews:errors.scoreRequired", invalid_type_error: "reviews:errors.scoreInvalid" })
  .int("reviews:errors.scoreInvalid")
  .min(1, "reviews:errors.scoreInvalid")
  .max(5, "reviews:errors.scoreInvalid");

const id = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(64, message);

export const reviewFormSchema = z.object({
  orderItemId: id("reviews:errors.itemUnknown"),
  accuracy: score,
  quality: score,
  speed: score,
  communication: score,
  packaging: score,
  text: z
    .string({ required_error: "reviews:errors.textTooShort" })
    .trim()
    .min(REVIEW_TEXT_MIN, "reviews:errors.textTooShort")
    .max(REVIEW_TEXT_MAX, "reviews:errors.textTooLong"),
  /** Set when editing: the version the shopper saw, so a second tab's edit is not overwritten. */
  version: z
    .number({ invalid_type_error: "reviews:errors.versionInvalid" })
    .int("reviews:errors.versionInvalid")
    .min(0, "reviews:errors.versionInvalid")
    .max(1_000_000, "reviews:errors.versionInvalid")
    .optional(),
  /** Stored photos an edit keeps (the rest are dropped); new uploads come as files. */
  keepPhotos: z
    .array(z.string().regex(STORED_PHOTO_NAME, "reviews:errors.photoUnknown"))
    .max(REVIEW_PHOTOS_MAX, "reviews:errors.photosTooMany")
    .default([]),
});
export type ReviewFormInput = z.output<typeof reviewFormSchema>;
export type ReviewScores = Pick<ReviewFormInput, ReviewScore>;

export const reviewModerationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("hide"),
    reviewId: id("reviews:errors.reviewUnknown"),
    reason: z
      .string({ required_error: "reviews:errors.reasonRequired" })
      .trim()
      .min(1, "reviews:errors.reasonRequired")
      .max(HIDE_REASON_MAX, "reviews:errors.reasonTooLong"),
  }),
  z.object({ intent: z.literal("unhide"), reviewId: id("reviews:errors.reviewUnknown") }),
]);
export type ReviewModerationInput = z.output<typeof reviewModerationSchema>;
