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

/** A row of the agent's review form: a field to declare, or an empty row (left out). Messages are locale keys. */
export const personalizationRowSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/)
    .optional(),
  labelZh: z.string().trim().max(40, "product:personalization.errors.labelTooLong").optional(),
  labelEn: z.string().trim().max(60, "product:personalization.errors.labelTooLong").optional(),
  maxLength: z
    .number({ invalid_type_error: "product:personalization.errors.maxLength" })
    .int("product:personalization.errors.maxLength")
    .min(1, "product:personalization.errors.maxLength")
    .max(200, "product:personalization.errors.maxLength")
    .optional(),
  charset: z.enum(PERSONALIZATION_CHARSETS).default("latin"),
  required: z.boolean().optional(),
});
export type PersonalizationRow = z.infer<typeof personalizationRowSchema>;

const isBlank = (row: PersonalizationRow) => !row.labelZh && !row.labelEn && row.maxLength === undefined;

/** Rows the form refuses: a started row needs both labels and a maximum length. Paths are [index, field]. */
export function incompleteRows(rows: readonly PersonalizationRow[]): { path: [number, "labelZh" | "labelEn" | "maxLength"] }[] {
  return rows.flatMap((row, index) => {
    if (isBlank(row)) return [];
    const missing = (["labelZh", "labelEn", "maxLength"] as const).filter((name) => row[name] === undefined || row[name] === "");
    return missing.map((name) => ({ path: [index, name] as [number, typeof name] }));
  });
}

/**
 * The declaration the rows make: blank rows left out, each field keeping its key (so text already in carts
 * stays under the same field) or getting the next free "field-n".
 */
export function declarationFromRows(rows: readonly PersonalizationRow[]): PersonalizationField[] {
  const kept = rows.filter((row) => !isBlank(row));
  const taken = new Set(kept.map((row) => row.key).filter(Boolean));
  let next = 1;
  const freeKey = () => {
    while (taken.has(`field-${next}`)) next += 1;
    taken.add(`field-${next}`);
    return `field-${next}`;
  };
  return personalizationDeclarationSchema.parse(
    kept.map((row) => ({
      key: row.key ?? freeKey(),
      labelZh: row.labelZh ?? "",
      labelEn: row.labelEn ?? "",
      maxLength: row.maxLength ?? 1,
      charset: row.charset,
      required: row.required ?? false,
    })),
  );
}
