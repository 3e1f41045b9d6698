import { z } from "zod";

// What admins set at /admin/reminders: the check-in delay and, per category, the re-order cadence of
// consumables (blank: the category is not a consumable).

export const CHECK_IN_DAYS_MAX = 60;
export const CADENCE_DAYS_MAX = 365;
/** More categories than a shop could have: a form with more entries is refused, not cut. */
export const CADENCES_MAX = 500;

const checkInDays = z
  .number({ required_error: "revisits:errors.checkInDays", invalid_type_error: "revisits:errors.checkInDays" })
  .int("revisits:errors.checkInDays")
  .min(1, "revisits:errors.checkInDays")
  .max(CHECK_IN_DAYS_MAX, "revisits:errors.checkInDays");

const cadence = z.object({
  slug: z.string({ required_error: "revisits:errors.invalid" }).trim().min(1, "revisits:errors.invalid").max(64, "revisits:errors.invalid"),
  days: z
    .number({ invalid_type_error: "revisits:errors.cadenceDays" })
    .int("revisits:errors.cadenceDays")
    .min(1, "revisits:errors.cadenceDays")
    .max(CADENCE_DAYS_MAX, "revisits:errors.cadenceDays")
    .optional(),
});

export const revisitSettingsSchema = z.object({
  checkInDays,
  cadences: z
    .array(cadence)
    .max(CADENCES_MAX, "revisits:errors.invalid")
    .default([])
    .superRefine((rows, ctx) => {
      const slugs = rows.map((row) => row.slug);
      if (new Set(slugs).size !== slugs.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "revisits:errors.invalid" });
    }),
});
export type RevisitSettingsInput = z.output<typeof revisitSettingsSchema>;
