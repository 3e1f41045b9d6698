import { z } from "zod";
import { chinaAddressSchema } from "./china-address";
import { buyerIdentitySchema } from "./resident-id";

// The checkout form, shared by the page (client-side checks) and the action. It carries no amount:
// the server prices the order from the locked quote and the cart as they are in the database.

const token = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message).max(64, message);

const placeFields = z.object({
  intent: z.literal("place"),
  quoteId: token("orders:errors.quoteMissing"),
  idempotencyKey: token("orders:errors.quoteMissing"),
});

/** CBEC lines need the buyer's real name and ID number; postal lines do not ask for them. */
export function checkoutSchema(regime: "POSTAL" | "CBEC", today: Date) {
  const base = placeFields.merge(chinaAddressSchema);
  if (regime === "CBEC") return base.merge(buyerIdentitySchema(today));
  // Postal lines need no identity: whatever the form carries is dropped, never stored.
  return base.extend({ realName: z.undefined().catch(undefined), residentId: z.undefined().catch(undefined) });
}

export type CheckoutFields = z.input<ReturnType<typeof checkoutSchema>> & { realName?: string; residentId?: string };
