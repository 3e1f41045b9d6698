// Bounds on the names of submitted fields, checked before any parser reads them. Conform expands
// `items[999999].price` into an array of a million slots (seconds of CPU, gigabytes, and the array
// echoed back in the form's reply), so a name's array indices, its length and the number of fields
// are refused above what any of the shop's forms sends. The only list in a form is the quote page's
// items (at most 10, quote-form.ts): index 9 is the last. Even a list of 200 (each item rendered
// with its errors) held the process for 0.9 s, so a new form with a longer list raises this with
// care. The largest forms otherwise are the admin's customs and pricing tables (a few hundred fields).
export const FORM_LIMITS = { maxFields: 1_000, maxNameLength: 120, maxArrayIndex: 9 } as const;

export type FieldNameProblem = "tooManyFields" | "nameTooLong" | "indexTooLarge";

const INDEX = /\[(\d+)\]/g;

/** The first way the names break the limits, or null when every name is within them. */
export function fieldNamesProblem(names: Iterable<string>, limits = FORM_LIMITS): FieldNameProblem | null {
  let count = 0;
  for (const name of names) {
    count += 1;
    if (count > limits.maxFields) return "tooManyFields";
    if (name.length > limits.maxNameLength) return "nameTooLong";
    for (const match of name.matchAll(INDEX)) {
      // Compared as text first: an index of 400 digits is not a number worth converting.
      const digits = match[1] ?? "";
      if (digits.length > 6 || Number(digits) > limits.maxArrayIndex) return "indexTooLarge";
    }
  }
  return null;
}
