import { z } from "zod";
import { MAX_MOVE_PHOTOS, payloadFields, stateMachine } from "~/domain/state-machine";
import type { Actor, MoveCheck, MoveErrorCode, MoveRule } from "~/domain/state-machine";

// A claim (索赔) for a parcel lost or damaged after it shipped, on the shared state-machine shape
// (app/domain/state-machine.ts):
//
//   FILED → APPROVED → PAID   (an admin approves the payout of the published table; it is paid at once)
//     ↘ REJECTED              (an admin rejects it, with a reason the shopper reads)
//
// The table below is the only place that says who may move a claim where and with what payload.

export const CLAIM_STATUSES = ["FILED", "APPROVED", "REJECTED", "PAID"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const claimStatusSchema = z.enum(CLAIM_STATUSES);

export const CLAIM_REASONS = ["LOST", "DAMAGED"] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];
export const claimReasonSchema = z.enum(CLAIM_REASONS);

/** A claim in one of these blocks another on the same order: one open claim, and goods are paid out once. */
export const BLOCKING_STATUSES = ["FILED", "APPROVED", "PAID"] as const satisfies readonly ClaimStatus[];

export const CLAIM_TEXT_MAX = 2000;
/** A damaged parcel is claimed within this many days (24-hour periods) of its delivery, the deadline included. */
export const DAMAGED_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Filing: a reason, what happened, the affected item lines (DAMAGED; LOST is the whole parcel), photos.

const { note, requiredNote } = payloadFields("claims");

export const claimFilingSchema = z
  .object({
    reason: z.enum(CLAIM_REASONS, { errorMap: () => ({ message: "claims:errors.reasonRequired" }) }),
    description: z
      .string({ required_error: "claims:errors.descriptionRequired", invalid_type_error: "claims:errors.descriptionRequired" })
      .trim()
      .min(1, "claims:errors.descriptionRequired")
      .max(CLAIM_TEXT_MAX, "claims:errors.descriptionTooLong"),
    // The checked item lines' positions; a form sends one value or several.
    positions: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z
        .array(
          z.coerce
            .number({ invalid_type_error: "claims:errors.itemsInvalid" })
            .int("claims:errors.itemsInvalid")
            .min(0, "claims:errors.itemsInvalid")
            .max(999, "claims:errors.itemsInvalid"),
        )
        .max(200, "claims:errors.itemsInvalid"),
    ),
  })
  .superRefine((filing, ctx) => {
    if (filing.reason === "DAMAGED" && filing.positions.length === 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["positions"], message: "claims:errors.itemsRequired" });
    if (new Set(filing.positions).size !== filing.positions.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["positions"], message: "claims:errors.itemsInvalid" });
  });
export type ClaimFiling = z.infer<typeof claimFilingSchema>;

/** The evidence a filing must carry: a damaged parcel is shown, a lost one cannot be. */
export function photosRequired(reason: ClaimReason): boolean {
  return reason === "DAMAGED";
}
export const MAX_CLAIM_PHOTOS = MAX_MOVE_PHOTOS;

// ---------------------------------------------------------------------------------------------
// Moves

export const approvePayloadSchema = z.object({ note: note.optional() });
export const rejectPayloadSchema = z.object({ note: requiredNote });
export const payPayloadSchema = z.object({});
export type ClaimPayload = { note?: string };

export type ClaimRule = MoveRule<ClaimStatus, ClaimPayload>;

export const CLAIM_TRANSITIONS: readonly ClaimRule[] = [
  { from: "FILED", to: "APPROVED", roles: ["ADMIN"], payload: approvePayloadSchema },
  { from: "FILED", to: "REJECTED", roles: ["ADMIN"], payload: rejectPayloadSchema },
  // Paying is the ledger's step in the approval's own transaction (claims.server.ts): APPROVED is never left unpaid.
  { from: "APPROVED", to: "PAID", roles: ["ADMIN"], payload: payPayloadSchema },
];

const machine = stateMachine("claims", CLAIM_STATUSES, CLAIM_TRANSITIONS);
const everyRule = () => true;

export function checkClaimMove(request: {
  from: ClaimStatus;
  to: ClaimStatus;
  role: Actor;
  isOwner: boolean;
  payload?: unknown;
}): MoveCheck<ClaimRule, ClaimPayload, MoveErrorCode> {
  return machine.check({ ...request, isAssignedAgent: false, applies: everyRule });
}

/** The statuses `role` may move a claim in `from` to: the buttons to show. */
export function allowedClaimMoves(from: ClaimStatus, role: Actor): ClaimStatus[] {
  return machine.allowed(from, role, everyRule);
}

export function isTerminalClaim(status: ClaimStatus): boolean {
  return machine.isTerminal(status);
}

// ---------------------------------------------------------------------------------------------
// Eligibility

export type ClaimRefusal = "notFound" | "notShipped" | "delivered" | "windowClosed" | "notDelivered" | "alreadyClaimed";

export type ClaimOrderFacts = {
  userId: string;
  status: string;
  deliveredAt: Date | string | null;
  /** Claims of the order in BLOCKING_STATUSES. */
  blockingClaims: number;
};

const IN_TRANSIT = ["SHIPPED", "IN_CUSTOMS"];
const ARRIVED = ["DELIVERED", "COMPLETED"];

/** The last moment a damaged parcel delivered at `deliveredAt` may be claimed (inclusive). */
export function damagedDeadline(deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + DAMAGED_WINDOW_DAYS * DAY_MS);
}

/**
 * May `userId` claim for `reason` on the order now? Only its shopper (anyone else: not found). LOST: while
 * the parcel is on its way (SHIPPED, IN_CUSTOMS); a delivered parcel is not lost. DAMAGED: once it was
 * delivered, within DAMAGED_WINDOW_DAYS. One claim at a time, and none after one was paid.
 */
export function claimRefusal(userId: string, order: ClaimOrderFacts, reason: ClaimReason, now: Date): ClaimRefusal | null {
  if (order.userId !== userId) return "notFound";
  if (!IN_TRANSIT.includes(order.status) && !ARRIVED.includes(order.status)) return "notShipped";
  if (order.blockingClaims > 0) return "alreadyClaimed";
  if (reason === "LOST") return IN_TRANSIT.includes(order.status) ? null : "delivered";
  if (!ARRIVED.includes(order.status) || order.deliveredAt === null) return "notDelivered";
  return now.getTime() <= damagedDeadline(new Date(order.deliveredAt)).getTime() ? null : "windowClosed";
}

/** The reasons the shopper may claim for now (the form's choices, and whether to link it from the order). */
export function claimableReasons(userId: string, order: ClaimOrderFacts, now: Date): ClaimReason[] {
  return CLAIM_REASONS.filter((reason) => claimRefusal(userId, order, reason, now) === null);
}

/** The admin's decision form: the move, the version the page showed, the note (the machine checks it per move). */
export const claimDecisionFormSchema = z.object({
  to: z.enum(["APPROVED", "REJECTED"]),
  version: z.coerce.number().int().min(0),
  note: z.string().max(4000).optional(),
});
