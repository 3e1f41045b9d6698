// A job run's error and counts as an admin reads them. Errors are written by many parts of the code (and
// by the libraries under them) as English text; the admin page explains the common kinds in the page's
// language and keeps the original text one click away for whoever debugs it.

export type JobErrorKind =
  "leaseHeld" | "alreadyTaken" | "workerStopped" | "network" | "timeout" | "http" | "mail" | "badResponse" | "database" | "other";

const KINDS: readonly [JobErrorKind, RegExp][] = [
  ["leaseHeld", /lease held by another worker/i],
  ["alreadyTaken", /queued run was already taken|another reconciliation .* is running/i],
  ["workerStopped", /worker stopped before finishing|lease expired/i],
  ["timeout", /timed? ?out|timeout|ETIMEDOUT|aborted/i],
  ["network", /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|socket hang up|network/i],
  ["http", /\b(?:HTTP|status(?: code)?)\s*:?\s*([1-5]\d\d)\b/i],
  ["mail", /\bSMTP\b|\bmail\b|EAUTH/i],
  ["database", /prisma|SQLITE_|database|deadlock|could not serialize/i],
  ["badResponse", /invalid|unexpected|parse|schema|malformed|not JSON|XML/i],
];

/** What kind of failure a run's error text describes, with the HTTP status when it names one. */
export function jobErrorKind(error: string): { kind: JobErrorKind; status?: string } {
  for (const [kind, pattern] of KINDS) {
    const match = pattern.exec(error);
    if (match) return kind === "http" && match[1] ? { kind, status: match[1] } : { kind };
  }
  return { kind: "other" };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** How a count's value is shown: a number, a date, an instant, a status code to translate, or text as is. */
export function countValueKind(value: string | number | boolean): "number" | "date" | "instant" | "code" | "boolean" | "text" {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (ISO_DATE.test(value)) return "date";
  if (ISO_INSTANT.test(value)) return "instant";
  if (CODE.test(value) && value.length <= 40) return "code";
  return "text";
}
