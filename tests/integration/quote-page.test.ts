import { beforeAll, describe, expect, test } from "vitest";
import { loader } from "~/routes/quote";
import { invalidatePricingCache } from "~/services/pricing-context.server";
import { db } from "~/utils/db.server";
import { seedPricing } from "./pricing-fixtures";

type Data = {
  results:
    | null
    | {
        ok: true;
        quotes: {
          line: { code: string; customsRegime: string };
          outcome: { ok: boolean; quote?: { total: string }; error?: { code: string; details?: Record<string, unknown> } };
          cheapest: boolean;
          fastest: boolean;
        }[];
        customsRuleSet: { id: string; sourceZh: string; customs: { source: string; effectiveFrom: string } };
      }
    | { ok: false; error: { code: string } };
  lastResult: { error?: Record<string, string[] | null> } | null;
};

async function load(query: string) {
  const response = await loader({ request: new Request(`http://localhost/quote?${query}`), params: {}, context: {} });
  return { status: response.status, data: (await response.json()) as Data };
}

const item = (fields: Record<string, string>, index = 0) =>
  Object.entries(fields)
    .map(([key, value]) => `items[${index}].${key}=${encodeURIComponent(value)}`)
    .join("&");

beforeAll(async () => {
  // Rates dated today, so the page (which quotes at the current time) is not stale.
  await seedPricing(db, new Date().toISOString());
});

describe("the quote page", () => {
  test("quotes every line of the origin side by side, cheapest and fastest marked", async () => {
    const { status, data } = await load(
      `${item({ price: "68.00", currency: "USD", quantity: "1", weightGrams: "120", taxCategory: "cosmetics_premium" })}&origin=US`,
    );
    expect(status).toBe(200);
    if (!data.results?.ok) throw new Error("expected quotes");
    expect(data.results.quotes.map((quote) => quote.line.code).sort()).toEqual(["us-cbec-bonded", "us-postal-ems"]);
    expect(data.results.quotes.filter((quote) => quote.cheapest)).toHaveLength(1);
    const totals = data.results.quotes.map((quote) => Number(quote.outcome.quote?.total));
    const cheapest = data.results.quotes.find((quote) => quote.cheapest);
    expect(Number(cheapest?.outcome.quote?.total)).toBe(Math.min(...totals));
  });

  test("the page quotes today under the rules in force and names them: GACC Announcement 2024 No. 176", async () => {
    // Two shirts of 1,743.45 CNY: over the 2019 limit of 1,000, within today's 2,000.
    const { data } = await load(
      `${item({ price: "120.00", currency: "USD", quantity: "2", weightGrams: "400", taxCategory: "clothing" })}&origin=US`,
    );
    if (!data.results?.ok) throw new Error("expected quotes");
    expect(data.results.customsRuleSet).toMatchObject({
      id: "customs-2024-12-01",
      sourceZh: "GACC 2024年第176号公告",
      customs: { source: "GACC Announcement 2024 No. 176", effectiveFrom: "2024-12-01T00:00:00+08:00" },
    });
    expect(data.results.quotes.every((quote) => quote.outcome.ok)).toBe(true);
  });

  test("two items over 2,000 CNY: postal lines say why, with today's limit; CBEC lines still quote", async () => {
    const { data } = await load(
      `${item({ price: "150.00", currency: "USD", quantity: "2", weightGrams: "400", taxCategory: "clothing" })}&origin=US`,
    );
    if (!data.results?.ok) throw new Error("expected quotes");
    const postal = data.results.quotes.find((quote) => quote.line.customsRegime === "POSTAL");
    const cbec = data.results.quotes.find((quote) => quote.line.customsRegime === "CBEC");
    expect(postal?.outcome).toMatchObject({ ok: false, error: { code: "POSTAL_PARCEL_LIMIT", details: { limit: "2000.00", units: 2 } } });
    expect(cbec?.outcome.ok).toBe(true);
    expect(cbec?.cheapest).toBe(true);
  });

  test("bad input gets field errors and no quote", async () => {
    const { status, data } = await load(item({ price: "abc", currency: "USD", quantity: "1.5", weightGrams: "100", taxCategory: "toys" }));
    expect(status).toBe(400);
    expect(data.results).toBeNull();
    expect(data.lastResult?.error?.["items[0].price"]).toEqual(["quote:form.errors.decimal"]);
    expect(data.lastResult?.error?.["items[0].quantity"]).toEqual(["quote:form.errors.quantityInteger"]);
  });

  test("stale rates: the page says so instead of quoting", async () => {
    await db.fxSnapshot.updateMany({ data: { asOf: "2020-01-01" } });
    invalidatePricingCache(); // written behind the service's back
    try {
      const { data } = await load(item({ price: "10", currency: "USD", quantity: "1", weightGrams: "100", taxCategory: "toys" }));
      expect(data.results).toMatchObject({ ok: false, error: { code: "RATES_STALE" } });
    } finally {
      await db.fxSnapshot.updateMany({ data: { asOf: new Date().toISOString() } });
      invalidatePricingCache();
    }
  });
});
