import { describe, expect, test } from "vitest";
import { calculateLandedCost, customsRulesInForce, lineAmount, quoteDocumentSchema, type QuoteContextInput } from "~/domain/landed-cost";
import { RULES_2019, RULES_2024, RULES_2024_FROM } from "../../fixtures/customs-rules";
import { context, ecbRates, errorOf, fees, headphones, item, quoteOf, usCbec, usPostal } from "./fixtures";

// Customs rules are dated data (shared/specs/landed-cost.md): the calculator reads every limit from
// context.customs, and customsRulesInForce picks the set for a quote's `now`.

const exact = (overrides: Partial<QuoteContextInput> = {}) => context({ fees: { ...fees, fxSpread: "0" }, ...overrides });
const cny = (price: string, quantity = 1) => item({ price, currency: "CNY", quantity, taxCategory: "general" });
const hkPostal = { ...usPostal, code: "hk-postal", originCountry: "HK" };
const SETS = [RULES_2024, RULES_2019];

describe("customsRulesInForce", () => {
  test("the latest set whose effectiveFrom is not after now, in any order", () => {
    expect(customsRulesInForce(SETS, "2024-03-14T09:00:00Z")).toBe(RULES_2019);
    expect(customsRulesInForce([...SETS].reverse(), "2024-12-14T09:00:00Z")).toBe(RULES_2024);
    expect(customsRulesInForce(SETS, "2030-01-01T00:00:00Z")).toBe(RULES_2024);
  });

  test("the boundary instant 2024-12-01T00:00+08:00 belongs to the new set, one millisecond before to the old", () => {
    expect(customsRulesInForce(SETS, "2024-12-01T00:00:00+08:00")).toBe(RULES_2024);
    expect(customsRulesInForce(SETS, RULES_2024_FROM)).toBe(RULES_2024);
    expect(customsRulesInForce(SETS, "2024-11-30T15:59:59.999Z")).toBe(RULES_2019);
    expect(customsRulesInForce(SETS, "2019-04-09T00:00:00+08:00")).toBe(RULES_2019);
  });

  test("before the first set, or without a readable now, there is none", () => {
    expect(customsRulesInForce(SETS, "2019-04-08T15:59:59Z")).toBeNull();
    expect(customsRulesInForce([], "2024-03-14T09:00:00Z")).toBeNull();
    expect(customsRulesInForce(SETS, "yesterday")).toBeNull();
  });
});

describe("the postal parcel limit comes from the rules in force", () => {
  const around = (now: string) =>
    exact({ now, fx: { ...ecbRates, asOf: "2024-11-30" }, customs: customsRulesInForce(SETS, now) ?? undefined });

  test("from the US: 1000.00 under the 2019 rules, 2000.00 under the 2024 rules", () => {
    const parcel = { items: [cny("750.00", 2)] }; // 1500.00 of goods, two units
    expect(errorOf(calculateLandedCost(parcel, exact({ customs: RULES_2019 }))).details).toEqual({
      goods: "1500.00",
      limit: "1000.00",
      units: 2,
    });
    expect(calculateLandedCost(parcel, exact({ customs: RULES_2024 })).ok).toBe(true);
    expect(calculateLandedCost({ items: [cny("1000.00", 2)] }, exact({ customs: RULES_2024 })).ok).toBe(true);
    expect(errorOf(calculateLandedCost({ items: [cny("1000.00"), cny("1000.01")] }, exact({ customs: RULES_2024 }))).details).toEqual({
      goods: "2000.01",
      limit: "2000.00",
      units: 2,
    });
  });

  test("from Hong Kong: 800.00 under the 2019 rules, 2000.00 under the 2024 rules", () => {
    const parcel = { items: [cny("450.00", 2)] }; // 900.00
    expect(errorOf(calculateLandedCost(parcel, exact({ shippingLine: hkPostal, customs: RULES_2019 }))).details).toEqual({
      goods: "900.00",
      limit: "800.00",
      units: 2,
    });
    expect(calculateLandedCost(parcel, exact({ shippingLine: hkPostal, customs: RULES_2024 })).ok).toBe(true);
    expect(
      errorOf(calculateLandedCost({ items: [cny("1000.01", 2)] }, exact({ shippingLine: hkPostal, customs: RULES_2024 }))).details,
    ).toMatchObject({ limit: "2000.00" });
  });

  test("the message names the limit and the rules it comes from", () => {
    const error = errorOf(calculateLandedCost({ items: [cny("450.00", 2)] }, exact({ shippingLine: hkPostal, customs: RULES_2019 })));
    expect(error.message).toContain("800.00 CNY");
    expect(error.message).toContain("2019 postal tax and CBEC policy");
  });

  test("at the boundary instant the new limit applies; a millisecond before, the old one", () => {
    const parcel = { items: [cny("750.00", 2)] };
    expect(calculateLandedCost(parcel, around("2024-12-01T00:00:00+08:00")).ok).toBe(true);
    expect(errorOf(calculateLandedCost(parcel, around("2024-11-30T15:59:59.999Z"))).code).toBe("POSTAL_PARCEL_LIMIT");
  });

  test("a by-origin override replaces the general limit for that origin only", () => {
    const customs = { ...RULES_2024, postalParcelLimitByOrigin: { JP: "500.00", US: "3000.00" } };
    const parcel = { items: [cny("300.00", 2)] }; // 600.00
    expect(
      errorOf(calculateLandedCost(parcel, exact({ shippingLine: { ...usPostal, originCountry: "JP" }, customs }))).details,
    ).toMatchObject({ limit: "500.00" });
    expect(calculateLandedCost({ items: [cny("1400.00", 2)] }, exact({ customs })).ok).toBe(true); // US: 2800 under 3000
    expect(calculateLandedCost(parcel, exact({ shippingLine: hkPostal, customs })).ok).toBe(true); // HK: the general 2000
  });
});

describe("the other limits come from the rules too", () => {
  test("the postal tax waiver", () => {
    // general goods of 250.00: tax 50.00
    const tax = (postalTaxWaiver: string) =>
      lineAmount(
        quoteOf(calculateLandedCost({ items: [cny("250.00")] }, exact({ customs: { ...RULES_2024, postalTaxWaiver } }))),
        "import_tax",
      );
    expect(tax("50.00")).toBe("0.00");
    expect(tax("49.99")).toBe("50.00");
    expect(tax("0")).toBe("50.00");
  });

  test("the CBEC tax share, single and annual limits", () => {
    const cbec = (customs: object, request: object = {}) =>
      calculateLandedCost({ items: [headphones], ...request }, context({ shippingLine: usCbec, customs: { ...RULES_2024, ...customs } }));
    const at70 = Number(lineAmount(quoteOf(cbec({})), "import_tax"));
    const atFull = Number(lineAmount(quoteOf(cbec({ cbecTaxShare: "1" })), "import_tax"));
    expect(atFull).toBeCloseTo(at70 / 0.7, 1);
    expect(errorOf(cbec({ cbecSingleLimit: "1000.00" }, { items: [{ ...headphones, quantity: 2 }] }))).toMatchObject({
      code: "CBEC_SINGLE_LIMIT",
      details: { limit: "1000.00" },
    });
    expect(errorOf(cbec({ cbecAnnualLimit: "2000.00" }))).toMatchObject({ code: "CBEC_ANNUAL_LIMIT", details: { limit: "2000.00" } });
  });
});

describe("context.customs is validated like every other part", () => {
  test("the calculator needs it: a context without customs is INVALID_INPUT naming the field", () => {
    const { customs: _none, ...withoutCustoms } = context();
    expect(errorOf(calculateLandedCost({ items: [item()] }, withoutCustoms as QuoteContextInput)).details).toEqual({
      fields: ["context.customs"],
    });
  });

  test.each([
    [{ cbecTaxShare: "1.5" }, "context.customs.cbecTaxShare"],
    [{ postalParcelLimit: "1000.001" }, "context.customs.postalParcelLimit"],
    [{ postalParcelLimit: -1 }, "context.customs.postalParcelLimit"],
    [{ postalParcelLimitByOrigin: { hk: "800.00" } }, "context.customs.postalParcelLimitByOrigin.hk"],
    [{ postalParcelLimitByOrigin: { HK: "800.5.0" } }, "context.customs.postalParcelLimitByOrigin.HK"],
    [{ effectiveFrom: "2024-12-01" }, "context.customs.effectiveFrom"],
    [{ source: "" }, "context.customs.source"],
  ])("%o is refused at %s", (change, field) => {
    const outcome = calculateLandedCost({ items: [item()] }, context({ customs: { ...RULES_2024, ...change } as never }));
    expect(errorOf(outcome).details).toEqual({ fields: [field] });
  });

  test("a document may carry its own customs part, in exactly the spec's shape", () => {
    const doc = (customs: unknown) => quoteDocumentSchema.safeParse({ request: { items: [headphones] }, context: { customs } });
    expect(doc(RULES_2024).success).toBe(true);
    expect(doc({ ...RULES_2024, id: "customs-2024-12-01" }).success).toBe(false);
    const { cbecTaxShare: _missing, ...incomplete } = RULES_2024;
    expect(doc(incomplete).success).toBe(false);
  });

  test("one customs object reused across quotes gives the same result every time", () => {
    const shared = exact({ customs: RULES_2024 });
    const first = calculateLandedCost({ items: [cny("750.00", 2)] }, shared);
    const second = calculateLandedCost({ items: [cny("750.00", 2)] }, { ...shared });
    expect(second).toEqual(first);
    expect(first.ok).toBe(true);
  });
});
