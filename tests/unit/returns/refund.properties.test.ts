import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { calculateLandedCost, toFen, type QuoteRequestInput } from "~/domain/landed-cost";
import { REFUND_LINE_CODES, computeRefund, type Fault, type StoredQuote, type UnitSelection } from "~/domain/returns";
import { context, jpPostal, taxTable, usCbec, usPostal } from "../landed-cost/fixtures";
import { policy, storedQuote, total } from "./fixtures";

const RUNS = { numRuns: 300 };

type Item = QuoteRequestInput["items"][number];

const decimal = (maxUnits: number, places: number) =>
  fc.integer({ min: 0, max: maxUnits * 10 ** places }).map((n) => {
    if (places === 0) return String(n);
    const digits = String(n).padStart(places + 1, "0");
    return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  });

// Prices small enough that most orders fit the postal parcel limit; sometimes free.
const currencyPrice = fc.constantFrom("USD", "JPY", "CNY", "GBP").chain((currency) => {
  const price = currency === "JPY" ? decimal(6000, 0) : currency === "CNY" ? decimal(300, 2) : decimal(40, 2);
  return fc.tuple(
    fc.constant(currency),
    fc.oneof({ weight: 9, arbitrary: price }, { weight: 1, arbitrary: fc.constant("0") }),
    fc.option(price, { nil: undefined }),
  );
});

const itemArb: fc.Arbitrary<Item> = fc
  .record({
    currencyPrice,
    quantity: fc.integer({ min: 1, max: 4 }),
    weightGrams: fc.integer({ min: 0, max: 3000 }),
    dimensionsCm: fc.option(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 })), {
      nil: undefined,
    }),
    taxCategory: fc.constantFrom(...Object.keys(taxTable)),
  })
  .map(({ currencyPrice: [currency, price, domesticShipping], ...rest }) => ({
    title: "Item",
    ...rest,
    currency,
    price,
    ...(domesticShipping === undefined ? {} : { domesticShipping }),
  }));

const lines = [usPostal, usCbec, jpPostal, { ...usCbec, code: "no-divisor", volumetricDivisor: null }];

/** An order's stored quote, made by the landed-cost engine (orders over the customs limits discarded). */
const quoteArb: fc.Arbitrary<StoredQuote> = fc
  .record({ items: fc.array(itemArb, { minLength: 1, maxLength: 4 }), insurance: fc.boolean(), line: fc.constantFrom(...lines) })
  .filter(({ line, ...request }) => calculateLandedCost(request, context({ shippingLine: line })).ok)
  .map(({ line, ...request }) => storedQuote(request, context({ shippingLine: line })));

const faultArb = fc.constantFrom<Fault>("PLATFORM", "SHOPPER");
const rateArb = fc.oneof(fc.constant("0"), decimal(1, 2));

/**
 * An order and its units dealt out to up to four returns, filed one after the other: each return's
 * `previouslyRefunded` is the units of the returns before it. `covered` says whether every unit went back.
 */
type Scenario = {
  quote: StoredQuote;
  returns: UnitSelection[][];
  covered: boolean;
  faults: Fault[];
  restockingRate: string;
  cbecTaxRefundable: boolean;
};

const returnsArb: fc.Arbitrary<Scenario> = quoteArb.chain((quote) => {
  const units = quote.request.items.flatMap((item, position) => Array.from({ length: item.quantity }, () => position));
  return fc
    .record({
      quote: fc.constant(quote),
      // Return 4 means "kept": some units may never go back.
      assignment: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: units.length, maxLength: units.length }),
      faults: fc.array(faultArb, { minLength: 4, maxLength: 4 }),
      restockingRate: rateArb,
      cbecTaxRefundable: fc.boolean(),
    })
    .map(({ assignment, ...rest }) => {
      const returns: UnitSelection[][] = [];
      for (let index = 0; index < 4; index++) {
        const counts = new Map<number, number>();
        units.forEach((position, unit) => {
          if (assignment[unit] === index) counts.set(position, (counts.get(position) ?? 0) + 1);
        });
        if (counts.size > 0) returns.push([...counts].map(([position, quantity]) => ({ position, quantity })));
      }
      return { ...rest, returns, covered: !assignment.includes(4) };
    });
});

/** Files the scenario's returns in order, each at the fault given, and the same units at platform fault. */
function file(scenario: Scenario, faultFor: (index: number) => Fault) {
  const previous: UnitSelection[] = [];
  return scenario.returns.map((requested, index) => {
    const result = computeRefund({
      quote: scenario.quote,
      requested,
      fault: faultFor(index),
      config: policy({ restockingRate: scenario.restockingRate }),
      cbecTaxRefundable: scenario.cbecTaxRefundable,
      previouslyRefunded: [...previous],
    });
    const sameUnitsAtPlatformFault = computeRefund({
      quote: scenario.quote,
      requested,
      fault: "PLATFORM",
      config: policy({ restockingRate: scenario.restockingRate }),
      cbecTaxRefundable: scenario.cbecTaxRefundable,
      previouslyRefunded: [...previous],
    });
    previous.push(...requested);
    return { requested, result, sameUnitsAtPlatformFault };
  });
}

describe("refund properties", () => {
  test.prop([returnsArb], RUNS)("a platform-fault refund equals everything paid for those units, per position too", (scenario) => {
    for (const { result } of file(scenario, () => "PLATFORM")) {
      expect(result.refundFen).toBe(result.paidForUnitsFen);
      expect(result.deductionsFen).toBe(0);
      for (const entry of result.positions) expect(entry.refundFen).toBe(entry.paidFen);
    }
  });

  test.prop([returnsArb], RUNS)("a refund is never negative and never more than what was paid for the units", (scenario) => {
    for (const { result } of file(scenario, (index) => scenario.faults[index] ?? "SHOPPER")) {
      expect(result.refundFen).toBeGreaterThanOrEqual(0);
      expect(result.refundFen).toBeLessThanOrEqual(result.paidForUnitsFen);
      expect(result.shopperFaultRefundFen).toBeGreaterThanOrEqual(0);
      expect(result.shopperFaultRefundFen).toBeLessThanOrEqual(result.paidForUnitsFen);
      for (const entry of result.positions) {
        expect(entry.refundFen).toBeGreaterThanOrEqual(0);
        expect(entry.refundFen).toBeLessThanOrEqual(entry.paidFen);
        expect(entry.shopperFaultRefundFen).toBeLessThanOrEqual(entry.paidFen);
      }
      for (const line of result.lines) expect(line.amountFen).toBeGreaterThanOrEqual(0);
    }
  });

  test.prop([returnsArb], RUNS)(
    "returning every unit at platform fault refunds the whole order to the fen, in one return or several",
    (scenario) => {
      const filed = file(scenario, () => "PLATFORM");
      const refunded = total(filed.map(({ result }) => result.refundFen));
      const orderTotal = toFen(scenario.quote.result.total);
      if (scenario.covered) expect(refunded).toBe(orderTotal);
      else expect(refunded).toBeLessThanOrEqual(orderTotal);

      // All at once, too.
      const everything = scenario.quote.request.items.map((item, position) => ({ position, quantity: item.quantity }));
      const once = computeRefund({
        quote: scenario.quote,
        requested: everything,
        fault: "PLATFORM",
        config: policy(),
        cbecTaxRefundable: false,
      });
      expect(once.refundFen).toBe(orderTotal);
    },
  );

  test.prop([returnsArb], RUNS)("whatever the faults, the returns' shares of each quote line add up to that line", (scenario) => {
    const filed = file(scenario, (index) => scenario.faults[index] ?? "SHOPPER");
    for (const code of ["goods", "domestic_shipping", "service_fee", "international_shipping", "insurance", "import_tax"] as const) {
      const shares = total(filed.map(({ result }) => result.lines.find((line) => line.code === code)?.amountFen ?? 0));
      const line = toFen(scenario.quote.result.lines.find((entry) => entry.code === code)?.amount ?? "0");
      if (scenario.covered) expect(shares, code).toBe(line);
      else expect(shares, code).toBeLessThanOrEqual(line);
    }
  });

  test.prop([returnsArb], RUNS)("a shopper-fault refund never exceeds the platform-fault refund of the same units", (scenario) => {
    for (const { result, sameUnitsAtPlatformFault } of file(scenario, () => "SHOPPER")) {
      expect(result.refundFen).toBeLessThanOrEqual(sameUnitsAtPlatformFault.refundFen);
      expect(result.paidForUnitsFen).toBe(sameUnitsAtPlatformFault.paidForUnitsFen);
      // The platform-fault computation reports the same shopper-fault amounts.
      expect(sameUnitsAtPlatformFault.shopperFaultRefundFen).toBe(result.refundFen);
      expect(sameUnitsAtPlatformFault.positions.map((entry) => entry.shopperFaultRefundFen)).toEqual(
        result.positions.map((entry) => entry.refundFen),
      );
    }
  });

  test.prop([returnsArb], RUNS)("the itemization adds up: lines, effects, deductions and positions", (scenario) => {
    for (const { result } of file(scenario, (index) => scenario.faults[index] ?? "SHOPPER")) {
      expect(result.lines.map((line) => line.code)).toEqual([...REFUND_LINE_CODES]);
      const effect = total(result.lines.map((line) => line.effectFen));
      expect(effect).toBe(result.refundableFen - result.deductionsFen);
      expect(result.refundFen).toBe(Math.max(0, effect));
      expect(result.shortfallFen).toBe(Math.max(0, -effect));
      expect(result.worthFiling).toBe(result.refundFen > 0 || result.deductionsFen === 0);
      expect(result.paidForUnitsFen).toBe(total(result.lines.slice(0, 6).map((line) => line.amountFen)));
      expect(total(result.positions.map((entry) => entry.paidFen))).toBe(result.paidForUnitsFen);
      expect(total(result.positions.map((entry) => entry.refundFen))).toBe(result.refundFen);
      expect(total(result.positions.map((entry) => entry.shopperFaultRefundFen))).toBe(result.shopperFaultRefundFen);
      expect(total(result.positions.map((entry) => entry.goodsFen))).toBe(result.lines[0]?.amountFen);
      for (const value of [result.refundFen, result.paidForUnitsFen, result.deductionsFen, ...result.lines.map((line) => line.effectFen)]) {
        expect(Number.isSafeInteger(value)).toBe(true);
        expect(Object.is(value, -0)).toBe(false);
      }
    }
  });
});
