import { describe, expect, test } from "vitest";
import { allocateFen, claimedUnits, computePayout, storedPayout, type AffectedItem } from "~/domain/claims";

const item = (position: number, shares: Partial<AffectedItem["shares"]>): AffectedItem => ({
  position,
  title: `item ${position}`,
  quantity: 1,
  shares: { goods: 0, domestic_shipping: 0, service_fee: 0, international_shipping: 0, insurance: 0, import_tax: 0, ...shares },
});

const headphones = item(0, {
  goods: 203_395,
  domestic_shipping: 0,
  service_fee: 10_170,
  international_shipping: 17_200,
  insurance: 2_034,
  import_tax: 26_441,
});

describe("the payout table", () => {
  test("insured: everything paid for the affected goods, whatever the cap", () => {
    const payout = computePayout({ items: [headphones], insured: true, capFen: 100 });
    expect(payout.payoutFen).toBe(259_240);
    expect(payout.paidFen).toBe(259_240);
    expect(payout.capped).toBe(false);
    expect(payout.capFen).toBeNull();
    expect(payout.lines.every((line) => line.covered)).toBe(true);
  });

  test("uninsured: international shipping and import tax, under the cap", () => {
    const payout = computePayout({ items: [headphones], insured: false, capFen: 100_000 });
    expect(payout.coveredFen).toBe(17_200 + 26_441);
    expect(payout.payoutFen).toBe(43_641);
    expect(payout.lines.filter((line) => line.covered).map((line) => line.code)).toEqual(["international_shipping", "import_tax"]);
    expect(payout.items[0]).toMatchObject({ paidFen: 259_240, coveredFen: 43_641, payoutFen: 43_641 });
  });

  test("uninsured: the cap lowers the claim, spread over the items exactly", () => {
    const items = [item(0, { goods: 500, international_shipping: 1000, import_tax: 1 }), item(1, { international_shipping: 2000 })];
    const payout = computePayout({ items, insured: false, capFen: 1000 });
    expect(payout.capped).toBe(true);
    expect(payout.payoutFen).toBe(1000);
    expect(payout.items.reduce((sum, entry) => sum + entry.payoutFen, 0)).toBe(1000);
    expect(payout.items.map((entry) => entry.payoutFen)).toEqual([334, 666]);
  });

  test("never negative and never more than paid; nothing affected pays nothing", () => {
    expect(computePayout({ items: [], insured: false, capFen: 5000 }).payoutFen).toBe(0);
    expect(computePayout({ items: [item(0, { goods: 100 })], insured: false, capFen: 5000 }).payoutFen).toBe(0);
    expect(computePayout({ items: [headphones], insured: false, capFen: 0 }).payoutFen).toBe(0);
    for (const insured of [true, false])
      for (const capFen of [0, 1, 43_640, 43_641, 10_000_000]) {
        const payout = computePayout({ items: [headphones, item(1, { goods: 7, import_tax: 3 })], insured, capFen });
        expect(payout.payoutFen).toBeGreaterThanOrEqual(0);
        expect(payout.payoutFen).toBeLessThanOrEqual(payout.paidFen);
        for (const entry of payout.items) expect(entry.payoutFen).toBeLessThanOrEqual(entry.paidFen);
      }
  });

  test("refuses amounts that are not whole non-negative fen", () => {
    expect(() => computePayout({ items: [item(0, { goods: -1 })], insured: true, capFen: 0 })).toThrow(RangeError);
    expect(() => computePayout({ items: [item(0, { goods: 1.5 })], insured: true, capFen: 0 })).toThrow(RangeError);
    expect(() => computePayout({ items: [], insured: false, capFen: -5 })).toThrow(RangeError);
  });

  test("allocateFen adds up exactly, ties to the earlier entry", () => {
    expect(allocateFen(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateFen(0, [5, 5])).toEqual([0, 0]);
    expect(allocateFen(7, [0, 0])).toEqual([0, 0]);
  });
});

describe("claimedUnits: what a claim takes out of what may be returned", () => {
  test("sums each line's units over the claims given; lines not claimed are absent", () => {
    const units = claimedUnits([
      { items: [{ position: 0, title: "a", quantity: 2, paidFen: 1, coveredFen: 1, payoutFen: 1 }] },
      {
        items: [
          { position: 0, title: "a", quantity: 1, paidFen: 1, coveredFen: 1, payoutFen: 1 },
          { position: 2, title: "c", quantity: 3, paidFen: 1, coveredFen: 1, payoutFen: 1 },
        ],
      },
    ]);
    expect([...units]).toEqual([
      [0, 3],
      [2, 3],
    ]);
    expect(claimedUnits([]).size).toBe(0);
  });

  test("a stored table parses back; a damaged one is refused with the column named", () => {
    const payout = computePayout({ items: [], insured: true, capFen: 0 });
    expect(storedPayout(JSON.stringify(payout))).toEqual(payout);
    expect(() => storedPayout('{"insured":"yes"}')).toThrow(/ParcelClaim\.payout/);
  });
});
