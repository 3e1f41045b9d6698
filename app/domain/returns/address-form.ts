import { z } from "zod";

// The return addresses admins edit: one per origin country of the shipping lines. A form row is
// `address-<CC>` (the address, several lines allowed; blank removes it) and `seen-<CC>` (the
// version the admin saw: the row's updatedAt, or "" when there was none), so a change made by
// someone else meanwhile is refused rather than overwritten.

export const ADDRESS_MIN_CHARS = 10;
export const ADDRESS_MAX_CHARS = 500;

const COUNTRY = /^[A-Z]{2}$/;
// Letters, digits, punctuation and line breaks; no other control characters.
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

export const returnAddressSchema = z
  .string({ invalid_type_error: "returns:errors.addressInvalid" })
  .transform((value) => value.replace(/\r\n?/g, "\n").trim())
  .superRefine((value, ctx) => {
    if (value === "") return;
    if (CONTROL.test(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "returns:errors.addressInvalid" });
    else if ([...value].length < ADDRESS_MIN_CHARS)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "returns:errors.addressTooShort" });
    else if ([...value].length > ADDRESS_MAX_CHARS) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "returns:errors.addressTooLong" });
  });

export type ReturnAddressInput = { country: string; address: string; seen: string };

/** Every `address-<CC>` row of the form, validated; errors keyed by country. */
export function parseReturnAddressForm(
  form: Iterable<[string, unknown]>,
): { ok: true; rows: ReturnAddressInput[] } | { ok: false; errors: Record<string, string[]> } {
  const fields = new Map<string, unknown>();
  for (const [key, value] of form) fields.set(key, value);
  const rows: ReturnAddressInput[] = [];
  const errors: Record<string, string[]> = {};
  for (const [key, value] of fields) {
    const match = /^address-(.+)$/.exec(key);
    if (!match?.[1]) continue;
    const country = match[1];
    if (!COUNTRY.test(country)) {
      errors[country] = ["returns:errors.addressCountryInvalid"];
      continue;
    }
    const parsed = returnAddressSchema.safeParse(value);
    if (!parsed.success) {
      errors[country] = [...new Set(parsed.error.issues.map((issue) => issue.message))];
      continue;
    }
    const seen = fields.get(`seen-${country}`);
    rows.push({ country, address: parsed.data, seen: typeof seen === "string" ? seen : "" });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: { form: ["returns:errors.addressInvalid"] } };
  return { ok: true, rows };
}
