import { z } from "zod";
import { chinaLocalToInstant } from "~/domain/china-time";
import { fromFen, toFen } from "~/domain/landed-cost";

// The admin form that adds a customs rule set. Messages are locale keys. The start is typed in China
// time (a datetime-local field, or "2025-07-01 00:00", or a bare day meaning its midnight).

const required = (max: number) =>
  z.string({ required_error: "admin:errors.required" }).trim().min(1, "admin:errors.required").max(max, "admin:customs.errors.tooLong");

// CNY amounts as the calculator takes them: normalized to two decimals ("2000" → "2000.00").
const amount = z
  .string({ required_error: "admin:errors.required" })
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "admin:customs.errors.amount")
  .transform((value) => fromFen(toFen(value)));
const limit = amount.refine((value) => toFen(value) > 0, "admin:errors.positive");

const share = z
  .string({ required_error: "admin:errors.required" })
  .trim()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, "admin:customs.errors.share");

const OVERRIDE_LINE = /^([A-Za-z]{2})\s*[=:：]\s*(\d{1,9}(?:\.\d{1,2})?)$/;

/** "HK=800.00" per line (commas and semicolons separate too); an empty field means no overrides. */
const overrides = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const result: Record<string, string> = {};
    for (const entry of text
      .split(/[\n\r,;，；]+/)
      .map((part) => part.trim())
      .filter(Boolean)) {
      const match = OVERRIDE_LINE.exec(entry);
      if (!match) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin:customs.errors.override" });
        return z.NEVER;
      }
      const country = (match[1] as string).toUpperCase();
      if (Object.hasOwn(result, country)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin:customs.errors.overrideDuplicate" });
        return z.NEVER;
      }
      const value = fromFen(toFen(match[2] as string));
      if (toFen(value) <= 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin:errors.positive" });
        return z.NEVER;
      }
      result[country] = value;
    }
    return result;
  });

/**
 * A new rule set must start in the future (quotes already given were priced under the rules then in
 * force) and after every existing one (the sets form one timeline; an earlier start would change
 * which rules past and stored `now`s fall under).
 */
export function customsRuleSetFormSchema({ now, latestEffectiveFrom }: { now: Date; latestEffectiveFrom: Date | null }) {
  return z
    .object({
      intent: z.literal("add"),
      effectiveFrom: z.string({ required_error: "admin:errors.required" }).transform((text, ctx) => {
        const instant = chinaLocalToInstant(text);
        // One message, the first that applies: unreadable, then in the past, then not after the latest.
        const problem = !instant
          ? text.trim()
            ? "admin:customs.errors.effectiveFrom"
            : "admin:errors.required"
          : instant.getTime() <= now.getTime()
            ? "admin:customs.errors.notFuture"
            : latestEffectiveFrom && instant.getTime() <= latestEffectiveFrom.getTime()
              ? "admin:customs.errors.notLater"
              : null;
        if (problem || !instant) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem ?? "admin:errors.required" });
          return z.NEVER;
        }
        return instant;
      }),
      source: required(200),
      sourceZh: required(200),
      postalParcelLimit: limit,
      postalParcelLimitByOrigin: overrides,
      postalTaxWaiver: amount,
      cbecSingleLimit: limit,
      cbecAnnualLimit: limit,
      cbecTaxShare: share,
    })
    .refine((form) => toFen(form.cbecSingleLimit) <= toFen(form.cbecAnnualLimit), {
      path: ["cbecSingleLimit"],
      message: "admin:customs.errors.singleOverAnnual",
    });
}

export type CustomsRuleSetForm = z.infer<ReturnType<typeof customsRuleSetFormSchema>>;

export const deleteCustomsRuleSetSchema = z.object({ intent: z.literal("delete"), id: z.string().min(1).max(100) });
