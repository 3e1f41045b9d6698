import { describe, expect, test } from "vitest";
import {
  ARRIVAL_STAGES,
  DEFAULT_STAGE_SHARES,
  OVERDUE_REMAINING_SHARE,
  buildArrivalModel,
  defaultStageDays,
  milestonesFromEvents,
  predictArrival,
  stageEstimate,
  stageSamplesOf,
  type StageSample,
} from "~/domain/orders/arrival-prediction";

const DAY = 86_400_000;
const lines = { "us-postal": { etaDaysMin: 10, etaDaysMax: 20 }, "us-air": { etaDaysMin: 4, etaDaysMax: 6 } };
const t0 = new Date("2026-11-02T02:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

/** n samples of `days` for one stage, ending a day apart. */
function samples(n: number, days: number, stage: number, storeId: string | null = "store-a", lineCode = "us-postal"): StageSample[] {
  return Array.from({ length: n }, (_, i) => ({ storeId, lineCode, stage, days, endedAt: at(i) }));
}

/** A full history where each stage of store-a on us-postal takes `perStage[i]` days, 40 orders. */
function history(perStage: number[], storeId = "store-a") {
  return perStage.flatMap((days, stage) => samples(40, days, stage, storeId));
}

describe("stage estimates and their fallbacks", () => {
  test("the shares split the line's midpoint and sum to one", () => {
    expect(DEFAULT_STAGE_SHARES.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(ARRIVAL_STAGES.map((stage) => stage.key)).toEqual([
      "PAID>PURCHASED",
      "PURCHASED>AT_WAREHOUSE",
      "AT_WAREHOUSE>SHIPPED",
      "SHIPPED>IN_CUSTOMS",
      "IN_CUSTOMS>DELIVERED",
    ]);
    const total = ARRIVAL_STAGES.reduce((sum, stage) => sum + defaultStageDays(lines["us-postal"], stage.index), 0);
    expect(total).toBeCloseTo(15, 10);
  });

  test("a new line with no history: the default from its range; a new store on a known line: the line's estimate", () => {
    const model = buildArrivalModel(samples(40, 6, 3, "store-a"), lines);
    expect(stageEstimate(model, { storeId: "store-a", lineCode: "us-air", stage: 3 })).toEqual({
      days: 1.5,
      source: "default",
      samples: 0,
    });
    const newStore = stageEstimate(model, { storeId: "store-new", lineCode: "us-postal", stage: 3 });
    expect(newStore.source).toBe("line");
    // 40 samples of 6 days against a default of 4.5 weighted as 3.
    expect(newStore.days).toBeCloseTo((40 * 6 + 3 * 4.5) / 43, 10);
    const known = stageEstimate(model, { storeId: "store-a", lineCode: "us-postal", stage: 3 });
    expect(known.source).toBe("store");
    expect(known.samples).toBe(40);
  });

  test("a store's few samples are shrunk toward its line, many samples hardly", () => {
    const line = samples(60, 2, 0, "store-b");
    const few = buildArrivalModel([...line, ...samples(2, 8, 0, "store-a")], lines);
    const fewDays = stageEstimate(few, { storeId: "store-a", lineCode: "us-postal", stage: 0 }).days;
    const lineDays = stageEstimate(few, { storeId: null, lineCode: "us-postal", stage: 0 }).days;
    // two 8-day orders pull a ~2.2-day line toward 8, but not most of the way
    expect(fewDays).toBeGreaterThan(lineDays);
    expect(fewDays).toBeLessThan((lineDays + 8) / 2);
    const many = buildArrivalModel([...line, ...samples(50, 8, 0, "store-a")], lines);
    expect(stageEstimate(many, { storeId: "store-a", lineCode: "us-postal", stage: 0 }).days).toBeGreaterThan(7.5);
  });

  test("the median of the newest samples: an outlier and old habits do not count", () => {
    const old = samples(100, 20, 1).map((sample) => ({ ...sample, endedAt: new Date(sample.endedAt.getTime() - 400 * DAY) }));
    const recent = [...samples(30, 3, 1), { storeId: "store-a", lineCode: "us-postal", stage: 1, days: 90, endedAt: at(50) }];
    const model = buildArrivalModel([...old, ...recent], lines, { maxSamplesPerKey: 31, priorWeight: 0 });
    expect(stageEstimate(model, { storeId: "store-a", lineCode: "us-postal", stage: 1 }).days).toBe(3);
  });

  test("broken samples (negative, not a number, unknown stage) are ignored", () => {
    const bad: StageSample[] = [
      { storeId: "s", lineCode: "us-air", stage: 0, days: -1, endedAt: t0 },
      { storeId: "s", lineCode: "us-air", stage: 0, days: Number.NaN, endedAt: t0 },
      { storeId: "s", lineCode: "us-air", stage: 9, days: 1, endedAt: t0 },
    ];
    expect(stageEstimate(buildArrivalModel(bad, lines), { storeId: "s", lineCode: "us-air", stage: 0 }).source).toBe("default");
  });
});

describe("the predicted delivery date", () => {
  const model = buildArrivalModel(history([2, 4, 1, 5, 3]), lines, { priorWeight: 0 });
  const order = { storeId: "store-a", lineCode: "us-postal" };

  test("at checkout (nothing paid): the sum of the stages from now", () => {
    const prediction = predictArrival({ ...order, status: "PENDING_PAYMENT", reached: {} }, t0, model);
    expect(prediction?.fromNow).toBe(true);
    expect(prediction?.deliveredAt).toEqual(at(15));
    expect(prediction?.deliveredOn).toBe("2026-11-17");
    expect(prediction?.stages.map((stage) => stage.state)).toEqual(["upcoming", "upcoming", "upcoming", "upcoming", "upcoming"]);
  });

  test("completed stages count with their real times", () => {
    // Bought in 5 days instead of 2, reached the warehouse 1 day later instead of 4.
    const reached = { PAID: at(0), PURCHASED: at(5), AT_WAREHOUSE: at(6) };
    const prediction = predictArrival({ ...order, status: "AT_WAREHOUSE", reached }, at(6), model);
    expect(prediction?.stages.slice(0, 2).map((stage) => [stage.state, stage.endsAt])).toEqual([
      ["done", at(5)],
      ["done", at(6)],
    ]);
    expect(prediction?.stages[2]?.state).toBe("current");
    expect(prediction?.deliveredAt).toEqual(at(6 + 1 + 5 + 3));
    expect(prediction?.fromNow).toBe(false);
  });

  test("a stage running late pushes the date out, day by day, never into the past", () => {
    const reached = { PAID: at(0), PURCHASED: at(2), AT_WAREHOUSE: at(6), SHIPPED: at(7) };
    const onTime = predictArrival({ ...order, status: "SHIPPED", reached }, at(8), model);
    expect(onTime?.deliveredAt).toEqual(at(15));
    // Customs should have started at day 12; at day 14 it still has not.
    const late = predictArrival({ ...order, status: "SHIPPED", reached }, at(14), model);
    const running = late?.stages[3];
    expect(running?.state).toBe("current");
    expect(running?.endsAt).toEqual(at(14 + OVERDUE_REMAINING_SHARE * 5));
    expect(late?.deliveredAt).toEqual(at(14 + OVERDUE_REMAINING_SHARE * 5 + 3));
    const later = predictArrival({ ...order, status: "SHIPPED", reached }, at(20), model);
    expect(later!.deliveredAt.getTime()).toBeGreaterThan(late!.deliveredAt.getTime());
    expect(later!.deliveredAt.getTime()).toBeGreaterThan(at(20).getTime());
  });

  test("a delivered order shows when it was delivered; a cancelled one no date", () => {
    const reached = { PAID: at(0), PURCHASED: at(2), AT_WAREHOUSE: at(6), SHIPPED: at(7), IN_CUSTOMS: at(12), DELIVERED: at(13.5) };
    const prediction = predictArrival({ ...order, status: "COMPLETED", reached }, at(30), model);
    expect(prediction).toMatchObject({ delivered: true, deliveredAt: at(13.5) });
    expect(prediction?.stages.every((stage) => stage.state === "done")).toBe(true);
    expect(predictArrival({ ...order, status: "CANCELLED", reached: { PAID: at(0) } }, at(1), model)).toBeNull();
  });

  test("PURCHASING and a wait for the shopper are inside the buying stage", () => {
    const a = predictArrival({ ...order, status: "PURCHASING", reached: { PAID: at(0) } }, at(1), model);
    const b = predictArrival({ ...order, status: "AWAITING_SHOPPER", reached: { PAID: at(0) } }, at(1), model);
    expect(a?.stages[0]?.state).toBe("current");
    expect(a?.deliveredAt).toEqual(at(15));
    expect(b?.deliveredAt).toEqual(a?.deliveredAt);
  });

  test("a passed milestone missing from the record takes the next known time", () => {
    const prediction = predictArrival({ ...order, status: "SHIPPED", reached: { PAID: at(0), SHIPPED: at(6) } }, at(7), model);
    expect(prediction?.stages.slice(0, 3).map((stage) => stage.endsAt)).toEqual([at(6), at(6), at(6)]);
    expect(prediction?.deliveredAt).toEqual(at(14));
  });

  test("deterministic: the same history in any order gives the same prediction", () => {
    const rows = [...history([2, 4, 1, 5, 3]), ...history([1, 3, 2, 6, 2], "store-b"), ...samples(3, 9, 2)];
    const shuffled = [...rows].reverse();
    const input = { ...order, status: "PURCHASED" as const, reached: { PAID: at(0), PURCHASED: at(2) } };
    const first = predictArrival(input, at(3), buildArrivalModel(rows, lines));
    expect(predictArrival(input, at(3), buildArrivalModel(shuffled, lines))).toEqual(first);
    expect(predictArrival(input, at(3), buildArrivalModel(rows, lines))).toEqual(first);
  });
});

describe("from status events to samples", () => {
  test("first time each milestone was reached, payment from paidAt when no event says it", () => {
    const events = [
      { toStatus: "PURCHASING", createdAt: at(1) },
      { toStatus: "PURCHASED", createdAt: at(2) },
      { toStatus: "AT_WAREHOUSE", createdAt: at(6) },
      { toStatus: "PENDING_PAYMENT", createdAt: at(-1) },
    ];
    const reached = milestonesFromEvents(events, at(0));
    expect(reached).toEqual({ PAID: at(0), PURCHASED: at(2), AT_WAREHOUSE: at(6) });
    expect(stageSamplesOf({ storeId: "s", lineCode: "l", reached }).map((sample) => [sample.stage, sample.days])).toEqual([
      [0, 2],
      [1, 4],
    ]);
  });
});

describe("on a generated history (the bench's)", () => {
  test("the same seed gives the same errors, and the prediction beats the fixed range's midpoint", async () => {
    const { measureArrival } = await import("../../bench/arrival-bench");
    const first = measureArrival(1_500);
    expect(measureArrival(1_500)).toEqual(first);
    expect(first.predicted).toBeLessThan(first.fixed * 0.8);
    // Updated once shipped, the date is closer still.
    expect(first.afterShipping).toBeLessThan(first.predicted);
  });
});
