import { XMLParser } from "fast-xml-parser";
import { z } from "zod";

export type FxSnapshotData = { base: string; asOf: string; rates: Record<string, string> };

export type FxParseResult = { ok: true; snapshot: FxSnapshotData } | { ok: false; code: "FX_MALFORMED"; message: string };

const cubeSchema = z.object({ currency: z.string(), rate: z.string() });

const ISO_4217 = /^[A-Z]{3}$/;
const POSITIVE_DECIMAL = /^(?:0|[1-9]\d{0,9})(?:\.\d{1,10})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Parses the ECB daily reference-rate file (rates are units per 1 EUR). Everything is checked:
 * ISO 4217 codes, positive decimal rates, no duplicates, a real date not after `today`.
 */
export function parseEcbXml(xml: string, today: string): FxParseResult {
  const fail = (message: string): FxParseResult => ({ ok: false, code: "FX_MALFORMED", message });
  if (xml.length > 1_000_000) return fail("response too large for a daily rate file");
  let doc: unknown;
  try {
    // No entity expansion and no DTD processing: a hostile file cannot blow up memory.
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", processEntities: false, removeNSPrefix: true }).parse(
      xml,
      true,
    );
  } catch (error) {
    return fail(`not well-formed XML: ${(error as Error).message}`);
  }
  const envelope = (doc as { Envelope?: { Cube?: { Cube?: unknown } } }).Envelope;
  const dayCubes = asArray(envelope?.Cube?.Cube as { time?: string; Cube?: unknown } | undefined);
  const day = dayCubes[0];
  if (!day || typeof day.time !== "string") return fail("no dated Cube element");
  if (!DATE.test(day.time) || Number.isNaN(Date.parse(`${day.time}T00:00:00Z`))) return fail(`invalid date ${day.time}`);
  if (day.time > today) return fail(`date ${day.time} is in the future`);
  const rates: Record<string, string> = { EUR: "1" };
  for (const raw of asArray(day.Cube)) {
    const cube = cubeSchema.safeParse(raw);
    if (!cube.success) return fail("a rate entry lacks currency or rate");
    const { currency, rate } = cube.data;
    if (!ISO_4217.test(currency)) return fail(`invalid currency code ${JSON.stringify(currency)}`);
    if (currency in rates) return fail(`duplicate currency ${currency}`);
    if (!POSITIVE_DECIMAL.test(rate) || Number(rate) <= 0) return fail(`invalid rate for ${currency}: ${JSON.stringify(rate)}`);
    rates[currency] = rate;
  }
  if (!rates.CNY) return fail("no CNY rate");
  if (Object.keys(rates).length < 3) return fail("too few rates");
  return { ok: true, snapshot: { base: "EUR", asOf: day.time, rates } };
}
