import { z } from "zod";

// Personalization a listing can declare (an engraving, a monogram): what the shopper types, its limits,
// and the check the cart applies. The declaration is stored on the listing as JSON; what the shopper typed
// becomes part of the cart line's identity (two engravings are two lines) and is copied onto the order item
// with the labels it was asked under, so the agent reads exactly what the shopper was shown.

/** "latin": letters A–Z with accents, digits, spaces and . , & ' - (what an engraver cuts); "any": any printable text. */
export const PERSONALIZATION_CHARSETS = ["latin", "any"] as const;

export const personalizationFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  labelZh: z.string().min(1).max(40),
  labelEn: z.string().min(1).max(60),
  maxLength: z.number().int().min(1).max(200),
  charset: z.enum(PERSONALIZATION_CHARSETS),
  required: z.boolean(),
});
export type PersonalizationField = z.infer<typeof personalizationFieldSchema>;

export const personalizationDeclarationSchema = z
  .array(personalizationFieldSchema)
  .max(5)
  .refine((fields) => new Set(fields.map((field) => field.key)).size === fields.length, "duplicate key");

/** What the order item keeps: each filled field with the labels it was asked under. */
export const personalizationValuesSchema = z.array(
  z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), value: z.string() }),
);
export type PersonalizationValues = z.infer<typeof personalizationValuesSchema>;

const LATIN = /^[\p{Script=Latin}0-9 .,&'-]*$/u;
// Control characters (newlines among them) and invisible formatting never reach an engraver.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export type PersonalizationError = { key: string; message: string };

/** The form field a declared field is posted as. */
export const personalizationInputName = (key: string) => `personalize-${key}`;

/** Characters as a shopper counts them (an emoji or an accented letter is one). */
export function characterCount(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].length;
}

/**
 * The shopper's input checked against the declaration: trimmed, inner spaces collapsed, each field within
 * its length and characters, required ones present. Values for undeclared keys are ignored.
 */
export function checkPersonalization(
  fields: readonly PersonalizationField[],
  input: (key: string) => string | null | undefined,
): { ok: true; values: PersonalizationValues } | { ok: false; errors: PersonalizationError[] } {
  const values: PersonalizationValues = [];
  const errors: PersonalizationError[] = [];
  for (const field of fields) {
    const raw = input(field.key) ?? "";
    const value = raw
      .normalize("NFC")
      .trim()
      .replace(/[ \t]+/g, " ");
    if (value === "") {
      if (field.required) errors.push({ key: field.key, message: "product:personalization.errors.required" });
      continue;
    }
    if (UNPRINTABLE.test(value)) errors.push({ key: field.key, message: "product:personalization.errors.unprintable" });
    else if (characterCount(value) > field.maxLength) errors.push({ key: field.key, message: "product:personalization.errors.tooLong" });
    else if (field.charset === "latin" && !LATIN.test(value))
      errors.push({ key: field.key, message: "product:personalization.errors.latin" });
    else values.push({ key: field.key, labelZh: field.labelZh, labelEn: field.labelEn, value });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/**
 * The cart line's identity part, and what the line stores: the same text in the same fields is the same line
 * (checkPersonalization gives the values in the declaration's order, so equal input is equal text). "" for none.
 */
export function personalizationKey(values: PersonalizationValues): string {
  return values.length === 0 ? "" : JSON.stringify(values);
}
