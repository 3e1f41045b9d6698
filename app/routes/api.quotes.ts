import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { resolveListingDocument } from "~/services/listing-quote-prefill.server";
import { quoteDocument } from "~/services/quote.server";
import { getUser } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { clientIp, hitRateLimit, rules } from "~/utils/rate-limit.server";

// POST /api/quotes: a quote document in, the quote out (docs/landed-cost.md).
// Every quote error, bad input or a broken rule, answers 400 with { error: { code, message, details } }.
const apiError = (status: number, code: string, message: string, headers?: HeadersInit) =>
  json({ error: { code, message } }, { status, headers });

export function loader() {
  return apiError(405, "METHOD_NOT_ALLOWED", "Use POST with a JSON quote document.", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST.", { Allow: "POST" });
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) {
    return apiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the quote document as application/json.");
  }
  const wait = await hitRateLimit(rules.quotesPerIp, clientIp(request));
  if (wait !== null) return apiError(429, "RATE_LIMITED", `Too many quotes; retry in ${wait} s.`, { "Retry-After": String(wait) });

  const text = await request.text();
  if (Buffer.byteLength(text) > getEnv().MAX_BODY_BYTES) return apiError(413, "PAYLOAD_TOO_LARGE", "The quote document is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(
      { error: { code: "INVALID_INPUT", message: "The body is not valid JSON.", details: { fields: ["(body)"] } } },
      { status: 400 },
    );
  }
  const user = await getUser(request);
  // A document may name a listing (and its variant) instead of describing the goods.
  const resolved = await resolveListingDocument(body, user);
  if (!resolved.ok) return json({ error: resolved.error }, { status: 400 });
  const outcome = await quoteDocument(resolved.document, { store: true, userId: user?.id ?? null });
  if (!outcome.ok) return json({ error: outcome.error }, { status: 400 });
  return json(outcome.quote, { headers: outcome.quoteId ? { "X-Quote-Id": outcome.quoteId } : {} });
}
