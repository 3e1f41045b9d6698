import { z } from "zod";

// Forms of the import and review pages; messages are locale keys.
export const importFormSchema = z.object({
  url: z
    .string({ required_error: "catalog:import.errors.urlRequired" })
    .trim()
    .max(2000, "catalog:import.errors.urlInvalid")
    .url("catalog:import.errors.urlInvalid")
    .refine((value) => /^https?:\/\//i.test(value), "catalog:import.errors.urlScheme"),
});

export const reviewFormSchema = z.object({
  titleZh: z.string({ required_error: "catalog:review.errors.titleRequired" }).trim().min(2, "catalog:review.errors.titleRequired").max(200, "catalog:review.errors.tooLong"),
  descriptionZh: z.string({ required_error: "catalog:review.errors.descriptionRequired" }).trim().min(2, "catalog:review.errors.descriptionRequired").max(5000, "catalog:review.errors.tooLong"),
  categorySlug: z.string({ required_error: "catalog:review.errors.categoryRequired" }).regex(/^[a-z0-9-]{1,40}$/, "catalog:review.errors.categoryRequired"),
  weightGrams: z.number({ invalid_type_error: "catalog:review.errors.weightInvalid" }).int("catalog:review.errors.weightInvalid").min(1, "catalog:review.errors.weightInvalid").max(100_000, "catalog:review.errors.weightInvalid").optional(),
  intent: z.enum(["save", "publish"]),
});

export type ReviewForm = z.infer<typeof reviewFormSchema>;
