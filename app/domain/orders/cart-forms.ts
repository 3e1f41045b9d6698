import { z } from "zod";

// The cart's forms, shared by the pages and their actions. Messages are locale keys.

export const MAX_CART_QUANTITY = 99;

// Parsed by ~/utils/parse-form (strict digits), never z.coerce: "0x1F" is no quantity.
const quantity = z
  .number({ invalid_type_error: "orders:errors.quantityInvalid" })
  .int("orders:errors.quantityInvalid")
  .min(1, "orders:errors.quantityInvalid")
  .max(MAX_CART_QUANTITY, "orders:errors.quantityTooLarge");

export const addToCartSchema = z.object({
  intent: z.literal("add-to-cart"),
  variantId: z.string().max(64).optional(),
  quantity: quantity.default(1),
});

export const updateCartSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), itemId: z.string().min(1).max(64), quantity }),
  z.object({ intent: z.literal("remove"), itemId: z.string().min(1).max(64) }),
]);
