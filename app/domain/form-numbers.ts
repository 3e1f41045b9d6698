import { z, type ZodTypeAny } from "zod";

const DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/**
 * A number typed into a form, read strictly: decimal digits (an optional minus and fraction),
 * surrounding spaces ignored. Number() and z.coerce would read "   " as 0, "0x1F" as 31 and "1e3"
 * as 1000; such text is passed on unchanged, so the number schema refuses it with its own message.
 */
export function strictNumberText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  return DECIMAL.test(text) ? Number(text) : value;
}

/** `schema` (a z.number() with its bounds) for a form field read without conform (plain safeParse). */
export function formNumber<Schema extends ZodTypeAny>(schema: Schema) {
  return z.preprocess(strictNumberText, schema);
}
