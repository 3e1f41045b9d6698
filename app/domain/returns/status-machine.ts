import { z } from "zod";
import { MAX_MOVE_PHOTOS, payloadFields, stateMachine } from "~/domain/state-machine";
import type { Actor, MoveCheck, MoveErrorCode, MoveRule } from "~/domain/state-machine";
import type { Fault } from "./reasons";

// A return's state machine (docs/order-states.md, "Returns"), the same shape as the order's
// (app/domain/state-machine.ts):
//
//   REQUESTED → APPROVED → AWAITING_SHIPMENT → IN_TRANSIT → RECEIVED → REFUNDED
//       ↘ REJECTED  ↘ REJECTED (the foreign store refuses a shopper-fault return)
//   REQUESTED | APPROVED | AWAITING_SHIPMENT → CANCELLED (the shopper, before IN_TRANSIT)
//
// The table below is the only place that says who may move a return where and with what payload.
// Some moves depend on who is at fault (APPROVED → AWAITING_SHIPMENT needs the store's acceptance
// for a shopper-fault return and the label for a platform-fault one), so the request names the fault.
// Messages are locale keys.

export { ACTORS, type Actor } from "~/domain/state-machine";

export const RETURN_STATUSES = [
  "REQUESTED",
  "APPROVED",
  "REJECTED",
  "AWAITING_SHIPMENT",
  "IN_TRANSIT",
  "RECEIVED",
  "REFUNDED",
  "CANCELLED",
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const returnStatusSchema = z.enum(RETURN_STATUSES);

/** The happy path, in order: the steps of the return's timeline. */
export const RETURN_STATUS_ORDER = [
  "REQUESTED",
  "APPROVED",
  "AWAITING_SHIPMENT",
  "IN_TRANSIT",
  "RECEIVED",
  "REFUNDED",
] as const satisfies readonly ReturnStatus[];

/** A return in these statuses holds no units: they may be returned again. */
export const RELEASED_STATUSES = ["REJECTED", "CANCELLED"] as const satisfies readonly ReturnStatus[];

/** Whether the return's units count as returned (every status but REJECTED and CANCELLED). */
export function countsAsReturned(status: ReturnStatus): boolean {
  return !(RELEASED_STATUSES as readonly ReturnStatus[]).includes(status);
}

/** What the agent found for one returned unit. */
export const RETURN_CONDITIONS = ["AS_CLAIMED", "USED", "DAMAGED_IN_RETURN", "MISSING"] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/**
 * What the agent does to a unit's refund after inspection. KEEP: as computed when filed;
 * SHOPPER_FAULT: lowered to the shopper-fault amount; ZERO: nothing for this unit. Only KEEP for a
 * unit AS_CLAIMED.
 */
export const REFUND_ADJUSTMENTS = ["KEEP", "SHOPPER_FAULT", "ZERO"] as const;
export type RefundAdjustment = (typeof REFUND_ADJUSTMENTS)[number];

// ---------------------------------------------------------------------------------------------
// Payloads. Every payload may carry a note for the event row; unknown keys are stripped.

const { note, requiredNote, carrier, trackingNumber, photo } = payloadFields("returns");

export const returnNotePayloadSchema = z.object({ note: note.optional() });

/** Rejecting says why, for the shopper. */
export const rejectPayloadSchema = z.object({ note: requiredNote });

/** Shopper fault: the agent confirms the foreign store accepts the return, and how (its RMA, its address). */
export const storeAcceptedPayloadSchema = z.object({
  storeAccepted: z.literal(true, { errorMap: () => ({ message: "returns:errors.storeAcceptanceRequired" }) }),
  note: requiredNote,
});

/** A blank form field counts as absent. */
const blankAsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** Platform fault: the label the platform issues, as carrier + tracking number, or a label reference, or both. */
export const labelIssuedPayloadSchema = z
  .object({
    carrier: z.preprocess(blankAsAbsent, carrier.optional()),
    trackingNumber: z.preprocess(blankAsAbsent, trackingNumber.optional()),
    labelReference: z.preprocess(
      blankAsAbsent,
      z.string({ invalid_type_error: "returns:errors.labelInvalid" }).trim().max(200, "returns:errors.labelInvalid").optional(),
    ),
    note: note.optional(),
  })
  .superRefine((payload, ctx) => {
    if (payload.labelReference !== undefined) return;
    if (payload.carrier !== undefined && payload.trackingNumber !== undefined) return;
    if (payload.carrier === undefined && payload.trackingNumber === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["labelReference"], message: "returns:errors.labelRequired" });
    } else if (payload.carrier === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["carrier"], message: "returns:errors.carrierRequired" });
    } else {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["trackingNumber"], message: "returns:errors.trackingRequired" });
    }
  });

/** The parcel is on its way back. */
export const inTransitPayloadSchema = z.object({ carrier, trackingNumber, note: note.optional() });

/** One returned unit as the agent found it. Note and photos are required unless AS_CLAIMED. */
export const unitInspectionSchema = z
  .object({
    position: z
      .number({
        required_error: "returns:errors.inspectionPositionInvalid",
        invalid_type_error: "returns:errors.inspectionPositionInvalid",
      })
      .int("returns:errors.inspectionPositionInvalid")
      .min(0, "returns:errors.inspectionPositionInvalid"),
    condition: z.enum(RETURN_CONDITIONS, { errorMap: () => ({ message: "returns:errors.conditionRequired" }) }),
    refundAdjustment: z.enum(REFUND_ADJUSTMENTS, { errorMap: () => ({ message: "returns:errors.adjustmentInvalid" }) }).default("KEEP"),
    note: note.optional(),
    photos: z
      .array(photo, { invalid_type_error: "returns:errors.conditionPhotosRequired" })
      .max(MAX_MOVE_PHOTOS, "returns:errors.photosTooMany")
      .optional(),
  })
  .superRefine((unit, ctx) => {
    if (unit.condition === "AS_CLAIMED") {
      if (unit.refundAdjustment !== "KEEP")
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["refundAdjustment"], message: "returns:errors.adjustmentWithoutCause" });
      return;
    }
    if (!unit.note) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "returns:errors.conditionNoteRequired" });
    if (!unit.photos || unit.photos.length === 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["photos"], message: "returns:errors.conditionPhotosRequired" });
  });

/**
 * The parcel arrived: one record per returned unit (a line returned with 2 units has 2 records).
 * That the records match the return's units is checked by checkInspections (condition.ts).
 */
export const receivedPayloadSchema = z.object({
  units: z
    .array(unitInspectionSchema, {
      required_error: "returns:errors.inspectionRequired",
      invalid_type_error: "returns:errors.inspectionRequired",
    })
    .min(1, "returns:errors.inspectionRequired")
    .max(1000, "returns:errors.inspectionRequired"),
  note: note.optional(),
});

export type ReturnNotePayload = z.infer<typeof returnNotePayloadSchema>;
export type RejectPayload = z.infer<typeof rejectPayloadSchema>;
export type StoreAcceptedPayload = z.infer<typeof storeAcceptedPayloadSchema>;
export type LabelIssuedPayload = z.infer<typeof labelIssuedPayloadSchema>;
export type InTransitPayload = z.infer<typeof inTransitPayloadSchema>;
export type UnitInspection = z.infer<typeof unitInspectionSchema>;
export type UnitInspectionInput = z.input<typeof unitInspectionSchema>;
export type ReceivedPayload = z.infer<typeof receivedPayloadSchema>;
export type ReturnTransitionPayload =
  ReturnNotePayload | RejectPayload | StoreAcceptedPayload | LabelIssuedPayload | InTransitPayload | ReceivedPayload;

// ---------------------------------------------------------------------------------------------
// The table. A SHOPPER acts on returns of their own orders only, an AGENT on returns of orders
// assigned to them only; ADMIN and SYSTEM on any. A rule with `fault` applies to returns of that
// fault only.

export type ReturnTransitionRule = MoveRule<ReturnStatus, ReturnTransitionPayload> & { readonly fault?: Fault };

const rule = (
  from: ReturnStatus,
  to: ReturnStatus,
  roles: readonly Actor[],
  payload: ReturnTransitionRule["payload"],
  fault?: Fault,
): ReturnTransitionRule => ({
  from,
  to,
  roles,
  payload,
  ...(fault ? { fault } : {}),
});

const STAFF = ["AGENT", "ADMIN"] as const;
const STAFF_OR_SYSTEM = ["AGENT", "ADMIN", "SYSTEM"] as const;
const SHIPPERS = ["SHOPPER", "AGENT", "ADMIN", "SYSTEM"] as const;

export const RETURN_TRANSITIONS: readonly ReturnTransitionRule[] = [
  rule("REQUESTED", "APPROVED", STAFF, returnNotePayloadSchema),
  rule("REQUESTED", "REJECTED", STAFF, rejectPayloadSchema),
  // The foreign store may still refuse a shopper-fault return after approval.
  rule("APPROVED", "REJECTED", STAFF, rejectPayloadSchema),
  rule("APPROVED", "AWAITING_SHIPMENT", STAFF, storeAcceptedPayloadSchema, "SHOPPER"),
  rule("APPROVED", "AWAITING_SHIPMENT", STAFF, labelIssuedPayloadSchema, "PLATFORM"),
  // The shopper enters the tracking number, or staff do, or carrier tracking picks the parcel up.
  rule("AWAITING_SHIPMENT", "IN_TRANSIT", SHIPPERS, inTransitPayloadSchema),
  rule("IN_TRANSIT", "RECEIVED", STAFF, receivedPayloadSchema),
  rule("RECEIVED", "REFUNDED", STAFF_OR_SYSTEM, returnNotePayloadSchema),
  rule("REQUESTED", "CANCELLED", ["SHOPPER"], returnNotePayloadSchema),
  rule("APPROVED", "CANCELLED", ["SHOPPER"], returnNotePayloadSchema),
  rule("AWAITING_SHIPMENT", "CANCELLED", ["SHOPPER"], returnNotePayloadSchema),
];

// ---------------------------------------------------------------------------------------------

export type ReturnTransitionRequest = {
  from: ReturnStatus;
  to: ReturnStatus;
  role: Actor;
  /** Who is at fault for the return (faultOf(reason)). */
  fault: Fault;
  /** The acting shopper placed the order the return belongs to. */
  isOwner: boolean;
  /** The acting agent is the order's assigned agent. */
  isAssignedAgent: boolean;
  payload?: unknown;
};

export type ReturnTransitionErrorCode = MoveErrorCode;
export type ReturnTransitionCheck = MoveCheck<ReturnTransitionRule, ReturnTransitionPayload, ReturnTransitionErrorCode>;

const machine = stateMachine("returns", RETURN_STATUSES, RETURN_TRANSITIONS);
/** The rows that apply to a return of `fault`: those for both faults and those for its own. */
const forFault = (fault: Fault) => (candidate: ReturnTransitionRule) => candidate.fault === undefined || candidate.fault === fault;

/**
 * May `role` move a return from `from` to `to`, and is the payload complete? The checks of every
 * machine (app/domain/state-machine.ts), on the rows for a return of this fault.
 */
export function checkReturnTransition(request: ReturnTransitionRequest): ReturnTransitionCheck {
  return machine.check({ ...request, applies: forFault(request.fault) });
}

/**
 * The statuses `role` may move a return of `fault` in `from` to, in RETURN_STATUSES order: the buttons
 * to show. Ownership and assignment are the caller's to check.
 */
export function allowedReturnTransitions(from: ReturnStatus, role: Actor, fault: Fault): ReturnStatus[] {
  return machine.allowed(from, role, forFault(fault));
}

/** The zod schema for the payload of a move, for the form that collects it; undefined when the move is not allowed. */
export function returnPayloadSchemaFor(
  from: ReturnStatus,
  to: ReturnStatus,
  role: Actor,
  fault: Fault,
): ReturnTransitionRule["payload"] | undefined {
  return machine.payloadSchemaFor(from, to, role, forFault(fault));
}

/** No move leads out of it: REJECTED, REFUNDED and CANCELLED. */
export function isReturnTerminal(status: ReturnStatus): boolean {
  return machine.isTerminal(status);
}
