import { beforeAll, describe, expect, test } from "vitest";
import { action } from "~/routes/api.quotes";
import { invalidatePricingCache } from "~/services/pricing-context.server";
import { recomputeStoredQuote } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import { RULES_2019, RULES_2024 } from "../fixtures/customs-rules";
import { SPEC_EXAMPLE_OUTPUT } from "../fixtures/spec-example";
import { headphones, seedPricing, SPEC_NOW } from "./pricing-fixtures";

const SPEC_CONTEXT = {
  now: SPEC_NOW,
  fx: { base: "EUR", asOf: "2024-03-13", rates: { USD: "1.0939", CNY: "7.8678" } },
  fees: { fxSpread: "0.01", serviceFeeRate: "0.05", serviceFeeMinimum: "10.00", insuranceRate: "0.01", ratesMaxAgeHours: 72 },
  shippingLine: {
    code: "us-postal-ems",
    originCountry: "US",
    customsRegime: "POSTAL",
    firstWeightGrams: 500,
    firstWeightPrice: "98.00",
    additionalWeightGrams: 500,
    additionalWeightPrice: "32.00",
    volumetricDivisor: 6000,
    handlingFee: "10.00",
  },
  taxCategories: { electronics: { postalRate: "0.13", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0" } },
};

let ip = 0;
function post(body: unknown, contentType = "application/json") {
  ip += 1;
  return new Request("http://localhost/api/quotes", {
    method: "POST",
    headers: { "Content-Type": contentType, "x-client-ip": `198.51.100.${ip}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function call(body: unknown, contentType?: string) {
  const response = await action({ request: post(body, contentType), params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

beforeAll(async () => {
  await seedPricing(db);
});

describe("POST /api/quotes", () => {
  test("the spec's document gives the spec's output, and the quote is stored with its whole context", async () => {
    const { status, body, headers } = await call({
      request: { items: [headphones], insurance: true, annualCbecUsedCny: "0" },
      context: SPEC_CONTEXT,
    });
    expect(status).toBe(200);
    expect(body).toEqual(SPEC_EXAMPLE_OUTPUT);
    const id = headers.get("X-Quote-Id");
    expect(id).toBeTruthy();
    const stored = await db.quote.findUniqueOrThrow({ where: { id: id ?? "" }, select: { totalFen: true, context: true } });
    expect(stored.totalFen).toBe(259240);
    expect(JSON.parse(stored.context)).toMatchObject({ now: SPEC_NOW, shippingLine: { code: "us-postal-ems" } });
  });

  test("what the context leaves out comes from the database: rates, fees, tax table, line by code", async () => {
    const { status, body, headers } = await call({
      request: { items: [headphones], insurance: true },
      context: { now: SPEC_NOW, shippingLine: "us-postal-ems" },
    });
    expect(status).toBe(200);
    expect(body.total).toBe("2592.40");
    expect(body.ratesAsOf).toBe("2024-03-13");
    // the stored context keeps what the calculator read (USD, CNY, the EUR base, electronics), not all 31 rates
    const stored = await db.quote.findUniqueOrThrow({ where: { id: headers.get("X-Quote-Id") ?? "" }, select: { context: true } });
    const context = JSON.parse(stored.context);
    expect(Object.keys(context.fx.rates).sort()).toEqual(["CNY", "EUR", "USD"]);
    expect(Object.keys(context.taxCategories)).toEqual(["electronics"]);
  });

  test("a stored quote recomputes to the same numbers after an admin changes the fees", async () => {
    const { headers } = await call({
      request: { items: [headphones], insurance: true },
      context: { now: SPEC_NOW, shippingLine: "us-postal-ems" },
    });
    await db.feeSchedule.update({ where: { id: "default" }, data: { serviceFeeRate: "0.08" } });
    invalidatePricingCache(); // written behind the service's back
    try {
      const replay = await recomputeStoredQuote(headers.get("X-Quote-Id") ?? "");
      expect(replay?.recomputed).toEqual({ ok: true, quote: replay?.stored });
      expect(replay?.stored.total).toBe("2592.40");
      const fresh = await call({
        request: { items: [headphones], insurance: true },
        context: { now: SPEC_NOW, shippingLine: "us-postal-ems" },
      });
      expect(fresh.body.lines).toContainEqual({ code: "service_fee", amount: "162.72" });
    } finally {
      await db.feeSchedule.update({ where: { id: "default" }, data: { serviceFeeRate: "0.05" } });
      invalidatePricingCache();
    }
  });

  test("context.customs is filled with the rules in force at now, or taken from the document", async () => {
    const filled = await call({
      request: { items: [headphones], insurance: true },
      context: { now: SPEC_NOW, shippingLine: "us-postal-ems" },
    });
    const stored = await db.quote.findUniqueOrThrow({
      where: { id: filled.headers.get("X-Quote-Id") ?? "" },
      select: { context: true, customsRuleSetId: true },
    });
    expect(stored.customsRuleSetId).toBe("customs-2019-04-09");
    expect(JSON.parse(stored.context).customs).toEqual(RULES_2019);

    const twoShirts = { items: [{ ...headphones, price: "120.00", quantity: 2, taxCategory: "clothing" }] };
    const refused = await call({ request: twoShirts, context: { now: SPEC_NOW, shippingLine: "us-postal-ems" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "POSTAL_PARCEL_LIMIT", details: { limit: "1000.00" } });
    const underOwnRules = await call({
      request: twoShirts,
      context: { now: SPEC_NOW, shippingLine: "us-postal-ems", customs: RULES_2024 },
    });
    expect(underOwnRules.status).toBe(200);
    const own = await db.quote.findUniqueOrThrow({
      where: { id: underOwnRules.headers.get("X-Quote-Id") ?? "" },
      select: { context: true, customsRuleSetId: true },
    });
    expect(own.customsRuleSetId).toBeNull();
    expect(JSON.parse(own.context).customs).toEqual(RULES_2024);
  });

  test("a malformed or unknown customs field is INVALID_INPUT naming it, and nothing is stored", async () => {
    const before = await db.quote.count();
    for (const [customs, field] of [
      [{ ...RULES_2024, cbecTaxShare: "1.5" }, "context.customs.cbecTaxShare"],
      [{ ...RULES_2024, postalParcelLimitByOrigin: { HK: 800 } }, "context.customs.postalParcelLimitByOrigin.HK"],
      [{ ...RULES_2024, note: "typo" }, "context.customs"],
    ] as const) {
      const { status, body } = await call({ request: { items: [headphones] }, context: { now: SPEC_NOW, customs } });
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: "INVALID_INPUT", details: { fields: [field] } });
    }
    expect(await db.quote.count()).toBe(before);
  });

  test("30 quotes at once are each stored, each with its own id, before their answers go out", async () => {
    const before = await db.quote.count();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        call({
          request: { items: [{ ...headphones, price: `${100 + index}.00` }] },
          context: { now: SPEC_NOW, shippingLine: "us-cbec-bonded" },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200));
    const ids = answers.map((answer) => answer.headers.get("X-Quote-Id") ?? "");
    expect(new Set(ids).size).toBe(30);
    const stored = await db.quote.findMany({ where: { id: { in: ids } }, select: { id: true, totalFen: true } });
    expect(stored).toHaveLength(30);
    for (const answer of answers) {
      const row = stored.find((candidate) => candidate.id === answer.headers.get("X-Quote-Id"));
      expect(row?.totalFen).toBe(Math.round(Number(answer.body.total) * 100));
    }
    expect(await db.quote.count()).toBe(before + 30);
  });

  test.each([
    ["a quantity of 0", { quantity: 0 }, "request.items.0.quantity"],
    ["a quantity of 1.5", { quantity: 1.5 }, "request.items.0.quantity"],
    ["a negative price", { price: "-5" }, "request.items.0.price"],
    ["a non-numeric price", { price: "12,99" }, "request.items.0.price"],
    ["a price sent as a float", { price: 279.99 }, "request.items.0.price"],
    ["a missing weight", { weightGrams: undefined }, "request.items.0.weightGrams"],
  ])("%s is INVALID_INPUT naming the field", async (_label, override, field) => {
    const before = await db.quote.count();
    const { status, body } = await call({ request: { items: [{ ...headphones, ...override }] }, context: { now: SPEC_NOW } });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "INVALID_INPUT", details: { fields: expect.arrayContaining([field]) } });
    expect(await db.quote.count()).toBe(before);
  });

  test("an unknown currency, category or shipping line each get their own clear error", async () => {
    const currency = await call({ request: { items: [{ ...headphones, currency: "XYZ" }] }, context: { now: SPEC_NOW } });
    expect(currency.body.error).toMatchObject({ code: "UNKNOWN_CURRENCY", details: { currency: "XYZ" } });
    const category = await call({ request: { items: [{ ...headphones, taxCategory: "spaceships" }] }, context: { now: SPEC_NOW } });
    expect(category.body.error).toMatchObject({ code: "UNKNOWN_TAX_CATEGORY", details: { taxCategory: "spaceships" } });
    const line = await call({ request: { items: [headphones] }, context: { now: SPEC_NOW, shippingLine: "moon-express" } });
    expect(line.status).toBe(400);
    expect(line.body.error).toMatchObject({ code: "INVALID_INPUT", details: { fields: ["context.shippingLine"] } });
    expect(String((line.body.error as { message: string }).message)).toContain("moon-express");
  });

  test("rates older than the configured age are refused, never used", async () => {
    const { status, body } = await call({ request: { items: [headphones] }, context: { now: "2024-03-20T00:00:00Z" } });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "RATES_STALE" });
  });

  test("bad JSON, a missing request and the wrong content type are refused", async () => {
    expect((await call("{ not json")).body.error).toMatchObject({ code: "INVALID_INPUT" });
    expect((await call({ context: {} })).body.error).toMatchObject({ code: "INVALID_INPUT", details: { fields: ["request"] } });
    expect((await call({ request: { items: [headphones] } }, "text/plain")).status).toBe(415);
  });
});
