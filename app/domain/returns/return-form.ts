import { z } from "zod";
import { RETURN_REASONS } from "./reasons";
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
  to: z.enum(["REQUESTED", "APPROVED", "REJECTED", "AWAITING_SHIPMENT", "IN_TRANSIT", "RECEIVED", "REFUNDED", "CANCELLED"]),
  version: z.coerce.number().int().min(0),
});

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

/**
 * The payload a return move's form carries, for the state machine's schemas: a note, the store's
 * acceptance, the label, carrier and tracking, and at RECEIVED one record per unit
 * (`unit-<i>-position`, `-condition`, `-adjustment`, `-note`; photos in `photos-<i>`).
 */
export function returnPayloadFromForm(form: FormData, photosByField: Record<string, string[]>) {
  const units: Record<string, unknown>[] = [];
  for (let index = 0; form.has(`unit-${index}-position`); index += 1) {
    units.push({
      position: Number(text(form, `unit-${index}-position`)),
      condition: text(form, `unit-${index}-condition`),
      refundAdjustment: text(form, `unit-${index}-adjustment`),
      note: text(form, `unit-${index}-note`),
      photos: photosByField[`photos-${index}`],
    });
  }
  return {
    note: text(form, "note"),
    storeAccepted: form.get("storeAccepted") === "true" ? true : undefined,
    carrier: text(form, "carrier"),
    trackingNumber: text(form, "trackingNumber"),
    labelReference: text(form, "labelReference"),
    units: units.length > 0 ? units : undefined,
  };
}
