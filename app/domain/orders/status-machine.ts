import { z } from "zod";
import {
  ACTORS,
  MAX_MOVE_PHOTOS,
  payloadFields,
  stateMachine,
  type Actor,
  type MoveCheck,
  type MoveErrorCode,
  type MoveRule,
} from "~/domain/state-machine";

// The order's state machine (docs/order-states.md). The table below is the only place that says who
// may move an order where; checkTransition() reads it (through the shape both machines share,
// app/domain/state-machine.ts) and parses the payload the move needs. Messages are locale keys; the
// route renders them with t().

export const ORDER_STATUSES = [
  "PENDING_PAYMENT",
  "PAID",
  "PURCHASING",
  // Before anything is bought: the store's price rose beyond the tolerance, or the goods are out of
  // stock. The shopper confirms a new quote or cancels with a full refund; the agent may check again.
  "AWAITING_SHOPPER",
  "PURCHASED",
  "AT_WAREHOUSE",
  "SHIPPED",
  "IN_CUSTOMS",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
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

export { ACTORS };
export type { Actor };

/**
 * After PURCHASED the platform never asks for more, so a problem on the way (a customs hold, a
 * delay) is a notice on the timeline, not a status that waits for money: these are its reasons, and
 * the statuses an agent, an admin or SYSTEM may post one in.
 */
export const NOTICE_REASONS = ["CUSTOMS_HOLD", "DELAY", "OTHER"] as const;
export type NoticeReason = (typeof NOTICE_REASONS)[number];
export const NOTICE_STATUSES = ["PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS"] as const satisfies readonly OrderStatus[];

// ---------------------------------------------------------------------------------------------
// Payloads. Every payload may carry a note for the event row; unknown keys are stripped (forms
// send their intent and the like along).

const { note, requiredNote, requiredText, carrier, trackingNumber, photo } = payloadFields("orders");

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

// Evidence of a price or a purchase: stored photo names (the upload pipeline's) and/or a page link.
const evidencePhotos = z
  .array(photo, { invalid_type_error: "orders:errors.photoInvalid" })
  .max(MAX_MOVE_PHOTOS, "orders:errors.photosTooMany")
  .optional();
const evidenceUrl = z
  .string({ invalid_type_error: "orders:errors.evidenceUrlInvalid" })
  .trim()
  .max(500, "orders:errors.evidenceUrlInvalid")
  .url("orders:errors.evidenceUrlInvalid")
  .refine((value) => /^https?:\/\//i.test(value), "orders:errors.evidenceUrlInvalid")
  .optional();

/**
 * The purchase: the store's order number and what it cost. Evidence (the receipt or the store's order
 * page) is asked for by the service when the cost is below the quoted foreign total: a refund then
 * comes from these figures (actual-cost.ts, purchaseNeedsEvidence).
 */
export const purchasedPayloadSchema = z.object({
  foreignOrderNumber: requiredText("orders:errors.foreignOrderNumberRequired", 64, "orders:errors.foreignOrderNumberTooLong"),
  actualCost,
  evidencePhotos,
  evidenceUrl,
  note: note.optional(),
});

// A store price or charge as the agent read it: like actualCost, but zero is a real store shipping charge.
const storeAmount = (positive: boolean) =>
  z
    .string({ invalid_type_error: "orders:errors.checkPriceInvalid" })
    .trim()
    .superRefine((value, ctx) => {
      const message = !FOREIGN_AMOUNT.test(value)
        ? "orders:errors.checkPriceInvalid"
        : positive && !/[1-9]/.test(value)
          ? "orders:errors.actualCostPositive"
          : undefined;
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    });

/**
 * The price check before buying: per order item (its position in the quote request) the store's
 * price now, in the store's currency, and whether it is in stock; the store's shipping charge if it
 * changed; and evidence — a screenshot and/or the product page's link.
 */
export const priceCheckPayloadSchema = z
  .object({
    items: z
      .array(
        z.object({
          position: z
            .number({ invalid_type_error: "orders:errors.invalidRequest" })
            .int("orders:errors.invalidRequest")
            .min(0, "orders:errors.invalidRequest")
            .max(49, "orders:errors.invalidRequest"),
          inStock: z.boolean({
            required_error: "orders:errors.checkStockRequired",
            invalid_type_error: "orders:errors.checkStockRequired",
          }),
          price: storeAmount(true).optional(),
        }),
        { required_error: "orders:errors.checkItemsRequired", invalid_type_error: "orders:errors.checkItemsRequired" },
      )
      .min(1, "orders:errors.checkItemsRequired")
      .max(50, "orders:errors.checkItemsRequired"),
    storeShipping: storeAmount(false).optional(),
    evidencePhotos,
    evidenceUrl,
    note: note.optional(),
  })
  .superRefine((check, ctx) => {
    check.items.forEach((item, index) => {
      if (item.inStock && item.price === undefined)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["items", index, "price"], message: "orders:errors.checkPriceRequired" });
      if (check.items.findIndex((other) => other.position === item.position) !== index)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["items", index, "position"], message: "orders:errors.invalidRequest" });
    });
    if (!check.evidencePhotos?.length && !check.evidenceUrl)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["evidence"], message: "orders:errors.evidenceRequired" });
  });

export const atWarehousePayloadSchema = z.object({
  weightGrams: z
    .number({ required_error: "orders:errors.weightRequired", invalid_type_error: "orders:errors.weightInvalid" })
    .int("orders:errors.weightInvalid")
    .positive("orders:errors.weightInvalid")
    .max(100_000, "orders:errors.weightTooLarge"),
  dimensionsCm: z.tuple([dimension, dimension, dimension], { errorMap: () => ({ message: "orders:errors.dimensionsRequired" }) }),
  photos: z
    .array(photo, { required_error: "orders:errors.photosRequired", invalid_type_error: "orders:errors.photosRequired" })
    .min(1, "orders:errors.photosRequired")
    .max(MAX_MOVE_PHOTOS, "orders:errors.photosTooMany"),
  note: note.optional(),
});

export const shippedPayloadSchema = z.object({ carrier, trackingNumber, note: note.optional() });

/** A notice on the timeline (a customs hold, a delay): a reason and what happened. */
export const noticePayloadSchema = z.object({
  reason: z.enum(NOTICE_REASONS, { errorMap: () => ({ message: "orders:errors.noticeReasonRequired" }) }),
  note: requiredNote,
});

/** The shopper confirms the new quote of a price check (paying only the difference) before anything is bought. */
export const acceptQuotePayloadSchema = z.object({
  acceptedQuoteId: requiredText("orders:errors.acceptedQuoteRequired", 64, "orders:errors.acceptedQuoteRequired"),
  note: note.optional(),
});

export type NotePayload = z.infer<typeof notePayloadSchema>;
export type PurchasedPayload = z.infer<typeof purchasedPayloadSchema>;
export type AtWarehousePayload = z.infer<typeof atWarehousePayloadSchema>;
export type ShippedPayload = z.infer<typeof shippedPayloadSchema>;
export type PriceCheckPayload = z.infer<typeof priceCheckPayloadSchema>;
export type NoticePayload = z.infer<typeof noticePayloadSchema>;
export type AcceptQuotePayload = z.infer<typeof acceptQuotePayloadSchema>;
export type TransitionPayload =
  NotePayload | PurchasedPayload | AtWarehousePayload | ShippedPayload | PriceCheckPayload | AcceptQuotePayload;

// ---------------------------------------------------------------------------------------------
// The table. A SHOPPER always acts on their own order only, an AGENT on orders assigned to them
// only, except where `claim` lets an agent take an order nobody is assigned to. ADMIN and SYSTEM
// act on any order. `via: "PRICE_CHECK"` rows are made by recording a price check (the check's
// outcome picks the row), never by a button of their own; `needsPassedCheck` rows only once the
// order's price check passed (or the shopper confirmed its new quote).

export type TransitionRule = MoveRule<OrderStatus, TransitionPayload> & {
  readonly claim?: true;
  readonly via?: "PRICE_CHECK";
  readonly needsPassedCheck?: true;
};

const rule = (
  from: OrderStatus,
  to: OrderStatus,
  roles: readonly Actor[],
  payload: TransitionRule["payload"],
  extra: Pick<TransitionRule, "claim" | "via" | "needsPassedCheck"> = {},
): TransitionRule => ({
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
  // The price check before buying: above the quote (beyond the tolerance) or out of stock, the order
  // waits for the shopper; a later check that passes takes it back to PURCHASING.
  rule("PURCHASING", "AWAITING_SHOPPER", STAFF, priceCheckPayloadSchema, { via: "PRICE_CHECK" }),
  rule("AWAITING_SHOPPER", "PURCHASING", STAFF, priceCheckPayloadSchema, { via: "PRICE_CHECK" }),
  // The shopper confirms the new quote: the difference is charged now, before anything is bought.
  rule("AWAITING_SHOPPER", "PURCHASING", ["SHOPPER"], acceptQuotePayloadSchema),
  rule("PURCHASING", "PURCHASED", STAFF, purchasedPayloadSchema, { needsPassedCheck: true }),
  rule("PURCHASED", "AT_WAREHOUSE", STAFF, atWarehousePayloadSchema),
  rule("AT_WAREHOUSE", "SHIPPED", STAFF, shippedPayloadSchema),
  rule("SHIPPED", "IN_CUSTOMS", STAFF_OR_SYSTEM, notePayloadSchema),
  rule("IN_CUSTOMS", "DELIVERED", STAFF_OR_SYSTEM, notePayloadSchema),
  rule("DELIVERED", "COMPLETED", ["SHOPPER", "ADMIN", "SYSTEM"], notePayloadSchema),
  // Cancelled only before the goods are bought, and always refunded in full.
  rule("PENDING_PAYMENT", "CANCELLED", ["SHOPPER", "ADMIN"], notePayloadSchema),
  rule("PAID", "CANCELLED", ["SHOPPER", "ADMIN"], notePayloadSchema),
  rule("PURCHASING", "CANCELLED", ["ADMIN"], notePayloadSchema),
  rule("AWAITING_SHOPPER", "CANCELLED", ["SHOPPER", "ADMIN"], notePayloadSchema),
];

// ---------------------------------------------------------------------------------------------

const machine = stateMachine("orders", ORDER_STATUSES, TRANSITIONS);
const notViaPriceCheck = (candidate: TransitionRule) => candidate.via === undefined;

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
  /** The order's latest price check passed, or the shopper confirmed its new quote. */
  priceCheckPassed?: boolean;
  /** "PRICE_CHECK": the move a recorded price check makes (only those rows match, and only then). */
  via?: "PRICE_CHECK";
};

export type TransitionErrorCode = MoveErrorCode | "PRICE_CHECK_REQUIRED";
export type TransitionCheck = MoveCheck<TransitionRule, TransitionPayload, TransitionErrorCode>;

/**
 * May `role` move an order from `from` to `to`, and is the payload complete? The checks of every
 * machine (app/domain/state-machine.ts), with the order's own: an agent may claim an order nobody is
 * assigned to where the row says `claim`, and a `needsPassedCheck` row needs a passed price check
 * (PRICE_CHECK_REQUIRED) before its payload is looked at.
 */
export function checkTransition(request: TransitionRequest): TransitionCheck {
  const { isUnclaimed = false, priceCheckPassed = false, via } = request;
  return machine.check<TransitionErrorCode>({
    ...request,
    applies: (candidate) => candidate.via === via,
    agentMayClaim: (candidate) => candidate.claim === true && isUnclaimed,
    guard: (candidate) =>
      candidate.needsPassedCheck && !priceCheckPassed
        ? { ok: false, code: "PRICE_CHECK_REQUIRED", message: "orders:errors.priceCheckRequired" }
        : undefined,
  });
}

/**
 * The statuses `role` may move an order in `from` to, in ORDER_STATUSES order: the buttons to show
 * (a price check's moves are its own form: mayRecordPriceCheck). Ownership and assignment are the
 * caller's to check (a shopper only sees their own orders).
 */
export function allowedTransitions(from: OrderStatus, role: Actor): OrderStatus[] {
  return machine.allowed(from, role, notViaPriceCheck);
}

/** Whether `role` may record a price check on an order in `status`: the table has a price-check row from it for them. */
export function mayRecordPriceCheck(status: OrderStatus, role: Actor): boolean {
  return TRANSITIONS.some((candidate) => candidate.via === "PRICE_CHECK" && candidate.from === status && candidate.roles.includes(role));
}

/** The status a recorded price check leaves the order in: PURCHASING when it passed, else AWAITING_SHOPPER. */
export function statusAfterPriceCheck(passed: boolean): OrderStatus {
  return passed ? "PURCHASING" : "AWAITING_SHOPPER";
}

/** Whether `role` may post a notice (customs hold, delay) on an order in `status`. */
export function mayPostNotice(status: OrderStatus, role: Actor): boolean {
  return role !== "SHOPPER" && (NOTICE_STATUSES as readonly OrderStatus[]).includes(status);
}

/** The zod schema for the payload of a move, for the form that collects it; undefined when the move is not allowed. */
export function payloadSchemaFor(from: OrderStatus, to: OrderStatus, role: Actor): TransitionRule["payload"] | undefined {
  return machine.payloadSchemaFor(from, to, role, notViaPriceCheck);
}

/** No move leads out of it: COMPLETED and CANCELLED. */
export function isTerminal(status: OrderStatus): boolean {
  return machine.isTerminal(status);
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
