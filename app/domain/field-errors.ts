import type { ZodError } from "zod";

/**
 * A payload's zod issues as the forms show them: each field's dotted path (dimensionsCm.1,
 * units.0.photos; "payload" for the whole) with its distinct locale keys.
 */
export function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length === 0 ? "payload" : issue.path.join(".");
    const messages = (fieldErrors[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return fieldErrors;
}
