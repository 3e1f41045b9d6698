import { z } from "zod";
import { fieldErrorsOf } from "~/domain/field-errors";
import { ROLES, type Role } from "~/domain/auth/roles";

// The order's state machine (DESIGN.md, "Order and procurement statuses"). The table below is the
// only place that says who may move an order where; checkTransition() reads it and parses the
// payload the move needs. Messages are locale keys; the route renders them with t().

export const ORDER_STATUSES = [
  "PENDING_PAYMENT",
  "PAID",
  "PURCHASING",
  "PURCHASED",
  "AT_WAREHOUSE",
  "SHIPPED",
  "IN_CUSTOMS",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
  "EXCEPTION",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const orderStatusSchema = z.enum(ORDER_STATUSES);

/** The happy path, in order: the steps of the order's progress timeline. */
export const STATUS_ORDER = [
  "PENDING_PAYMENT",
  "PAID",
  "PURCHASING",
  "PURCHASED",
  "AT_WAREHOUSE",
  "SHIPPED",
  "IN_CUSTOMS",
  "DELIVERED",
  "COMPLETED",
] as const satisfies readonly OrderStatus[];

/** The people's roles plus SYSTEM: the payment provider, jobs and carrier tracking. */
export const ACTORS = [...ROLES, "SYSTEM"] as const;
export type Actor = Role | "SYSTEM";

export const EXCEPTION_REASONS = ["OUT_OF_STOCK", "PRICE_ROSE", "CUSTOMS_HOLD", "OTHER"] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

/** The statuses an order may fall into EXCEPTION from, and go back to once it is accepted or resolved. */
export const EXCEPTION_SOURCES = ["PURCHASING", "PURCHASED", "AT_WAREHOUSE", "IN_CUSTOMS"] as const satisfies readonly OrderStatus[];
export type ExceptionSource = (typeof EXCEPTION_SOURCES)[number];

// ---------------------------------------------------------------------------------------------
// Payloads. Every payload may carry a note for the event row; unknown keys are stripped (forms
// send their intent and the like along).

const NOTE_MAX = 1000;
const note = z.string({ invalid_type_error: "orders:errors.noteInvalid" }).trim().max(NOTE_MAX, "orders:errors.noteTooLong");
const requiredNote = z
  .string({ required_error: "orders:errors.noteRequired", invalid_type_error: "orders:errors.noteInvalid" })
  .trim()
  .min(1, "orders:errors.noteRequired")
  .max(NOTE_MAX, "orders:errors.noteTooLong");

const requiredText = (required: string, max: number, tooLong: string) =>
  z.string({ required_error: required, invalid_type_error: required }).trim().min(1, required).max(max, tooLong);

// An amount in the store's currency: up to 3 decimals (ISO 4217's most), no grouping, above zero.
const FOREIGN_AMOUNT = /^\d{1,12}(?:\.\d{1,3})?$/;
const actualCost = z
  .string({ required_error: "orders:errors.actualCostRequired", invalid_type_error: "orders:errors.actualCostInvalid" })
  .trim()
  .superRefine((value, ctx) => {
    const message =
      value === ""
        ? "orders:errors.actualCostRequired"
        : !FOREIGN_AMOUNT.test(value)
          ? "orders:errors.actualCostInvalid"
          : !/[1-9]/.test(value)
            ? "orders:errors.actualCostPositive"
            : undefined;
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  });

const dimension = z
  .number({ required_error: "orders:errors.dimensionInvalid", invalid_type_error: "orders:errors.dimensionInvalid" })
  .finite("orders:errors.dimensionInvalid")
  .positive("orders:errors.dimensionInvalid")
  .max(500, "orders:errors.dimensionTooLarge");

export const notePayloadSchema = z.object({ note: note.optional() });

export const purchasedPayloadSchema = z.object({
  foreignOrderNumber: requiredText("orders:errors.foreignOrderNumberRequired", 64, "orders:errors.foreignOrderNumberTooLong"),
  actualCost,
  note: note.optional(),
});

export const atWarehousePayloadSchema = z.object({
  weightGrams: z
    .number({ required_error: "orders:errors.weightRequired", invalid_type_error: "orders:errors.weightInvalid" })
    .int("orders:errors.weightInvalid")
    .positive("orders:errors.weightInvalid")
    .max(100_000, "orders:errors.weightTooLarge"),
  dimensionsCm: z.tuple([dimension, dimension, dimension], { errorMap: () => ({ message: "orders:errors.dimensionsRequired" }) }),
  photos: z
    .array(z.string({ invalid_type_error: "orders:errors.photoInvalid" }).trim().min(1, "orders:errors.photoInvalid").max(200, "orders:errors.photoInvalid"), {
      required_error: "orders:errors.photosRequired",
      invalid_type_error: "orders:errors.photosRequired",
    })
    .min(1, "orders:errors.photosRequired")
    .max(20, "orders:errors.photosTooMany"),
  note: note.optional(),
});

export const shippedPayloadSchema = z.object({
  carrier: requiredText("orders:errors.carrierRequired", 64, "orders:errors.carrierTooLong"),
  trackingNumber: z
    .string({ required_error: "orders:errors.trackingRequired", invalid_type_error: "orders:errors.trackingRequired" })
    .trim()
    .min(1, "orders:errors.trackingRequired")
    .max(40, "orders:errors.trackingInvalid")
    .regex(/^[A-Za-z0-9-]*$/, "orders:errors.trackingInvalid"),
  note: note.optional(),
});

export const exceptionPayloadSchema = z.object({
  reason: z.enum(EXCEPTION_REASONS, { errorMap: () => ({ message: "orders:errors.exceptionReasonRequired" }) }),
  note: requiredNote,
});

/** The shopper accepts the new quote (paying only the difference) and the order goes back. */
export const acceptQuotePayloadSchema = z.object({
  acceptedQuoteId: requiredText("orders:errors.acceptedQuoteRequired", 64, "orders:errors.acceptedQuoteRequired"),
  note: note.optional(),
});

/** An admin resolving an exception says how. */
export const resolvePayloadSchema = z.object({ note: requiredNote });

export type NotePayload = z.infer<typeof notePayloadSchema>;
export type PurchasedPayload = z.infer<typeof purchasedPayloadSchema>;
export type AtWarehousePayload = z.infer<typeof atWarehousePayloadSchema>;
export type ShippedPayload = z.infer<typeof shippedPayloadSchema>;
export type ExceptionPayload = z.infer<typeof exceptionPayloadSchema>;
export type AcceptQuotePayload = z.infer<typeof acceptQuotePayloadSchema>;
export type ResolvePayload = z.infer<typeof resolvePayloadSchema>;
export type TransitionPayload =
  | NotePayload
  | PurchasedPayload
  | AtWarehousePayload
  | ShippedPayload
  | ExceptionPayload
  | AcceptQuotePayload
  | ResolvePayload;

// ---------------------------------------------------------------------------------------------
// The table. A SHOPPER always acts on their own order only, an AGENT on orders assigned to them
// only, except where `claim` lets an agent take an order nobody is assigned to. ADMIN and SYSTEM
// act on any order. `backToPrevious` rows apply only when `to` is the status the order left for
// EXCEPTION.

export type TransitionRule = {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly roles: readonly Actor[];
  readonly payload: z.ZodType<TransitionPayload, z.ZodTypeDef, unknown>;
  readonly claim?: true;
  readonly backToPrevious?: true;
};

const rule = (from: OrderStatus, to: OrderStatus, roles: readonly Actor[], payload: TransitionRule["payload"], extra: Pick<TransitionRule, "claim" | "backToPrevious"> = {}): TransitionRule => ({
  from,
  to,
  roles,
  payload,
  ...extra,
});

const STAFF = ["AGENT", "ADMIN"] as const;
const STAFF_OR_SYSTEM = ["AGENT", "ADMIN", "SYSTEM"] as const;

export const TRANSITIONS: readonly TransitionRule[] = [
  rule("PENDING_PAYMENT", "PAID", ["SYSTEM"], notePayloadSchema),
  rule("PAID", "PURCHASING", STAFF, notePayloadSchema, { claim: true }),
  rule("PURCHASING", "PURCHASED", STAFF, purchasedPayloadSchema),
  rule("PURCHASED", "AT_WAREHOUSE", STAFF, atWarehousePayloadSchema),
  rule("AT_WAREHOUSE", "SHIPPED", STAFF, shippedPayloadSchema),
  rule("SHIPPED", "IN_CUSTOMS", STAFF_OR_SYSTEM, notePayloadSchema),
  rule("IN_CUSTOMS", "DELIVERED", STAFF_OR_SYSTEM, notePayloadSchema),
  rule("DELIVERED", "COMPLETED", ["SHOPPER", "ADMIN", "SYSTEM"], notePayloadSchema),
  // Cancelled only before the goods are bought, and always refunded in full.
  rule("PENDING_PAYMENT", "CANCELLED", ["SHOPPER", "ADMIN"], notePayloadSchema),
  rule("PAID", "CANCELLED", ["SHOPPER", "ADMIN"], notePayloadSchema),
  rule("PURCHASING", "CANCELLED", ["ADMIN"], notePayloadSchema),
  rule("EXCEPTION", "CANCELLED", ["SHOPPER"], notePayloadSchema),
  ...EXCEPTION_SOURCES.map((from) => rule(from, "EXCEPTION", STAFF_OR_SYSTEM, exceptionPayloadSchema)),
  ...EXCEPTION_SOURCES.map((to) => rule("EXCEPTION", to, ["SHOPPER"], acceptQuotePayloadSchema, { backToPrevious: true })),
  ...EXCEPTION_SOURCES.map((to) => rule("EXCEPTION", to, ["ADMIN"], resolvePayloadSchema, { backToPrevious: true })),
];

// ---------------------------------------------------------------------------------------------

export type TransitionRequest = {
  from: OrderStatus;
  to: OrderStatus;
  role: Actor;
  /** The acting agent is the order's assigned agent. */
  isAssignedAgent: boolean;
  /** The acting shopper placed the order. */
  isOwner: boolean;
  /** No agent is assigned yet: an agent may claim the order (PAID → PURCHASING). */
  isUnclaimed?: boolean;
  payload?: unknown;
  /** For an order in EXCEPTION: the status it came from. */
  previousStatus?: OrderStatus | null;
};

export type TransitionErrorCode = "NOT_ALLOWED" | "WRONG_ROLE" | "NOT_ASSIGNED" | "NOT_OWNER" | "MISSING_FIELDS";

export type TransitionCheck =
  | { ok: true; payload: TransitionPayload; rule: TransitionRule }
  | {
      ok: false;
      code: TransitionErrorCode;
      message: string;
      /** MISSING_FIELDS: the payload's missing or invalid fields, as dotted paths (dimensionsCm.1). */
      fields?: string[];
      /** MISSING_FIELDS: each field's locale keys, for the form. */
      fieldErrors?: Record<string, string[]>;
    };

const refuse = (code: Exclude<TransitionErrorCode, "MISSING_FIELDS">, message: string): TransitionCheck => ({ ok: false, code, message });

function rulesBetween(from: OrderStatus, to: OrderStatus, previousStatus: OrderStatus | null | undefined): TransitionRule[] {
  return TRANSITIONS.filter((candidate) => candidate.from === from && candidate.to === to && (!candidate.backToPrevious || candidate.to === previousStatus));
}

/**
 * May `role` move an order from `from` to `to`, and is the payload complete? On success the payload
 * comes back parsed (trimmed, unknown keys dropped). Checks in order: the move exists for this
 * order (NOT_ALLOWED), the role may make it (WRONG_ROLE), the shopper owns the order (NOT_OWNER),
 * the agent is assigned to it (NOT_ASSIGNED), the payload (MISSING_FIELDS).
 */
export function checkTransition(request: TransitionRequest): TransitionCheck {
  const { from, to, role, isAssignedAgent, isOwner, isUnclaimed = false, payload, previousStatus } = request;
  const rules = rulesBetween(from, to, previousStatus);
  if (rules.length === 0) return refuse("NOT_ALLOWED", "orders:errors.transitionNotAllowed");
  const matched = rules.find((candidate) => candidate.roles.includes(role));
  if (!matched) return refuse("WRONG_ROLE", "orders:errors.wrongRole");
  if (role === "SHOPPER" && !isOwner) return refuse("NOT_OWNER", "orders:errors.notOwner");
  if (role === "AGENT" && !isAssignedAgent && !(matched.claim && isUnclaimed)) return refuse("NOT_ASSIGNED", "orders:errors.notAssigned");

  const parsed = matched.payload.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, payload: parsed.data, rule: matched };
  const fieldErrors = fieldErrorsOf(parsed.error);
  return { ok: false, code: "MISSING_FIELDS", message: "orders:errors.missingFields", fields: Object.keys(fieldErrors), fieldErrors };
}

/**
 * The statuses `role` may move an order in `from` to, in ORDER_STATUSES order: the buttons to show.
 * For an order in EXCEPTION pass `previousStatus`; the way back is offered only towards it.
 * Ownership and assignment are the caller's to check (a shopper only sees their own orders).
 */
export function allowedTransitions(from: OrderStatus, role: Actor, previousStatus?: OrderStatus | null): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => rulesBetween(from, to, previousStatus).some((candidate) => candidate.roles.includes(role)));
}

/** The zod schema for the payload of a move, for the form that collects it; undefined when the move is not allowed. */
export function payloadSchemaFor(from: OrderStatus, to: OrderStatus, role: Actor, previousStatus?: OrderStatus | null): TransitionRule["payload"] | undefined {
  return rulesBetween(from, to, previousStatus).find((candidate) => candidate.roles.includes(role))?.payload;
}

/** No move leads out of it: COMPLETED and CANCELLED. */
export function isTerminal(status: OrderStatus): boolean {
  return !TRANSITIONS.some((candidate) => candidate.from === status);
}

const DAY_MS = 86_400_000;

/**
 * Whether SYSTEM should complete a delivered order: `days` full days (24-hour periods) have passed
 * since delivery. An invalid date never completes anything; a bad `days` setting is a RangeError.
 */
export function shouldAutoComplete(deliveredAt: Date, now: Date, days: number): boolean {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`auto-complete days must be a non-negative number: ${days}`);
  const delivered = deliveredAt.getTime();
  const current = now.getTime();
  if (!Number.isFinite(delivered) || !Number.isFinite(current)) return false;
  return current - delivered >= days * DAY_MS;
}
