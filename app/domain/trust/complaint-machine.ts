import { z } from "zod";
import { formText, MAX_MOVE_PHOTOS, payloadFields, stateMachine } from "~/domain/state-machine";
import type { Actor, MoveCheck, MoveErrorCode, MoveRefusal, MoveRule } from "~/domain/state-machine";
import { toFen } from "~/domain/landed-cost/money";
import { UPHELD_OUTCOMES } from "./scores";

// A complaint (投诉) on an order, separate from returns, on the shared state-machine shape
// (app/domain/state-machine.ts):
//
//   OPEN → ANSWERED → RESOLVED        (the shopper accepts the answer)
//     ↘      ↘ ESCALATED → RESOLVED   (the shopper escalates; an admin arbitrates)
//     ↘ ESCALATED                     (unanswered past its due time, the shopper escalates at once)
//     ↘ RESOLVED                      (the shopper withdraws it)
//
// The table below is the only place that says who may move a complaint where and with what payload.

export const COMPLAINT_STATUSES = ["OPEN", "ANSWERED", "ESCALATED", "RESOLVED"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const complaintStatusSchema = z.enum(COMPLAINT_STATUSES);

export const COMPLAINT_CATEGORIES = [
  "SLOW_PROCUREMENT",
  "WRONG_INFORMATION",
  "SERVICE_ATTITUDE",
  "DAMAGED_PACKAGING",
  "SUSPECTED_COUNTERFEIT",
  "OTHER",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** What an admin decides on an escalated complaint. */
export const ARBITRATION_OUTCOMES = ["NO_ACTION", "APOLOGY", "COMPENSATION", "WARNING"] as const;
export type ArbitrationOutcome = (typeof ARBITRATION_OUTCOMES)[number];
/** Every way a complaint ends: arbitrated, accepted by the shopper, or withdrawn. */
export const COMPLAINT_OUTCOMES = [...ARBITRATION_OUTCOMES, "ACCEPTED", "WITHDRAWN"] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];
export const complaintOutcomeSchema = z.enum(COMPLAINT_OUTCOMES);

/** The outcome finds fault with the agent (and so counts on their profile and the store's page). */
export function isUpheld(outcome: ComplaintOutcome | null): boolean {
  return outcome !== null && (UPHELD_OUTCOMES as readonly string[]).includes(outcome);
}

/** A complaint not RESOLVED is still open: an order has at most one at a time. */
export const UNRESOLVED_STATUSES = ["OPEN", "ANSWERED", "ESCALATED"] as const satisfies readonly ComplaintStatus[];

export const COMPLAINT_TEXT_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// Payloads, with the messages of the "complaints" namespace. Unknown keys are stripped.

const { note, requiredNote, photo } = payloadFields("complaints");
const photos = z.array(photo).max(MAX_MOVE_PHOTOS, "complaints:errors.photosTooMany").default([]);

/** Filing: a category, what happened, and any photos. */
export const complaintFilingSchema = z.object({
  category: z.enum(COMPLAINT_CATEGORIES, { errorMap: () => ({ message: "complaints:errors.categoryRequired" }) }),
  description: z
    .string({ required_error: "complaints:errors.descriptionRequired", invalid_type_error: "complaints:errors.descriptionRequired" })
    .trim()
    .min(1, "complaints:errors.descriptionRequired")
    .max(COMPLAINT_TEXT_MAX, "complaints:errors.descriptionTooLong"),
});
export type ComplaintFiling = z.infer<typeof complaintFilingSchema>;

/** The agent's answer (required text) with their evidence; the shopper's escalation says why. */
export const statedPayloadSchema = z.object({ note: requiredNote, photos });
export const notePayloadSchema = z.object({ note: note.optional() });

/** A blank form field counts as absent. */
const blankAsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The admin's decision: the outcome, its reason for both sides, and the compensation in CNY when it is money. */
export const decisionPayloadSchema = z
  .object({
    outcome: z.enum(ARBITRATION_OUTCOMES, { errorMap: () => ({ message: "complaints:errors.outcomeRequired" }) }),
    note: requiredNote,
    compensation: z.preprocess(
      blankAsAbsent,
      z
        .string({ invalid_type_error: "complaints:errors.compensationInvalid" })
        .trim()
        .regex(/^\d{1,9}(?:\.\d{1,2})?$/, "complaints:errors.compensationInvalid")
        .optional(),
    ),
  })
  .transform((payload, ctx) => {
    const compensationFen = payload.compensation === undefined ? 0 : toFen(payload.compensation);
    if (payload.outcome === "COMPENSATION" && compensationFen <= 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compensation"], message: "complaints:errors.compensationRequired" });
    if (payload.outcome !== "COMPENSATION" && compensationFen > 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compensation"], message: "complaints:errors.compensationWithoutOutcome" });
    return { outcome: payload.outcome, note: payload.note, compensationFen };
  });

export type StatedPayload = z.infer<typeof statedPayloadSchema>;
export type NotePayload = z.infer<typeof notePayloadSchema>;
export type DecisionPayload = z.infer<typeof decisionPayloadSchema>;
export type ComplaintPayload = StatedPayload | NotePayload | DecisionPayload;

/** The fields every complaint move's form carries: where to, on the version the page showed. */
export const complaintMoveFormSchema = z.object({
  intent: z.literal("move"),
  to: complaintStatusSchema,
  version: z.coerce.number().int().min(0),
});

/** The payload a move's form carries, for the schemas above: its note, photos and the admin's decision. */
export function complaintPayloadFromForm(form: FormData, photos: string[]) {
  return {
    note: formText(form, "note"),
    photos,
    outcome: formText(form, "outcome"),
    compensation: formText(form, "compensation"),
  };
}

// ---------------------------------------------------------------------------------------------
// The table. A SHOPPER acts on complaints they filed only, an AGENT on complaints about orders assigned
// to them only; an ADMIN on any (and answers for the platform when no agent is assigned).

export type ComplaintRule = MoveRule<ComplaintStatus, ComplaintPayload> & {
  /** How the complaint ends when this move resolves it without arbitration. */
  readonly closesAs?: "ACCEPTED" | "WITHDRAWN";
  /** Only once the answer is overdue. */
  readonly overdueOnly?: boolean;
};

export const COMPLAINT_TRANSITIONS: readonly ComplaintRule[] = [
  { from: "OPEN", to: "ANSWERED", roles: ["AGENT", "ADMIN"], payload: statedPayloadSchema },
  { from: "OPEN", to: "ESCALATED", roles: ["SHOPPER"], payload: statedPayloadSchema, overdueOnly: true },
  { from: "OPEN", to: "RESOLVED", roles: ["SHOPPER"], payload: notePayloadSchema, closesAs: "WITHDRAWN" },
  { from: "ANSWERED", to: "RESOLVED", roles: ["SHOPPER"], payload: notePayloadSchema, closesAs: "ACCEPTED" },
  { from: "ANSWERED", to: "ESCALATED", roles: ["SHOPPER"], payload: statedPayloadSchema },
  { from: "ESCALATED", to: "RESOLVED", roles: ["ADMIN"], payload: decisionPayloadSchema },
];

const machine = stateMachine("complaints", COMPLAINT_STATUSES, COMPLAINT_TRANSITIONS);
const everyRule = () => true;

export type ComplaintMoveRequest = {
  from: ComplaintStatus;
  to: ComplaintStatus;
  role: Actor;
  /** The acting shopper filed the complaint. */
  isOwner: boolean;
  /** The acting agent is the order's assigned agent. */
  isAssignedAgent: boolean;
  /** The agent's answer is overdue (now ≥ answerDueAt). */
  overdue: boolean;
  /** What is still paid on the order: compensation never exceeds it. */
  paidFen: number;
  payload?: unknown;
};

export type ComplaintMoveCheck = MoveCheck<ComplaintRule, ComplaintPayload, MoveErrorCode | "NOT_DUE" | "OVER_PAID">;

/** May `role` make the move, and is the payload complete? The checks of every machine, then the complaint's own. */
export function checkComplaintMove(request: ComplaintMoveRequest): ComplaintMoveCheck {
  const check = machine.check<"NOT_DUE">({
    ...request,
    applies: everyRule,
    guard: (rule): MoveRefusal<"NOT_DUE"> | undefined =>
      rule.overdueOnly && !request.overdue ? { ok: false, code: "NOT_DUE", message: "complaints:errors.notYetDue" } : undefined,
  });
  if (!check.ok || request.to !== "RESOLVED" || check.rule.closesAs) return check;
  const { compensationFen } = check.payload as DecisionPayload;
  if (compensationFen > Math.max(0, request.paidFen))
    return {
      ok: false,
      code: "OVER_PAID",
      message: "complaints:errors.compensationOverPaid",
      fields: ["compensation"],
      fieldErrors: { compensation: ["complaints:errors.compensationOverPaid"] },
    };
  return check;
}

/** The statuses `role` may move a complaint in `from` to, given whether its answer is overdue: the buttons to show. */
export function allowedComplaintMoves(from: ComplaintStatus, role: Actor, overdue: boolean): ComplaintStatus[] {
  return machine.allowed(from, role, (rule) => !rule.overdueOnly || overdue);
}

/** How a move ends the complaint, or null while it goes on: the shopper's closing, or the admin's decision. */
export function outcomeOf(rule: ComplaintRule, payload: ComplaintPayload): ComplaintOutcome | null {
  if (rule.to !== "RESOLVED") return null;
  return rule.closesAs ?? (payload as DecisionPayload).outcome;
}

/** The agent's answer is overdue: the complaint is still OPEN at or after its due time. */
export function isAnswerOverdue(status: ComplaintStatus, answerDueAt: Date, now: Date): boolean {
  return status === "OPEN" && now.getTime() >= answerDueAt.getTime();
}

/** When the answer is due: filed + the admin-set hours. */
export function answerDueAt(filedAt: Date, answerHours: number): Date {
  return new Date(filedAt.getTime() + answerHours * 3_600_000);
}

export type FilingRefusal = "notFound" | "notPaid" | "alreadyOpen";

/**
 * May `userId` file a complaint on the order? Only its shopper (anyone else: not found), once it was
 * paid (a complaint is about service that was bought), and one unresolved complaint at a time.
 */
export function filingRefusal(
  userId: string,
  order: { userId: string; paidAt: Date | string | null },
  unresolved: number,
): FilingRefusal | null {
  if (order.userId !== userId) return "notFound";
  if (order.paidAt === null) return "notPaid";
  if (unresolved > 0) return "alreadyOpen";
  return null;
}
