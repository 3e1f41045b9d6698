import { z } from "zod";
import { chinaAddressSchema } from "./china-address";
import { buyerIdentitySchema } from "./resident-id";

// The checkout form, shared by the page (client-side checks) and the action. It carries no amount:
// the server prices the order from the locked quote and the cart as they are in the database. It
// does carry every choice that changes the price (the shipping line, the insurance and the packing) exactly as
// the shopper sees them selected, so the server can tell when they differ from the locked quote.

const token = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message).max(64, message);

const checkbox = () =>
  z
    .literal("1", { errorMap: () => ({ message: "orders:errors.invalidRequest" }) })
    .optional()
    .transform((value) => value === "1");

/**
 * What the form chose: the quote it shows, the line and insurance it has selected, and which button
 * was pressed — "place" the order, or (without JavaScript) "quote" the choice again first.
 */
export const checkoutChoiceSchema = z.object({
  intent: z.enum(["place", "quote"], { errorMap: () => ({ message: "orders:errors.invalidRequest" }) }),
  quoteId: token("orders:errors.quoteMissing"),
  idempotencyKey: token("orders:errors.quoteMissing"),
  line: token("orders:errors.lineRequired").pipe(z.string().regex(/^[a-z0-9-]+$/, "orders:errors.lineUnknown")),
  // A checked box sends "1"; an unchecked one sends nothing (conform reads an empty field as absent).
  insurance: checkbox(),
  // The packing options (app/domain/landed-cost/packing.ts), boxes like insurance.
  removeBoxes: checkbox(),
  extraProtection: checkbox(),
});

export type CheckoutChoice = z.output<typeof checkoutChoiceSchema>;

/** CBEC lines need the buyer's real name and ID number; postal lines do not ask for them. */
export function checkoutSchema(regime: "POSTAL" | "CBEC", today: Date) {
  const base = checkoutChoiceSchema.merge(chinaAddressSchema);
  if (regime === "CBEC") return base.merge(buyerIdentitySchema(today));
  // Postal lines need no identity: whatever the form carries is dropped, never stored.
  return base.extend({ realName: z.undefined().catch(undefined), residentId: z.undefined().catch(undefined) });
}

export type CheckoutFields = z.input<ReturnType<typeof checkoutSchema>> & { realName?: string; residentId?: string };
export type CheckoutValue = z.output<ReturnType<typeof checkoutSchema>>;
