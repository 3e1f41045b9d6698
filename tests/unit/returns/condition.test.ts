import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import {
  DISPUTE_OUTCOMES,
  canDispute,
  checkInspections,
  computeRefund,
  disputeDecisionSchema,
  disputeFilingSchema,
  finalRefundFen,
  receivedPayloadSchema,
  refundAfterInspection,
  type InspectionRecord,
  type RefundAdjustment,
  type RefundComputation,
} from "~/domain/returns";
import { mixedCbec, policy, total } from "./fixtures";

// The CBEC order of fixtures.ts returned whole: 2 T-shirts (position 0) and sneakers (position 1).
// At platform fault position 0 is 508.36 (347.93 at shopper fault), position 1 is 1133.05 (759.26).
const quote = mixedCbec();
const everything = [
  { position: 0, quantity: 2 },
  { position: 1, quantity: 1 },
];
const platform = computeRefund({ quote, requested: everything, fault: "PLATFORM", config: policy(), cbecTaxRefundable: false });
const shopper = computeRefund({ quote, requested: everything, fault: "SHOPPER", config: policy(), cbecTaxRefundable: false });

const asClaimed = (position: number): InspectionRecord => ({ position, condition: "AS_CLAIMED" });
const used = (position: number, refundAdjustment: RefundAdjustment): InspectionRecord => ({
  position,
  condition: "USED",
  refundAdjustment,
  note: "Worn, tags removed",
  photos: ["p1.jpg", "p2.jpg"],
});

describe("the fixture", () => {
  test("per-position amounts", () => {
    expect(platform.positions.map((entry) => [entry.refundFen, entry.shopperFaultRefundFen])).toEqual([
      [50_836, 34_793],
      [113_305, 75_926],
    ]);
    expect(shopper.positions.map((entry) => [entry.refundFen, entry.shopperFaultRefundFen])).toEqual([
      [34_793, 34_793],
      [75_926, 75_926],
    ]);
  });
});

describe("refundAfterInspection", () => {
  test("everything as claimed: the refund as filed, nothing to dispute", () => {
    expect(refundAfterInspection(platform, [asClaimed(0), asClaimed(1), asClaimed(0)])).toEqual({
      ok: true,
      filedFen: 164_141,
      refundFen: 164_141,
      droppedFen: 0,
      disputable: false,
      positions: [
        { position: 0, quantity: 2, filedFen: 50_836, refundFen: 50_836 },
        { position: 1, quantity: 1, filedFen: 113_305, refundFen: 113_305 },
      ],
      dropped: [],
    });
  });

  test("a unit not as claimed keeps its refund unless the agent lowers it", () => {
    const result = refundAfterInspection(platform, [used(0, "KEEP"), asClaimed(0), asClaimed(1)]);
    expect(result).toMatchObject({ ok: true, refundFen: 164_141, droppedFen: 0, disputable: false, dropped: [] });
  });

  test("one of two T-shirts used: that unit drops to its shopper-fault amount", () => {
    // (508.36 + 347.93) / 2 = 428.145 → 428.15 for the T-shirt line.
    const result = refundAfterInspection(platform, [used(0, "SHOPPER_FAULT"), asClaimed(0), asClaimed(1)]);
    expect(result).toEqual({
      ok: true,
      filedFen: 164_141,
      refundFen: 42_815 + 113_305,
      droppedFen: 164_141 - 156_120,
      disputable: true,
      positions: [
        { position: 0, quantity: 2, filedFen: 50_836, refundFen: 42_815 },
        { position: 1, quantity: 1, filedFen: 113_305, refundFen: 113_305 },
      ],
      dropped: [
        {
          position: 0,
          title: "T-shirt",
          condition: "USED",
          adjustment: "SHOPPER_FAULT",
          note: "Worn, tags removed",
          photos: ["p1.jpg", "p2.jpg"],
        },
      ],
    });
  });

  test("a missing unit can drop to 0", () => {
    const missing: InspectionRecord = {
      position: 1,
      condition: "MISSING",
      refundAdjustment: "ZERO",
      note: "Box arrived empty",
      photos: ["box.jpg"],
    };
    const result = refundAfterInspection(platform, [asClaimed(0), asClaimed(0), missing]);
    expect(result).toMatchObject({
      ok: true,
      refundFen: 50_836,
      droppedFen: 113_305,
      dropped: [{ position: 1, condition: "MISSING", adjustment: "ZERO" }],
    });
    const nothing = refundAfterInspection(platform, [used(0, "ZERO"), used(0, "ZERO"), missing]);
    expect(nothing).toMatchObject({ ok: true, refundFen: 0, droppedFen: 164_141 });
  });

  test("on a shopper-fault return, lowering to the shopper-fault amount changes nothing; to 0 does", () => {
    expect(refundAfterInspection(shopper, [used(0, "SHOPPER_FAULT"), used(0, "SHOPPER_FAULT"), asClaimed(1)])).toMatchObject({
      refundFen: shopper.refundFen,
      disputable: false,
    });
    expect(refundAfterInspection(shopper, [used(0, "ZERO"), asClaimed(0), asClaimed(1)])).toMatchObject({
      refundFen: 17_397 + 75_926,
      disputable: true,
    });
  });

  test("the RECEIVED payload feeds it as parsed", () => {
    const payload = receivedPayloadSchema.parse({
      units: [
        { position: 0, condition: "AS_CLAIMED" },
        { position: 0, condition: "DAMAGED_IN_RETURN", refundAdjustment: "SHOPPER_FAULT", note: " Crushed box ", photos: ["c.jpg"] },
        { position: 1, condition: "AS_CLAIMED" },
      ],
    });
    expect(refundAfterInspection(platform, payload.units)).toMatchObject({
      ok: true,
      refundFen: 156_120,
      dropped: [{ condition: "DAMAGED_IN_RETURN", note: "Crushed box", photos: ["c.jpg"] }],
    });
  });

  test("the records must cover the returned units exactly", () => {
    expect(checkInspections(platform, [asClaimed(0), asClaimed(1)])).toEqual({
      ok: false,
      code: "INSPECTION_COUNT_MISMATCH",
      message: "returns:errors.inspectionIncomplete",
      params: { position: 0, expected: 2, recorded: 1 },
    });
    expect(refundAfterInspection(platform, [asClaimed(0), asClaimed(0), asClaimed(0), asClaimed(1)])).toMatchObject({
      ok: false,
      code: "INSPECTION_COUNT_MISMATCH",
      params: { position: 0, expected: 2, recorded: 3 },
    });
    expect(refundAfterInspection(platform, [asClaimed(0), asClaimed(0), asClaimed(1), asClaimed(5)])).toEqual({
      ok: false,
      code: "INSPECTION_UNKNOWN_POSITION",
      message: "returns:errors.inspectionUnknownItem",
      params: { position: 5, index: 3 },
    });
    expect(
      refundAfterInspection(platform, [{ position: 0, condition: "AS_CLAIMED", refundAdjustment: "ZERO" }, asClaimed(0), asClaimed(1)]),
    ).toMatchObject({
      ok: false,
      code: "ADJUSTMENT_WITHOUT_CAUSE",
      message: "returns:errors.adjustmentWithoutCause",
    });
  });
});

describe("inspection properties", () => {
  const adjustment = fc.constantFrom<RefundAdjustment>("KEEP", "SHOPPER_FAULT", "ZERO");
  const computations: RefundComputation[] = [platform, shopper];
  const arb = fc.record({
    computed: fc.constantFrom(...computations),
    adjustments: fc.array(adjustment, { minLength: 3, maxLength: 3 }),
    order: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  });
  const records = (adjustments: RefundAdjustment[]): InspectionRecord[] =>
    [0, 0, 1].map((position, index) => used(position, adjustments[index] ?? "KEEP"));

  propTest.prop([arb])(
    "never negative, never above the filed refund; lowering one more unit never raises it",
    ({ computed, adjustments }) => {
      const result = refundAfterInspection(computed, records(adjustments));
      if (!result.ok) throw new Error(result.code);
      expect(result.refundFen).toBeGreaterThanOrEqual(0);
      expect(result.refundFen).toBeLessThanOrEqual(computed.refundFen);
      expect(result.refundFen).toBe(total(result.positions.map((entry) => entry.refundFen)));
      expect(result.dropped.length).toBe(adjustments.filter((value) => value !== "KEEP").length);
      for (let index = 0; index < adjustments.length; index++) {
        for (const lower of ["SHOPPER_FAULT", "ZERO"] as const) {
          if (adjustments[index] === "ZERO" || adjustments[index] === lower) continue;
          const next = adjustments.map((value, i) => (i === index ? lower : value));
          const lowered = refundAfterInspection(computed, records(next));
          if (!lowered.ok) throw new Error(lowered.code);
          expect(lowered.refundFen).toBeLessThanOrEqual(result.refundFen);
        }
      }
    },
  );

  propTest.prop([arb])("the order of the records does not matter", ({ computed, adjustments, order }) => {
    const list = records(adjustments);
    const shuffled = list
      .map((record, index) => ({ record, key: order[index] ?? 0 }))
      .sort((a, b) => a.key - b.key)
      .map(({ record }) => record);
    const a = refundAfterInspection(computed, list);
    const b = refundAfterInspection(computed, shuffled);
    expect(a.ok && b.ok && a.refundFen === b.refundFen).toBe(true);
  });
});

describe("disputes", () => {
  test("open only when the inspection lowered the refund", () => {
    expect(canDispute({ filedFen: 164_141, inspectedFen: 156_120 })).toBe(true);
    expect(canDispute({ filedFen: 164_141, inspectedFen: 164_141 })).toBe(false);
    expect(() => canDispute({ filedFen: -1, inspectedFen: 0 })).toThrow(RangeError);
  });

  test("the final amount: as filed when upheld for the shopper, as inspected otherwise", () => {
    expect(DISPUTE_OUTCOMES).toEqual(["UPHELD_SHOPPER", "UPHELD_AGENT"]);
    expect(finalRefundFen({ filedFen: 164_141, inspectedFen: 156_120, outcome: "UPHELD_SHOPPER" })).toBe(164_141);
    expect(finalRefundFen({ filedFen: 164_141, inspectedFen: 156_120, outcome: "UPHELD_AGENT" })).toBe(156_120);
    expect(finalRefundFen({ filedFen: 164_141, inspectedFen: 156_120 })).toBe(156_120);
    expect(finalRefundFen({ filedFen: 164_141, inspectedFen: 156_120, outcome: null })).toBe(156_120);
    expect(() => finalRefundFen({ filedFen: 100, inspectedFen: 101 })).toThrow(RangeError);
    expect(() => finalRefundFen({ filedFen: 100.5, inspectedFen: 0 })).toThrow(RangeError);
  });

  test("the shopper's filing and the admin's decision", () => {
    expect(disputeFilingSchema.parse({ note: " It was unworn, see my photos " })).toEqual({
      note: "It was unworn, see my photos",
      photos: [],
    });
    expect(disputeFilingSchema.safeParse({ note: "" }).error?.issues.map((issue) => issue.message)).toEqual([
      "returns:errors.noteRequired",
    ]);
    expect(disputeDecisionSchema.parse({ outcome: "UPHELD_AGENT", note: "Wear visible on both soles" })).toEqual({
      outcome: "UPHELD_AGENT",
      note: "Wear visible on both soles",
    });
    expect(disputeDecisionSchema.safeParse({ note: "x" }).error?.issues.map((issue) => issue.message)).toEqual([
      "returns:errors.disputeOutcomeRequired",
    ]);
  });
});
