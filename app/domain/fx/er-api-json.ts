import { z } from "zod";
import type { FxParseResult } from "./ecb-xml";
import { findDuplicateKeys } from "./json-duplicates";
import { decimalFromNumber, divideDecimals } from "./rate-decimal";

const ISO_4217 = /^[A-Z]{3}$/;

// The documented open.er-api.com answer (https://www.exchangerate-api.com/docs/free):
// { result: "success", base_code, time_last_update_unix, rates: { CODE: number } }.
const answerSchema = z.object({
  result: z.literal("success"),
  base_code: z.string().regex(ISO_4217),
  time_last_update_unix: z.number().int().positive(),
  rates: z.record(z.unknown()),
});

/**
 * Parses an open.er-api.com "latest" answer into a EUR-based snapshot (a different base is
 * converted through its EUR rate). Same checks as the ECB file: ISO codes, positive finite rates,
 * no duplicate keys (looked for in the raw text), a date not after `today`, CNY present.
 */
export function parseErApiJson(text: string, today: string): FxParseResult {
  const fail = (message: string): FxParseResult => ({ ok: false, code: "FX_MALFORMED", message });
  if (text.length > 1_000_000) return fail("response too large for a rate list");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON: ${(error as Error).message}`);
  }
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length > 0) return fail(`duplicate keys: ${duplicates.slice(0, 5).join(", ")}`);
  const answer = answerSchema.safeParse(raw);
  if (!answer.success) {
    const issue = answer.error.issues[0];
    return fail(`unexpected answer: ${issue ? `${issue.path.join(".") || "(root)"} ${issue.message}` : "invalid"}`);
  }
  const { base_code: base, time_last_update_unix: unix, rates: listed } = answer.data;
  const asOf = new Date(unix * 1000).toISOString().slice(0, 10);
  if (asOf > today) return fail(`date ${asOf} is in the future`);

  const native: Record<string, string> = {};
  for (const [currency, value] of Object.entries(listed)) {
    if (!ISO_4217.test(currency)) return fail(`invalid currency code ${JSON.stringify(currency)}`);
    const decimal = typeof value === "number" ? decimalFromNumber(value) : null;
    if (!decimal) return fail(`invalid rate for ${currency}: ${JSON.stringify(value)}`);
    native[currency] = decimal;
  }
  if (native[base] !== undefined && native[base] !== "1") return fail(`the base ${base} is not listed at 1`);

  let rates: Record<string, string> = { ...native, EUR: "1" };
  if (base !== "EUR") {
    const eurPerBase = native.EUR;
    if (!eurPerBase) return fail(`base ${base} without a EUR rate cannot be converted`);
    rates = { EUR: "1" };
    for (const [currency, rate] of Object.entries({ ...native, [base]: "1" })) {
      if (currency === "EUR") continue;
      const converted = divideDecimals(rate, eurPerBase);
      if (!converted) return fail(`rate for ${currency} vanishes when converted to EUR`);
      rates[currency] = converted;
    }
  }
  if (!rates.CNY) return fail("no CNY rate");
  if (Object.keys(rates).length < 3) return fail("too few rates");
  return { ok: true, snapshot: { base: "EUR", asOf, rates } };
}
