import { z } from "zod";
import { formText } from "~/domain/state-machine";
import { RETURN_REASONS } from "./reasons";
import { returnStatusSchema } from "./status-machine";
import type { UnitSelection } from "./units";

// The return form, as the preview (GET) and the filing (POST) both send it: a reason, how many units
// of each item (`qty-<position>`), and a description. Photos travel only with the filing.

export const returnFormSchema = z.object({
  reason: z.enum(RETURN_REASONS, { errorMap: () => ({ message: "returns:errors.reasonRequired" }) }),
  description: z.string().trim().max(1000, "returns:errors.noteTooLong").optional(),
});

export type ReturnForm = z.infer<typeof returnFormSchema> & { requested: UnitSelection[] };

/** The units asked for: every `qty-<position>` field above 0. Non-numbers are kept as NaN for the unit check to refuse. */
export function requestedUnits(entries: Iterable<[string, unknown]>): UnitSelection[] {
  const requested: UnitSelection[] = [];
  for (const [key, value] of entries) {
    const match = /^qty-(\d{1,3})$/.exec(key);
    if (!match || typeof value !== "string" || value.trim() === "" || value.trim() === "0") continue;
    requested.push({ position: Number(match[1]), quantity: Number(value.trim()) });
  }
  return requested;
}

export function parseReturnForm(entries: [string, unknown][]): { ok: true; value: ReturnForm } | { ok: false; errors: string[] } {
  const fields = Object.fromEntries(entries.filter(([, value]) => typeof value === "string"));
  const parsed = returnFormSchema.safeParse({ reason: fields.reason, description: fields.description || undefined });
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
  return { ok: true, value: { ...parsed.data, requested: requestedUnits(entries) } };
}

export const returnMoveFormSchema = z.object({
  intent: z.literal("transition"),
  to: returnStatusSchema,
  version: z.coerce.number().int().min(0),
});

/**
 * The payload a return move's form carries, for the state machine's schemas: a note, the store's
 * acceptance, the label, carrier and tracking, and at RECEIVED one record per unit
 * (`unit-<i>-position`, `-condition`, `-adjustment`, `-note`; photos in `photos-<i>`).
 */
export function returnPayloadFromForm(form: FormData, photosByField: Record<string, string[]>) {
  const units: Record<string, unknown>[] = [];
  for (let index = 0; form.has(`unit-${index}-position`); index += 1) {
    units.push({
      position: Number(formText(form, `unit-${index}-position`)),
      condition: formText(form, `unit-${index}-condition`),
      refundAdjustment: formText(form, `unit-${index}-adjustment`),
      note: formText(form, `unit-${index}-note`),
      photos: photosByField[`photos-${index}`],
    });
  }
  return {
    note: formText(form, "note"),
    storeAccepted: form.get("storeAccepted") === "true" ? true : undefined,
    carrier: formText(form, "carrier"),
    trackingNumber: formText(form, "trackingNumber"),
    labelReference: formText(form, "labelReference"),
    units: units.length > 0 ? units : undefined,
  };
}
