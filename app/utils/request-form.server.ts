import { json } from "@remix-run/node";
import { fieldNamesProblem } from "~/domain/form-limits";

const FORM_TYPES = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;
const MULTIPART = /^multipart\/form-data\s*;.*\bboundary=("?)[^";\s]{1,70}\1(?:\s*;|\s*$)/i;

/** The Response every refused body becomes: the shared error page for a document, JSON for fetchers. */
export function refusal(status: 400 | 415, reason: string): Response {
  return json({ reason }, { status, statusText: status === 415 ? "Unsupported Media Type" : "Bad Request" });
}

/** Which kind of form the body declares; anything else is thrown as 415, a multipart type without a usable boundary as 400. */
export function formKind(request: Request): "urlencoded" | "multipart" {
  const type = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.test(type)) throw refusal(415, "notAForm");
  if (!/^multipart\//i.test(type)) return "urlencoded";
  if (!MULTIPART.test(type)) throw refusal(400, "brokenForm");
  return "multipart";
}

/** A parsed form within the limits: field names (`fieldNamesProblem`) and no NUL in a value, else a thrown 400. */
export function checkedForm(form: FormData): FormData {
  const problem = fieldNamesProblem(form.keys());
  if (problem) throw refusal(400, problem);
  // No form of ours sends a NUL, and PostgreSQL refuses one in text: say so instead of failing later.
  for (const value of form.values()) if (typeof value === "string" && value.includes("\0")) throw refusal(400, "brokenForm");
  return form;
}

/**
 * The one way an action reads its form (forms with photos: parsePhotoForm, which uses the same
 * checks). A body that is not a form (JSON, text, XML, no type), a multipart body without a usable
 * boundary or cut short, and field names over the limits are thrown as a 415 or 400 the error
 * boundary renders in the user's language: never a 500, and nothing is parsed into arrays before
 * the names are checked.
 */
export async function readForm(request: Request): Promise<FormData> {
  formKind(request);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw refusal(400, "brokenForm");
  }
  return checkedForm(form);
}
