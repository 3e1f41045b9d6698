import { z } from "zod";

// The forms of "buy anything for me" requests: the shopper's request and the
// agent's quote inputs. Messages are locale keys of the `requests` namespace; every field is bounded.

export const REQUEST_LIMITS = {
  storeName: 120,
  link: 2000,
  description: 2000,
  variant: 200,
  quantity: 99,
  budgetYuan: 1_000_000,
  title: 200,
  reason: 500,
} as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "requests:errors.tooLong")
    .optional()
    .transform((value) => (value ? value : undefined));

const cnyAmount = /^\d{1,7}(\.\d{1,2})?$/;

export const requestFormSchema = z.object({
  storeName: z
    .string({ required_error: "requests:errors.storeRequired" })
    .trim()
    .min(1, "requests:errors.storeRequired")
    .max(REQUEST_LIMITS.storeName, "requests:errors.tooLong"),
  link: z
    .string()
    .trim()
    .max(REQUEST_LIMITS.link, "requests:errors.tooLong")
    .url("requests:errors.linkInvalid")
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), "requests:errors.linkInvalid")
    .optional(),
  description: z
    .string({ required_error: "requests:errors.descriptionRequired" })
    .trim()
    .min(5, "requests:errors.descriptionRequired")
    .max(REQUEST_LIMITS.description, "requests:errors.tooLong"),
  variant: optionalText(REQUEST_LIMITS.variant),
  quantity: z
    .number({ required_error: "requests:errors.quantityInvalid", invalid_type_error: "requests:errors.quantityInvalid" })
    .int("requests:errors.quantityInvalid")
    .min(1, "requests:errors.quantityInvalid")
    .max(REQUEST_LIMITS.quantity, "requests:errors.quantityInvalid"),
  budget: z
    .string()
    .trim()
    .refine((value) => cnyAmount.test(value) && Number(value) > 0, "requests:errors.budgetInvalid")
    .optional(),
});

export type RequestForm = z.infer<typeof requestFormSchema>;

/** "12.5" yuan as fen, exactly (no float arithmetic): 1250. */
export function yuanToFen(value: string): number {
  const [whole = "0", fraction = ""] = value.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
}

const STORE_AMOUNT = /^\d{1,9}(\.\d{1,4})?$/;

/** An amount in the store's currency: one check, so a bad amount gets one message. */
const storeAmount = (options: { positive: boolean }) =>
  z
    .string({ required_error: "requests:errors.amountInvalid" })
    .trim()
    .refine((value) => STORE_AMOUNT.test(value) && (!options.positive || Number(value) > 0), "requests:errors.amountInvalid");

const dimension = z
  .number({ invalid_type_error: "requests:errors.dimensionInvalid" })
  .positive("requests:errors.dimensionInvalid")
  .max(500, "requests:errors.dimensionInvalid")
  .optional();

export const quoteInputSchema = z.object({
  intent: z.literal("quote"),
  version: z.number({ required_error: "requests:errors.stale" }).int().min(0),
  title: z
    .string({ required_error: "requests:errors.titleRequired" })
    .trim()
    .min(2, "requests:errors.titleRequired")
    .max(REQUEST_LIMITS.title, "requests:errors.tooLong"),
  price: storeAmount({ positive: true }),
  currency: z.string({ required_error: "requests:errors.currencyInvalid" }).regex(/^[A-Z]{3}$/, "requests:errors.currencyInvalid"),
  domesticShipping: storeAmount({ positive: false }).optional(),
  weightGrams: z
    .number({ required_error: "requests:errors.weightInvalid", invalid_type_error: "requests:errors.weightInvalid" })
    .int("requests:errors.weightInvalid")
    .min(1, "requests:errors.weightInvalid")
    .max(100_000, "requests:errors.weightInvalid"),
  lengthCm: dimension,
  widthCm: dimension,
  heightCm: dimension,
  taxCategory: z
    .string({ required_error: "requests:errors.categoryRequired" })
    .regex(/^[a-z0-9_-]{1,40}$/i, "requests:errors.categoryRequired"),
  originCountry: z.string({ required_error: "requests:errors.originInvalid" }).regex(/^[A-Z]{2}$/, "requests:errors.originInvalid"),
});

export type QuoteInput = z.infer<typeof quoteInputSchema>;

export const declineSchema = z.object({
  intent: z.literal("decline"),
  version: z.number({ required_error: "requests:errors.stale" }).int().min(0),
  reason: z
    .string({ required_error: "requests:errors.reasonRequired" })
    .trim()
    .min(2, "requests:errors.reasonRequired")
    .max(REQUEST_LIMITS.reason, "requests:errors.tooLong"),
});

export const agentRequestSchema = z.discriminatedUnion("intent", [quoteInputSchema, declineSchema]);

export const shopperDecisionSchema = z.object({
  intent: z.enum(["accept", "decline", "requote"]),
  version: z.number({ required_error: "requests:errors.stale" }).int().min(0),
});
