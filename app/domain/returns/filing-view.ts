import type { Eligibility } from "./eligibility";

// What the return form shows for the shopper's choice, decided in one place: a return that may not
// be filed says why and what else the shopper can do — never a breakdown to confirm; a return whose
// deductions eat the refund shows the numbers and says it is not worth filing (docs/returns.md).

export type FilingVerdict =
  /** No reason or units chosen yet. */
  | "CHOOSING"
  /** Every unit of the order is already in another return. */
  | "NOTHING_RETURNABLE"
  /** Not delivered, outside the window, an excluded category or a custom-made item. */
  | "INELIGIBLE"
  /** The choice itself is wrong (units, evidence): fixed on the form. */
  | "INVALID"
  /** May be filed, but the deductions exceed what would come back. */
  | "NOT_WORTH"
  | "ELIGIBLE";

/** Something else the shopper can do; `deadline` params are ISO instants, shown as dates. */
export type FilingAlternative = { key: string; params?: Record<string, string>; link?: { to: string; key: string } };

export type FilingInput = {
  orderId: string;
  /** No unit of the order is left to return. */
  nothingReturnable: boolean;
  /** For the chosen reason and units; null while nothing is chosen. */
  eligibility: Eligibility | null;
  /** The unit selection and the evidence are fine. */
  choiceValid: boolean;
  /** From the computed refund; null without one. */
  worthFiling: boolean | null;
  /** The last moment a platform-fault reason may be filed; null while not delivered. */
  platformDeadline: Date | null;
  now: Date;
  /** How to reach the platform (admin-edited); "" when not set. */
  platformContact: string;
};

const SHOPPER_FAULT_REFUSALS = ["WINDOW_CLOSED", "CATEGORY_EXCLUDED", "CUSTOM_MADE"];

export function filingVerdict(input: FilingInput): { verdict: FilingVerdict; alternatives: FilingAlternative[] } {
  const messageAgent: FilingAlternative = {
    key: "returns:alternatives.messageAgent",
    link: { to: `/orders/${input.orderId}#messages`, key: "returns:alternatives.messageAgentLink" },
  };
  const platform: FilingAlternative[] = input.platformContact.trim()
    ? [{ key: "returns:alternatives.platform", params: { contact: input.platformContact.trim() } }]
    : [];

  if (input.nothingReturnable) {
    return {
      verdict: "NOTHING_RETURNABLE",
      alternatives: [
        { key: "returns:alternatives.existingReturns", link: { to: "/returns", key: "returns:alternatives.existingReturnsLink" } },
        messageAgent,
        ...platform,
      ],
    };
  }
  const { eligibility } = input;
  if (!eligibility) return { verdict: "CHOOSING", alternatives: [] };
  // Without a valid unit choice the items at issue are not known yet: only order-wide refusals count.
  const orderWide = !eligibility.ok && (eligibility.code === "NOT_DELIVERED" || eligibility.code === "WINDOW_CLOSED");
  if (!input.choiceValid && !orderWide) return { verdict: "INVALID", alternatives: [] };
  if (!eligibility.ok) {
    const alternatives: FilingAlternative[] = [];
    const platformWindowOpen = input.platformDeadline !== null && input.now.getTime() <= input.platformDeadline.getTime();
    if (
      eligibility.fault === "SHOPPER" &&
      SHOPPER_FAULT_REFUSALS.includes(eligibility.code) &&
      platformWindowOpen &&
      input.platformDeadline
    ) {
      alternatives.push({ key: "returns:alternatives.platformReason", params: { deadline: input.platformDeadline.toISOString() } });
    }
    alternatives.push(messageAgent, ...platform);
    return { verdict: "INELIGIBLE", alternatives };
  }
  if (input.worthFiling === false) return { verdict: "NOT_WORTH", alternatives: [] };
  return { verdict: "ELIGIBLE", alternatives: [] };
}
