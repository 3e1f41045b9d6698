import { z } from "zod";
import { incompleteRows, personalizationRowSchema } from "./catalog/personalization";

// Forms of the import and review pages; messages are locale keys.
export const importFormSchema = z.object({
  url: z
    .string({ required_error: "catalog:import.errors.urlRequired" })
    .trim()
    .max(2000, "catalog:import.errors.urlInvalid")
    .url("catalog:import.errors.urlInvalid")
    .refine((value) => /^https?:\/\//i.test(value), "catalog:import.errors.urlScheme"),
});

const optionalWeight = z
  .number({ invalid_type_error: "catalog:review.errors.weightInvalid" })
  .int("catalog:review.errors.weightInvalid")
  .min(1, "catalog:review.errors.weightInvalid")
  .max(100_000, "catalog:review.errors.weightInvalid")
  .optional();

const variantSide = z
  .number({ invalid_type_error: "product:variant.errors.size" })
  .positive("product:variant.errors.size")
  .max(500, "product:variant.errors.size")
  .optional();

export const variantParcelFormSchema = z
  .object({
    id: z.string().min(1).max(64),
    weightGrams: optionalWeight,
    lengthCm: variantSide,
    widthCm: variantSide,
    heightCm: variantSide,
  })
  // A box is all three sides or none: half a size would be quoted as no size.
  .refine((variant) => [variant.lengthCm, variant.widthCm, variant.heightCm].filter((side) => side === undefined).length % 3 === 0, {
    message: "product:variant.errors.sizeAll",
    path: ["lengthCm"],
  });

export const reviewFormSchema = z.object({
  titleZh: z
    .string({ required_error: "catalog:review.errors.titleRequired" })
    .trim()
    .min(2, "catalog:review.errors.titleRequired")
    .max(200, "catalog:review.errors.tooLong"),
  descriptionZh: z
    .string({ required_error: "catalog:review.errors.descriptionRequired" })
    .trim()
    .min(2, "catalog:review.errors.descriptionRequired")
    .max(5000, "catalog:review.errors.tooLong"),
  categorySlug: z
    .string({ required_error: "catalog:review.errors.categoryRequired" })
    .regex(/^[a-z0-9-]{1,40}$/, "catalog:review.errors.categoryRequired"),
  weightGrams: optionalWeight,
  // Each variant's own parcel (a 3-pack weighs three); empty fields: the listing's weight and size apply.
  variants: z.array(variantParcelFormSchema).max(250).optional(),
  // What a shopper fills in (an engraving): up to five fields; an empty row is left out.
  personalization: z
    .array(personalizationRowSchema)
    .max(5)
    .optional()
    .superRefine((rows, context) => {
      for (const { path } of incompleteRows(rows ?? []))
        context.addIssue({ code: z.ZodIssueCode.custom, path, message: "product:personalization.errors.rowIncomplete" });
    }),
  intent: z.enum(["save", "publish"]),
});

export type ReviewForm = z.infer<typeof reviewFormSchema>;

const httpUrl = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .url(message)
    .refine((value) => /^https?:\/\//i.test(value), message);

// An agent's form for stores with neither Shopify JSON nor schema.org data.
export const manualListingSchema = z.object({
  storeId: z.string({ required_error: "catalog:manual.errors.storeRequired" }).min(1, "catalog:manual.errors.storeRequired"),
  sourceUrl: httpUrl("catalog:manual.errors.urlInvalid"),
  title: z
    .string({ required_error: "catalog:manual.errors.titleRequired" })
    .trim()
    .min(2, "catalog:manual.errors.titleRequired")
    .max(500, "catalog:review.errors.tooLong"),
  description: z.string().trim().max(5000, "catalog:review.errors.tooLong").optional(),
  price: z
    .string({ required_error: "catalog:manual.errors.priceInvalid" })
    .trim()
    .refine((value) => /^\d{1,9}(\.\d{1,3})?$/.test(value) && Number(value) > 0, "catalog:manual.errors.priceInvalid"),
  available: z.boolean().optional(),
  weightGrams: optionalWeight,
  imageUrls: z
    .string()
    .optional()
    .transform((value) => [...new Set((value ?? "").split(/\s+/).filter(Boolean))])
    .refine((urls) => urls.length <= 12, "catalog:manual.errors.tooManyImages")
    .refine((urls) => urls.every((url) => /^https?:\/\/\S+$/i.test(url)), "catalog:manual.errors.imageInvalid"),
});

export type ManualListingForm = z.infer<typeof manualListingSchema>;
