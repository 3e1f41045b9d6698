/** A form's text fields as an object; file parts (uploads) left out, for a zod schema of the text fields. */
export function textFields(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
