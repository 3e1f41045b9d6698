import { z } from "zod";
import { ONE, Ratio } from "~/domain/landed-cost/ratio";
import { faultOf, type Fault, type ReturnReason } from "./reasons";

// May these items go back for this reason, now? (docs/returns.md, "When".)
//
// A window of N days ends exactly N × 24 hours after the order's DELIVERED time, and the deadline
// itself is still inside it: delivered 2024-03-20T10:00:00Z, 7 days → the last moment to file is
// 2024-03-27T10:00:00Z (inclusive), one millisecond later is too late. Days are 24-hour periods,
// not calendar days, so the time zone of the shopper never matters.

export const DAY_MS = 86_400_000;

/** The return policy. Admins edit it; the service passes the current one in. */
export type ReturnPolicyConfig = {
  /** Window for shopper-fault reasons (CHANGED_MIND, SIZE_FIT), in days after DELIVERED. */
  shopperFaultDays: number;
  /** Window for platform-fault reasons, in days after DELIVERED. */
  platformFaultDays: number;
  /** Restocking fee on shopper-fault returns, a fraction of the returned goods ("0.10" = 10 %). */
  restockingRate: string;
  /** Tax categories that may not go back for a shopper-fault reason. */
  excludedCategories: readonly string[];
  /** CBEC: the returned goods must reach the bonded return point within this many days of customs release for the import tax to come back. */
  cbecTaxReturnDays: number;
};

export const DEFAULT_RETURN_POLICY: Readonly<ReturnPolicyConfig> = Object.freeze({
  shopperFaultDays: 7,
  platformFaultDays: 30,
  restockingRate: "0",
  excludedCategories: Object.freeze(["food", "cosmetics_premium", "alcohol"]),
  cbecTaxReturnDays: 30,
});

const RATE = /^\d{1,3}(?:\.\d{1,6})?$/;

const days = z
  .number({ required_error: "returns:errors.configDaysInvalid", invalid_type_error: "returns:errors.configDaysInvalid" })
  .int("returns:errors.configDaysInvalid")
  .min(0, "returns:errors.configDaysInvalid")
  .max(365, "returns:errors.configDaysInvalid");

/** The admin form's schema: whole days 0–365, a rate from 0 to 1 as a decimal string, category codes. */
export const returnPolicyConfigSchema = z
  .object({
    shopperFaultDays: days,
    platformFaultDays: days,
    restockingRate: z
      .string({ required_error: "returns:errors.configRateInvalid", invalid_type_error: "returns:errors.configRateInvalid" })
      .trim()
      .superRefine((value, ctx) => {
        if (!RATE.test(value) || Ratio.parse(value).gt(ONE))
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "returns:errors.configRateInvalid" });
      }),
    excludedCategories: z
      .array(z.string().trim().min(1, "returns:errors.configCategoryInvalid").max(64, "returns:errors.configCategoryInvalid"), {
        invalid_type_error: "returns:errors.configCategoryInvalid",
      })
      .max(100, "returns:errors.configCategoryInvalid")
      .transform((categories) => [...new Set(categories)]),
    cbecTaxReturnDays: days,
  })
  .strict();

export function windowDays(fault: Fault, config: ReturnPolicyConfig): number {
  return fault === "SHOPPER" ? config.shopperFaultDays : config.platformFaultDays;
}

/** The last moment a return for `fault` may be filed: deliveredAt + N × 24 h (inclusive). */
export function returnDeadline(deliveredAt: Date, fault: Fault, config: ReturnPolicyConfig): Date {
  return new Date(deliveredAt.getTime() + windowDays(fault, config) * DAY_MS);
}

export type EligibilityItem = { taxCategory: string; customMade: boolean };

export type EligibilityInput = {
  reason: ReturnReason;
  /** When the order reached DELIVERED; null (or an invalid date) while it has not. */
  deliveredAt: Date | null | undefined;
  now: Date;
  /** The items being returned (not the whole order): a T-shirt may go back from an order that also held food. */
  items: readonly EligibilityItem[];
  config: ReturnPolicyConfig;
};

export type EligibilityErrorCode = "NOT_DELIVERED" | "WINDOW_CLOSED" | "CATEGORY_EXCLUDED" | "CUSTOM_MADE";

export type Eligibility =
  | { ok: true; fault: Fault; windowDays: number; deadline: Date }
  | {
      ok: false;
      code: EligibilityErrorCode;
      /** Locale key explaining why. */
      message: string;
      fault: Fault;
      windowDays: number;
      /** The filing deadline; absent only for NOT_DELIVERED. */
      deadline?: Date;
      /** Outside the window: the form offers a complaint instead. */
      complaint: boolean;
      /** CATEGORY_EXCLUDED / CUSTOM_MADE: indexes into `items` of the items at issue. */
      items?: number[];
    };

const MESSAGES: Record<EligibilityErrorCode, string> = {
  NOT_DELIVERED: "returns:errors.notDelivered",
  WINDOW_CLOSED: "returns:errors.windowClosed",
  CATEGORY_EXCLUDED: "returns:errors.categoryExcluded",
  CUSTOM_MADE: "returns:errors.customMade",
};

/**
 * Checks, in order: the order was delivered (NOT_DELIVERED); for a shopper-fault reason, no item is
 * of an excluded category (CATEGORY_EXCLUDED) or custom-made (CUSTOM_MADE) — those never go back for
 * a change of mind, whatever the date, but may for a platform-fault reason; `now` is within the
 * reason's window (WINDOW_CLOSED, with `complaint: true`). A `now` before delivery (clock skew) is
 * inside the window.
 */
export function checkEligibility({ reason, deliveredAt, now, items, config }: EligibilityInput): Eligibility {
  if (!Number.isFinite(now.getTime())) throw new RangeError("now must be a valid date");
  const fault = faultOf(reason);
  const days = windowDays(fault, config);
  const refuse = (code: EligibilityErrorCode, extra: { deadline?: Date; complaint?: boolean; items?: number[] } = {}): Eligibility => ({
    ok: false,
    code,
    message: MESSAGES[code],
    fault,
    windowDays: days,
    complaint: false,
    ...extra,
  });

  if (!deliveredAt || !Number.isFinite(deliveredAt.getTime())) return refuse("NOT_DELIVERED");
  const deadline = returnDeadline(deliveredAt, fault, config);

  if (fault === "SHOPPER") {
    const excluded = indexesWhere(items, (item) => config.excludedCategories.includes(item.taxCategory));
    if (excluded.length > 0) return refuse("CATEGORY_EXCLUDED", { deadline, items: excluded });
    const customMade = indexesWhere(items, (item) => item.customMade);
    if (customMade.length > 0) return refuse("CUSTOM_MADE", { deadline, items: customMade });
  }

  if (now.getTime() > deadline.getTime()) return refuse("WINDOW_CLOSED", { deadline, complaint: true });
  return { ok: true, fault, windowDays: days, deadline };
}

function indexesWhere<T>(values: readonly T[], predicate: (value: T) => boolean): number[] {
  return values.flatMap((value, index) => (predicate(value) ? [index] : []));
}
