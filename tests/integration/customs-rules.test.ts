import { beforeAll, describe, expect, test } from "vitest";
import { calculateLandedCost, type QuoteContext } from "~/domain/landed-cost";
import { action, loader } from "~/routes/admin.customs";
import { withCustomsRules } from "~/services/customs-rules.server";
import { invalidatePricingCache, loadCustomsRuleSets } from "~/services/pricing-context.server";
import { quoteDocument, recomputeStoredQuote } from "~/services/quote.server";
import { db } from "~/utils/db.server";
import { RULES_2019, RULES_2024 } from "../fixtures/customs-rules";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";
import { headphones, seedPricing } from "./pricing-fixtures";

const args = (request: Request) => ({ request, params: {}, context: {} });
const RATES = { base: "EUR", rates: { USD: "1.0939", CNY: "7.8678", HKD: "8.5574" } };
/** A document on the fixture's rates dated the day before `now`, so any `now` has fresh rates. */
const doc = (now: string, items: unknown[], shippingLine = "us-postal-ems") => ({
  request: { items },
  context: { now, shippingLine, fx: { ...RATES, asOf: new Date(Date.parse(now) - 86_400_000).toISOString().slice(0, 10) } },
});
const twoShirts = [
  { ...headphones, title: "Shirt", price: "120.00", quantity: 2, weightGrams: 200, dimensionsCm: undefined, taxCategory: "clothing" },
];

beforeAll(async () => {
  await seedPricing(db);
  await db.shippingLine.create({
    data: {
      code: "hk-postal-ems",
      nameZh: "香港邮政",
      nameEn: "Hong Kong Post",
      originCountry: "HK",
      customsRegime: "POSTAL",
      firstWeightGrams: 500,
      firstWeightPrice: "40.00",
      additionalWeightGrams: 500,
      additionalWeightPrice: "10.00",
      volumetricDivisor: 6000,
      handlingFee: "5.00",
      etaDaysMin: 3,
      etaDaysMax: 6,
      isDefault: true,
    },
  });
  invalidatePricingCache();
});

describe("the seeded rule sets", () => {
  test("the data migration holds both sets, exactly as the spec states them", async () => {
    const rows = await db.customsRuleSet.findMany({ orderBy: { effectiveFrom: "asc" } });
    expect(rows.map((row) => [row.id, row.effectiveFrom.toISOString()])).toEqual([
      ["customs-2019-04-09", "2019-04-08T16:00:00.000Z"],
      ["customs-2024-12-01", "2024-11-30T16:00:00.000Z"],
    ]);
    expect((await loadCustomsRuleSets()).map((entry) => entry.customs)).toEqual([RULES_2019, RULES_2024]);
    expect(rows.map((row) => row.sourceZh)).toEqual(["2019 年行邮税及跨境电商零售进口政策", "GACC 2024年第176号公告"]);
  });
});

describe("the quote service fills the rules in force at the quote's now", () => {
  test("a caller-given now in 2019 gets the 2019 rules (limit 1000.00), one in 2025 the 2024 rules", async () => {
    const in2019 = await quoteDocument(doc("2019-06-01T12:00:00+08:00", twoShirts));
    expect(in2019).toMatchObject({
      ok: false,
      error: { code: "POSTAL_PARCEL_LIMIT", details: { goods: "1743.45", limit: "1000.00", units: 2 } },
    });
    const in2025 = await quoteDocument(doc("2025-06-01T12:00:00+08:00", twoShirts));
    if (!in2025.ok) throw new Error(in2025.error.message);
    expect(in2025.context.customs).toEqual(RULES_2024);
    expect(in2025.customsRuleSet?.id).toBe("customs-2024-12-01");
  });

  test("Hong Kong: 800.00 under the 2019 rules, 2000.00 under the 2024 rules", async () => {
    const items = [{ ...twoShirts[0], price: "60.00" }]; // 2 × 60 USD ≈ 871.72 CNY
    expect(await quoteDocument(doc("2024-11-30T15:59:59Z", items, "hk-postal-ems"))).toMatchObject({
      ok: false,
      error: { code: "POSTAL_PARCEL_LIMIT", details: { limit: "800.00" } },
    });
    expect((await quoteDocument(doc("2024-11-30T16:00:00Z", items, "hk-postal-ems"))).ok).toBe(true);
  });

  test("before the first rule set there is no quote, and a clear error says why", async () => {
    const outcome = await quoteDocument(doc("2019-01-01T00:00:00Z", [headphones]));
    expect(outcome).toMatchObject({ ok: false, error: { code: "NO_CUSTOMS_RULES", details: { now: "2019-01-01T00:00:00Z" } } });
  });

  test("a stored quote names its rule set, keeps it in its context and recomputes identically", async () => {
    const outcome = await quoteDocument(doc("2025-03-01T10:00:00Z", twoShirts), { store: true });
    if (!outcome.ok || !outcome.quoteId) throw new Error("expected a stored quote");
    const row = await db.quote.findUniqueOrThrow({ where: { id: outcome.quoteId }, select: { customsRuleSetId: true, context: true } });
    expect(row.customsRuleSetId).toBe("customs-2024-12-01");
    expect(JSON.parse(row.context).customs).toEqual(RULES_2024);
    const replay = await recomputeStoredQuote(outcome.quoteId);
    expect(replay?.recomputed).toEqual({ ok: true, quote: replay?.stored });
  });

  test("a document's own customs part is used as given and no stored set is named", async () => {
    const strict = { ...RULES_2024, postalParcelLimit: "1800.00" };
    const base = doc("2025-03-01T10:00:00Z", twoShirts);
    const outcome = await quoteDocument({ ...base, context: { ...base.context, customs: strict } }, { store: true });
    if (!outcome.ok || !outcome.quoteId) throw new Error("expected a stored quote");
    expect(outcome.context.customs).toEqual(strict);
    const row = await db.quote.findUniqueOrThrow({ where: { id: outcome.quoteId }, select: { customsRuleSetId: true, userId: true } });
    expect(row).toEqual({ customsRuleSetId: null, userId: null });
  });
});

describe("contexts stored before customs rules were data", () => {
  async function legacyQuote(now: string) {
    const request = { items: twoShirts.map((item) => ({ ...item, quantity: 1 })), insurance: false, annualCbecUsedCny: "0" };
    const fresh = await quoteDocument({ ...doc(now, request.items), request });
    if (!fresh.ok) throw new Error(fresh.error.message);
    const { customs: _dropped, ...oldContext } = fresh.context;
    const row = await db.quote.create({
      data: {
        request: JSON.stringify(request),
        context: JSON.stringify(oldContext),
        result: JSON.stringify(fresh.quote),
        totalFen: 1,
        validUntil: new Date(fresh.quote.validUntil),
      },
      select: { id: true, context: true },
    });
    return { ...row, oldContext };
  }

  test("re-run with the rule set in force at their own now, to the same numbers", async () => {
    for (const now of ["2024-03-14T09:00:00Z", "2025-02-01T09:00:00Z"]) {
      const { id } = await legacyQuote(now);
      const replay = await recomputeStoredQuote(id);
      expect(replay?.recomputed).toEqual({ ok: true, quote: replay?.stored });
    }
  });

  test("the filler picks by the context's now and works inside a transaction", async () => {
    const { oldContext } = await legacyQuote("2024-03-14T09:00:00Z");
    const filled = await db.$transaction((tx) => withCustomsRules(oldContext, tx));
    expect(filled.customs).toEqual(RULES_2019);
    expect(await withCustomsRules({ ...oldContext, now: "2025-01-01T00:00:00Z" })).toMatchObject({ customs: RULES_2024 });
    // A context that already has rules keeps them.
    const own = { ...oldContext, customs: { ...RULES_2024, postalTaxWaiver: "0" } } as QuoteContext;
    expect(await withCustomsRules(own)).toBe(own);
    // None in force: left without, and the calculator says which field is missing.
    const none = await withCustomsRules({ ...oldContext, now: "2010-01-01T00:00:00Z" });
    expect(calculateLandedCost({ items: [headphones] }, none)).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", details: { fields: ["context.customs"] } },
    });
  });
});

describe("/admin/customs", () => {
  const valid = {
    intent: "add",
    effectiveFrom: "2031-07-01T00:00",
    source: "GACC Announcement 2031 No. 1",
    sourceZh: "GACC 2031年第1号公告",
    postalParcelLimit: "3000",
    postalParcelLimitByOrigin: "hk = 2500.5\nMO=2500.50",
    postalTaxWaiver: "50.00",
    cbecSingleLimit: "6000.00",
    cbecAnnualLimit: "30000.00",
    cbecTaxShare: "0.7",
  };
  const post = async (fields: Record<string, string>, cookie: string) =>
    respond(() => action(args(formRequest("/admin/customs", fields, { cookie }))));
  const counts = async () => ({
    sets: await db.customsRuleSet.count(),
    audit: await db.auditLog.count({ where: { entity: "CustomsRuleSet" } }),
  });

  test("shoppers and agents get 403 on the page and on the form", async () => {
    for (const role of ["SHOPPER", "AGENT"] as const) {
      const user = await createTestUser(role);
      expect((await respond(() => loader(args(getRequest("/admin/customs", user.cookie))))).status).toBe(403);
      const before = await counts();
      expect((await post(valid, user.cookie)).status).toBe(403);
      expect(await counts()).toEqual(before);
    }
  });

  test.each([
    ["a start in the past", { effectiveFrom: "2025-01-01T00:00" }, "effectiveFrom", "admin:customs.errors.notFuture"],
    ["a start before the latest set", { effectiveFrom: "2024-06-01T00:00" }, "effectiveFrom", "admin:customs.errors.notFuture"],
    ["an impossible day", { effectiveFrom: "2031-02-30T00:00" }, "effectiveFrom", "admin:customs.errors.effectiveFrom"],
    ["no start", { effectiveFrom: "" }, "effectiveFrom", "admin:errors.required"],
    ["an amount with three decimals", { postalParcelLimit: "3000.001" }, "postalParcelLimit", "admin:customs.errors.amount"],
    ["a zero limit", { cbecSingleLimit: "0" }, "cbecSingleLimit", "admin:errors.positive"],
    ["a share above 1", { cbecTaxShare: "1.2" }, "cbecTaxShare", "admin:customs.errors.share"],
    ["a malformed override", { postalParcelLimitByOrigin: "Hong Kong 800" }, "postalParcelLimitByOrigin", "admin:customs.errors.override"],
    [
      "an origin twice",
      { postalParcelLimitByOrigin: "HK=800\nhk=900" },
      "postalParcelLimitByOrigin",
      "admin:customs.errors.overrideDuplicate",
    ],
    ["a per-order limit above the yearly one", { cbecSingleLimit: "40000" }, "cbecSingleLimit", "admin:customs.errors.singleOverAnnual"],
    ["no source", { sourceZh: "  " }, "sourceZh", "admin:errors.required"],
  ])("%s is refused at the field and nothing is written", async (_label, change, field, message) => {
    const admin = await createTestUser("ADMIN");
    const before = await counts();
    const response = await post({ ...valid, ...change }, admin.cookie);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(body.errors[field]).toEqual([message]);
    expect(body.values[field]).toBe({ ...valid, ...change }[field as keyof typeof valid]);
    expect(await counts()).toEqual(before);
  });

  test("an admin adds a later set: stored normalized, audited, and used by quotes from its start", async () => {
    const admin = await createTestUser("ADMIN");
    const response = await post(valid, admin.cookie);
    expect(response.status).toBe(200);
    const row = await db.customsRuleSet.findUniqueOrThrow({ where: { id: "customs-2031-07-01" } });
    expect(row).toMatchObject({
      effectiveFrom: new Date("2031-06-30T16:00:00.000Z"),
      postalParcelLimit: "3000.00",
      postalParcelLimitByOrigin: '{"HK":"2500.50","MO":"2500.50"}',
      createdById: admin.id,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "CustomsRuleSet", entityId: "customs-2031-07-01" } });
    expect(audit).toMatchObject({ actorId: admin.id, action: "create", before: null });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({
      effectiveFrom: "2031-07-01T00:00:00+08:00",
      source: "GACC Announcement 2031 No. 1",
      postalParcelLimit: "3000.00",
      postalParcelLimitByOrigin: { HK: "2500.50" },
    });

    // The cache was cleared: a quote at a now after its start uses it at once.
    const later = await quoteDocument(doc("2031-07-01T00:00:00+08:00", twoShirts, "hk-postal-ems"));
    expect(later.ok && later.context.customs.postalParcelLimitByOrigin).toEqual({ HK: "2500.50", MO: "2500.50" });
    const before = await quoteDocument(doc("2031-06-30T23:59:00+08:00", twoShirts));
    expect(before.ok && before.customsRuleSet?.id).toBe("customs-2024-12-01");

    // Now the latest: a set starting at the same time or before it is refused.
    const again = await post({ ...valid, effectiveFrom: "2031-06-01 00:00" }, admin.cookie);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: Record<string, string[]> }).errors.effectiveFrom).toEqual(["admin:customs.errors.notLater"]);
  });

  test("the page lists every set with its status and how many quotes used it; used or started sets cannot be deleted", async () => {
    const admin = await createTestUser("ADMIN");
    await post({ ...valid, effectiveFrom: "2032-01-01T08:30", source: "Typo", sourceZh: "笔误" }, admin.cookie);
    const page = (await (await respond(() => loader(args(getRequest("/admin/customs", admin.cookie))))).json()) as {
      ruleSets: { id: string; status: string; quoteCount: number; deletable: boolean }[];
    };
    const byId = Object.fromEntries(page.ruleSets.map((set) => [set.id, set]));
    expect(page.ruleSets.map((set) => set.id)).toEqual([
      "customs-2032-01-01-0830",
      "customs-2031-07-01",
      "customs-2024-12-01",
      "customs-2019-04-09",
    ]);
    expect(byId["customs-2024-12-01"]).toMatchObject({ status: "IN_FORCE", deletable: false });
    expect(byId["customs-2024-12-01"]?.quoteCount).toBe(await db.quote.count({ where: { customsRuleSetId: "customs-2024-12-01" } }));
    expect(byId["customs-2024-12-01"]?.quoteCount).toBeGreaterThan(0);
    expect(byId["customs-2019-04-09"]).toMatchObject({ status: "PAST", deletable: false });
    expect(byId["customs-2032-01-01-0830"]).toMatchObject({ status: "UPCOMING", quoteCount: 0, deletable: true });

    const started = await post({ intent: "delete", id: "customs-2024-12-01" }, admin.cookie);
    expect(started.status).toBe(409);
    expect(((await started.json()) as { errors: Record<string, string[]> }).errors.id).toEqual(["admin:customs.errors.deleteStarted"]);

    // An upcoming set a quote (with a caller-given future now) used is kept too.
    const used = await quoteDocument(doc("2031-08-01T00:00:00Z", [headphones]), { store: true });
    expect(used.ok && used.customsRuleSet?.id).toBe("customs-2031-07-01");
    const refused = await post({ intent: "delete", id: "customs-2031-07-01" }, admin.cookie);
    expect(refused.status).toBe(409);
    expect(await db.customsRuleSet.count({ where: { id: "customs-2031-07-01" } })).toBe(1);

    expect((await post({ intent: "delete", id: "customs-2032-01-01-0830" }, admin.cookie)).status).toBe(200);
    expect(await db.customsRuleSet.count({ where: { id: "customs-2032-01-01-0830" } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "CustomsRuleSet", entityId: "customs-2032-01-01-0830", action: "delete" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.before ?? "{}")).toMatchObject({
      source: "Typo",
      sourceZh: "笔误",
      effectiveFrom: "2032-01-01T08:30:00+08:00",
    });
    expect((await post({ intent: "delete", id: "customs-2032-01-01-0830" }, admin.cookie)).status).toBe(404);
  });
});
