import { describe, expect, test } from "vitest";
import { measureStages, onTimeRate, shareOf, type StageTimes } from "~/domain/trust/scores";

const targets = { procurementTargetHours: 48, dispatchTargetHours: 24 };
const at = (hours: number) => new Date(Date.UTC(2026, 11, 1) + hours * 3_600_000);
const now = at(1000);

function order(paid: number | null, purchased: number | null, warehouse: number | null = null, shipped: number | null = null): StageTimes {
  const time = (hours: number | null) => (hours === null ? null : at(hours));
  return { paidAt: time(paid), purchasedAt: time(purchased), atWarehouseAt: time(warehouse), shippedAt: time(shipped) };
}

describe("a share of a sample", () => {
  test("is a percentage to one decimal once the sample reaches the minimum", () => {
    expect(shareOf(1, 3, 3)).toEqual({ count: 1, of: 3, enough: true, percent: 33.3 });
    expect(shareOf(2, 80, 3).percent).toBe(2.5);
  });
  test("has no number below the minimum, and none for an empty sample", () => {
    expect(shareOf(1, 2, 3)).toEqual({ count: 1, of: 2, enough: false, percent: null });
    expect(shareOf(0, 0, 1)).toEqual({ count: 0, of: 0, enough: false, percent: null });
  });
});

describe("the stages of an order", () => {
  test("paid → purchased and at the warehouse → shipped are measured against their targets", () => {
    expect(measureStages(order(0, 48, 100, 130), targets, now)).toEqual([
      { stage: "PROCUREMENT", hours: 48, onTime: true },
      { stage: "DISPATCH", hours: 30, onTime: false },
    ]);
  });
  test("a stage under way is not measured until it is late, then it counts as late", () => {
    expect(measureStages(order(990, null), targets, now)).toEqual([]);
    expect(measureStages(order(900, null), targets, now)).toEqual([{ stage: "PROCUREMENT", hours: 100, onTime: false }]);
  });
  test("an order never paid has nothing to measure", () => {
    expect(measureStages(order(null, null), targets, now)).toEqual([]);
  });
});

describe("the on-time rate", () => {
  test("is the share of on-time stages, counted from orders that have a measured stage", () => {
    const rate = onTimeRate([order(0, 10, 20, 30), order(0, 60), order(0, 20, 30, 40), order(995, null)], targets, 3, now);
    expect(rate.orders).toBe(3);
    expect(rate.count).toBe(4);
    expect(rate.of).toBe(5);
    expect(rate.percent).toBe(80);
    expect(rate.procurement).toMatchObject({ count: 2, of: 3, percent: 66.7 });
    expect(rate.dispatch).toMatchObject({ count: 2, of: 2, enough: false, percent: null });
  });
  test("says nothing below the minimum number of orders, however many stages they have", () => {
    const rate = onTimeRate([order(0, 10, 20, 30), order(0, 10, 20, 30)], targets, 3, now);
    expect(rate).toMatchObject({ enough: false, percent: null, orders: 2, of: 4 });
  });
});
