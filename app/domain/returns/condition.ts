import { z } from "zod";
import { Ratio } from "~/domain/landed-cost/ratio";
import type { RefundComputation } from "./refund";
import type { RefundAdjustment, ReturnCondition } from "./status-machine";

// After the parcel arrives: the agent records each unit's condition (the RECEIVED payload, see
// status-machine.ts). For a unit that is not AS_CLAIMED the agent may lower that unit's refund to its
// shopper-fault amount or to 0; the shopper sees why and may dispute; an admin decides, finally.
//
// Amounts are integer fen. A line's units are interchangeable, so per position with k units of which
// a are kept, s lowered to the shopper-fault amount and z to 0, the position's refund is
//     round((refundFen × a + shopperFaultRefundFen × s) / k)     (half-up, one rounding per position)
// with refundFen and shopperFaultRefundFen the position's amounts from computeRefund. Kept whole,
// a position keeps its filed amount exactly; the new total is never above the filed one.

/** One unit's record as RECEIVED's payload carries it (unitInspectionSchema). */
export type InspectionRecord = {
  position: number;
  condition: ReturnCondition;
  /** Default KEEP. */
  refundAdjustment?: RefundAdjustment;
  note?: string;
  photos?: string[];
};

export type InspectionErrorCode = "INSPECTION_UNKNOWN_POSITION" | "INSPECTION_COUNT_MISMATCH" | "ADJUSTMENT_WITHOUT_CAUSE";

export type InspectionError = {
  ok: false;
  code: InspectionErrorCode;
  message: string;
  params: { position?: number; expected?: number; recorded?: number; index?: number };
};

export type DroppedUnit = {
  position: number;
  title: string;
  condition: ReturnCondition;
  adjustment: Exclude<RefundAdjustment, "KEEP">;
  note?: string;
  photos: string[];
};

export type InspectedPosition = { position: number; quantity: number; filedFen: number; refundFen: number };

export type InspectionOutcome =
  | {
      ok: true;
      /** The refund computed when the return was filed. */
      filedFen: number;
      /** The refund after inspection. */
      refundFen: number;
      /** filedFen − refundFen. */
      droppedFen: number;
      /** The refund dropped: the shopper may dispute. */
      disputable: boolean;
      positions: InspectedPosition[];
      /** The units whose refund the agent lowered, and why. */
      dropped: DroppedUnit[];
    }
  | InspectionError;

const MESSAGES: Record<InspectionErrorCode, string> = {
  INSPECTION_UNKNOWN_POSITION: "returns:errors.inspectionUnknownItem",
  INSPECTION_COUNT_MISMATCH: "returns:errors.inspectionIncomplete",
  ADJUSTMENT_WITHOUT_CAUSE: "returns:errors.adjustmentWithoutCause",
};

const fail = (code: InspectionErrorCode, params: InspectionError["params"]): InspectionError => ({
  ok: false,
  code,
  message: MESSAGES[code],
  params,
});

/**
 * Do the records cover the return's units exactly: one record per returned unit, only returned
 * positions, and a lowered refund only for a unit that is not AS_CLAIMED?
 */
export function checkInspections(
  computed: Pick<RefundComputation, "positions">,
  inspections: readonly InspectionRecord[],
): { ok: true } | InspectionError {
  const expected = new Map(computed.positions.map((entry) => [entry.position, entry.quantity]));
  const recorded = new Map<number, number>();
  for (const [index, record] of inspections.entries()) {
    if (!expected.has(record.position)) return fail("INSPECTION_UNKNOWN_POSITION", { position: record.position, index });
    if (record.condition === "AS_CLAIMED" && (record.refundAdjustment ?? "KEEP") !== "KEEP")
      return fail("ADJUSTMENT_WITHOUT_CAUSE", { position: record.position, index });
    recorded.set(record.position, (recorded.get(record.position) ?? 0) + 1);
  }
  for (const [position, quantity] of expected) {
    const count = recorded.get(position) ?? 0;
    if (count !== quantity) return fail("INSPECTION_COUNT_MISMATCH", { position, expected: quantity, recorded: count });
  }
  return { ok: true };
}

/** The refund after the agent's inspection: the new total, per position, and which units dropped and why. */
export function refundAfterInspection(
  computed: Pick<RefundComputation, "positions" | "refundFen">,
  inspections: readonly InspectionRecord[],
): InspectionOutcome {
  const checked = checkInspections(computed, inspections);
  if (!checked.ok) return checked;

  const dropped: DroppedUnit[] = [];
  const positions = computed.positions.map((entry): InspectedPosition => {
    let kept = 0;
    let lowered = 0;
    for (const record of inspections) {
      if (record.position !== entry.position) continue;
      const adjustment = record.refundAdjustment ?? "KEEP";
      if (adjustment === "KEEP") kept++;
      else {
        if (adjustment === "SHOPPER_FAULT") lowered++;
        dropped.push({
          position: entry.position,
          title: entry.title,
          condition: record.condition,
          adjustment,
          ...(record.note ? { note: record.note } : {}),
          photos: record.photos ?? [],
        });
      }
    }
    const numerator =
      BigInt(entry.refundFen) * BigInt(kept) + BigInt(Math.min(entry.shopperFaultRefundFen, entry.refundFen)) * BigInt(lowered);
    const refundFen = Number(Ratio.of(numerator, BigInt(entry.quantity)).roundHalfUp(0).num);
    return { position: entry.position, quantity: entry.quantity, filedFen: entry.refundFen, refundFen };
  });

  const refundFen = positions.reduce((total, entry) => total + entry.refundFen, 0);
  const filedFen = computed.refundFen;
  return { ok: true, filedFen, refundFen, droppedFen: filedFen - refundFen, disputable: refundFen < filedFen, positions, dropped };
}

// ---------------------------------------------------------------------------------------------
// Disputes. Open only when the inspection lowered the refund; an admin decides with both sides'
// photos and the decision is final. UPHELD_SHOPPER: the refund as filed; UPHELD_AGENT: as inspected.
// If the inspected amount was already paid, the difference finalRefundFen − paid is what remains.

export const DISPUTE_OUTCOMES = ["UPHELD_SHOPPER", "UPHELD_AGENT"] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

const NOTE_MAX = 1000;
const requiredNote = z
  .string({ required_error: "returns:errors.noteRequired", invalid_type_error: "returns:errors.noteRequired" })
  .trim()
  .min(1, "returns:errors.noteRequired")
  .max(NOTE_MAX, "returns:errors.noteTooLong");
const photos = z
  .array(
    z
      .string({ invalid_type_error: "returns:errors.photoInvalid" })
      .trim()
      .min(1, "returns:errors.photoInvalid")
      .max(200, "returns:errors.photoInvalid"),
    {
      invalid_type_error: "returns:errors.photoInvalid",
    },
  )
  .max(20, "returns:errors.photosTooMany");

/** The shopper disputes the inspection: why, with their own photos if they have any. */
export const disputeFilingSchema = z.object({ note: requiredNote, photos: photos.default([]) });

/** The admin's final decision. */
export const disputeDecisionSchema = z.object({
  outcome: z.enum(DISPUTE_OUTCOMES, { errorMap: () => ({ message: "returns:errors.disputeOutcomeRequired" }) }),
  note: requiredNote,
});

export type DisputeFiling = z.infer<typeof disputeFilingSchema>;
export type DisputeDecision = z.infer<typeof disputeDecisionSchema>;

function assertFen(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer number of fen: ${value}`);
}

/** The shopper may dispute when the inspection lowered the refund. */
export function canDispute({ filedFen, inspectedFen }: { filedFen: number; inspectedFen: number }): boolean {
  assertFen("filedFen", filedFen);
  assertFen("inspectedFen", inspectedFen);
  return inspectedFen < filedFen;
}

/** The refund that stands: as inspected, unless a dispute was upheld for the shopper (as filed). */
export function finalRefundFen({
  filedFen,
  inspectedFen,
  outcome,
}: {
  filedFen: number;
  inspectedFen: number;
  outcome?: DisputeOutcome | null;
}): number {
  assertFen("filedFen", filedFen);
  assertFen("inspectedFen", inspectedFen);
  if (inspectedFen > filedFen) throw new RangeError(`the inspected refund ${inspectedFen} exceeds the filed refund ${filedFen}`);
  return outcome === "UPHELD_SHOPPER" ? filedFen : inspectedFen;
}
