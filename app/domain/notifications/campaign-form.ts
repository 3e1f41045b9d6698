import { z } from "zod";
import { CAP_MAX, CAP_MIN } from "./frequency-cap";

// What an admin composes at /admin/campaigns: the kind names what the campaign shows (a store's newest
// listings, or a category's), and the subject and intro come in both languages.

export const CAMPAIGN_KINDS = ["NEW_ARRIVALS", "CATEGORY_SALE"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const SUBJECT_MAX = 120;
export const INTRO_MAX = 1_000;
/** A campaign shows at most this many listings: a mail, not a catalog. */
export const CAMPAIGN_LISTINGS_MAX = 6;

const text = (max: number) =>
  z.string({ required_error: "promo:errors.required" }).trim().min(1, "promo:errors.required").max(max, "promo:errors.tooLong");
const id = z.string().trim().max(64, "promo:errors.tooLong").optional();

export const campaignSchema = z
  .object({
    kind: z.enum(CAMPAIGN_KINDS, { errorMap: () => ({ message: "promo:errors.kind" }) }),
    storeId: id,
    categorySlug: id,
    subjectZh: text(SUBJECT_MAX),
    subjectEn: text(SUBJECT_MAX),
    introZh: text(INTRO_MAX),
    introEn: text(INTRO_MAX),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "NEW_ARRIVALS" && !value.storeId)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["storeId"], message: "promo:errors.storeRequired" });
    if (value.kind === "CATEGORY_SALE" && !value.categorySlug)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["categorySlug"], message: "promo:errors.categoryRequired" });
  })
  .transform((value) => ({
    ...value,
    // Only the target the kind uses is kept: a store picked before switching to a category sale is dropped.
    storeId: value.kind === "NEW_ARRIVALS" ? (value.storeId ?? null) : null,
    categorySlug: value.kind === "CATEGORY_SALE" ? (value.categorySlug ?? null) : null,
  }));
export type CampaignInput = z.infer<typeof campaignSchema>;

export const capSchema = z.object({
  // Parsed by ~/utils/parse-form (strict digits), never z.coerce.
  weeklyCap: z
    .number({ invalid_type_error: "promo:errors.cap", required_error: "promo:errors.cap" })
    .int("promo:errors.cap")
    .min(CAP_MIN, "promo:errors.cap")
    .max(CAP_MAX, "promo:errors.cap"),
});
