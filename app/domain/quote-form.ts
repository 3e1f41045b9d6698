import { z } from "zod";
import type { QuoteRequest } from "./landed-cost";

// The quote page's form: what a shopper types, in the browser's terms (conform coerces the strings).
// Messages are locale keys. It becomes the calculator's request through toQuoteRequest().
const decimal = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .regex(/^\d{1,9}(\.\d{1,4})?$/, "quote:form.errors.decimal");

const dimension = z
  .number({ invalid_type_error: "quote:form.errors.number" })
  .positive("quote:form.errors.positive")
  .max(500, "quote:form.errors.tooLarge")
  .optional();

export const quoteFormItemSchema = z.object({
  title: z.string().trim().max(200, "quote:form.errors.tooLong").optional(),
  price: decimal("quote:form.errors.priceRequired"),
  currency: z.string({ required_error: "quote:form.errors.currencyRequired" }).regex(/^[A-Z]{3}$/, "quote:form.errors.currencyRequired"),
  quantity: z
    .number({ required_error: "quote:form.errors.quantityRequired", invalid_type_error: "quote:form.errors.quantityInteger" })
    .int("quote:form.errors.quantityInteger")
    .min(1, "quote:form.errors.quantityMin")
    .max(99, "quote:form.errors.tooLarge"),
  weightGrams: z
    .number({ required_error: "quote:form.errors.weightRequired", invalid_type_error: "quote:form.errors.number" })
    .int("quote:form.errors.weightInteger")
    .min(1, "quote:form.errors.positive")
    .max(100_000, "quote:form.errors.tooLarge"),
  lengthCm: dimension,
  widthCm: dimension,
  heightCm: dimension,
  taxCategory: z.string({ required_error: "quote:form.errors.categoryRequired" }).min(1, "quote:form.errors.categoryRequired"),
  domesticShipping: decimal("quote:form.errors.decimal").optional(),
});

export const quoteFormSchema = z.object({
  items: z
    .array(quoteFormItemSchema, { required_error: "quote:form.errors.itemsRequired" })
    .min(1, "quote:form.errors.itemsRequired")
    .max(10, "quote:form.errors.tooMany"),
  insurance: z.boolean().optional(),
  origin: z
    .string()
    .regex(/^([A-Z]{2}|ALL)$/)
    .optional(),
});

export type QuoteForm = z.infer<typeof quoteFormSchema>;

export function toQuoteRequest(form: QuoteForm, annualCbecUsedCny: string, untitled: (index: number) => string): QuoteRequest {
  return {
    items: form.items.map((item, index) => ({
      title: item.title || untitled(index + 1),
      price: item.price,
      currency: item.currency,
      quantity: item.quantity,
      weightGrams: item.weightGrams,
      ...(item.lengthCm && item.widthCm && item.heightCm
        ? { dimensionsCm: [item.lengthCm, item.widthCm, item.heightCm] as [number, number, number] }
        : {}),
      taxCategory: item.taxCategory,
      domesticShipping: item.domesticShipping ?? "0",
    })),
    insurance: form.insurance ?? false,
    annualCbecUsedCny,
  };
}

// A currency's usual origin, to show the lines a parcel would actually take first.
const ORIGIN_BY_CURRENCY: Record<string, string> = { USD: "US", JPY: "JP", EUR: "DE", KRW: "KR", GBP: "GB" };

export function defaultOrigin(form: Pick<QuoteForm, "items" | "origin">) {
  return form.origin ?? ORIGIN_BY_CURRENCY[form.items[0]?.currency ?? ""] ?? "ALL";
}
