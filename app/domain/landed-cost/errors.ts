import type { z } from "zod";
import type { QuoteError, QuoteErrorCode, QuoteErrorDetails } from "./schema";

export type Failure = { ok: false; error: QuoteError };

export function failure(code: QuoteErrorCode, message: string, details?: QuoteErrorDetails): Failure {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

type Issues = { root: "request" | "context"; error: z.ZodError };

/** INVALID_INPUT naming every offending field as a dotted path, e.g. request.items.0.price. */
export function invalidInput(sources: Issues[]): Failure {
  const described: [string, string][] = sources.flatMap(({ root, error }) =>
    error.issues.flatMap((issue): [string, string][] => {
      const path = [root, ...issue.path].join(".");
      // An unknown key is reported on its parent object; the UI needs the key itself.
      if (issue.code === "unrecognized_keys") return issue.keys.map((key) => [`${path}.${key}`, "is not a known field"]);
      return [[path, issue.message]];
    }),
  );
  const fields = [...new Set(described.map(([path]) => path))];
  const summary = described
    .slice(0, 5)
    .map(([path, message]) => `${path}: ${message}`)
    .join("; ");
  return failure("INVALID_INPUT", `Invalid quote input (${summary}${described.length > 5 ? "; …" : ""})`, { fields });
}
