import { describe, expect, test } from "vitest";
import {
  checkEligibility,
  DEFAULT_RETURN_POLICY,
  filingVerdict,
  parseReturnAddressForm,
  returnDeadline,
  type FilingInput,
} from "~/domain/returns";

// What the return form shows for a choice: a return that may not be filed says why and what else to
// do (never a breakdown to confirm); deductions that eat the refund say "not worth filing".

const deliveredAt = new Date("2024-03-20T10:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(deliveredAt.getTime() + days * DAY);
const config = { ...DEFAULT_RETURN_POLICY, excludedCategories: [...DEFAULT_RETURN_POLICY.excludedCategories] };
const general = [{ taxCategory: "general", customMade: false }];

function input(
  overrides: Partial<FilingInput> & {
    reason?: "CHANGED_MIND" | "DAMAGED";
    days?: number;
    items?: { taxCategory: string; customMade: boolean }[];
  } = {},
): FilingInput {
  const { reason = "CHANGED_MIND", days = 1, items = general, ...rest } = overrides;
  const now = at(days);
  return {
    orderId: "order-1",
    nothingReturnable: false,
    eligibility: checkEligibility({ reason, deliveredAt, now, items, config }),
    choiceValid: true,
    worthFiling: true,
    platformDeadline: returnDeadline(deliveredAt, "PLATFORM", config),
    now,
    platformContact: "",
    ...rest,
  };
}

const keysOf = (result: ReturnType<typeof filingVerdict>) => result.alternatives.map((entry) => entry.key);

describe("filingVerdict", () => {
  test("within the window: eligible; deductions over the refund: not worth filing (the numbers still shown)", () => {
    expect(filingVerdict(input())).toEqual({ verdict: "ELIGIBLE", alternatives: [] });
    expect(filingVerdict(input({ worthFiling: false }))).toEqual({ verdict: "NOT_WORTH", alternatives: [] });
  });

  test("a change of mind after 7 days: refused, with the platform-fault reasons until day 30 and the agent's messages", () => {
    const result = filingVerdict(input({ days: 8 }));
    expect(result.verdict).toBe("INELIGIBLE");
    expect(result.alternatives).toEqual([
      { key: "returns:alternatives.platformReason", params: { deadline: at(30).toISOString() } },
      { key: "returns:alternatives.messageAgent", link: { to: "/orders/order-1#messages", key: "returns:alternatives.messageAgentLink" } },
    ]);
  });

  test("after 30 days nothing but the agent and the platform's contact, when one is set", () => {
    expect(keysOf(filingVerdict(input({ days: 31 })))).toEqual(["returns:alternatives.messageAgent"]);
    const withContact = filingVerdict(input({ reason: "DAMAGED", days: 31, platformContact: "  help@globalbuy.example  " }));
    expect(withContact.verdict).toBe("INELIGIBLE");
    expect(withContact.alternatives.at(-1)).toEqual({
      key: "returns:alternatives.platform",
      params: { contact: "help@globalbuy.example" },
    });
  });

  test("an excluded category or a custom-made item: refused for a change of mind whatever the date, a platform-fault reason offered while open", () => {
    expect(keysOf(filingVerdict(input({ items: [{ taxCategory: "food", customMade: false }] })))).toEqual([
      "returns:alternatives.platformReason",
      "returns:alternatives.messageAgent",
    ]);
    expect(filingVerdict(input({ items: [{ taxCategory: "general", customMade: true }] })).verdict).toBe("INELIGIBLE");
    expect(keysOf(filingVerdict(input({ days: 40, items: [{ taxCategory: "food", customMade: false }] })))).toEqual([
      "returns:alternatives.messageAgent",
    ]);
  });

  test("not delivered: refused, the agent can tell when", () => {
    const eligibility = checkEligibility({ reason: "DAMAGED", deliveredAt: null, now: at(1), items: general, config });
    expect(filingVerdict({ ...input(), eligibility, platformDeadline: null })).toEqual({
      verdict: "INELIGIBLE",
      alternatives: [expect.objectContaining({ key: "returns:alternatives.messageAgent" })],
    });
  });

  test("nothing left to return: said before any choice, with the returns in progress", () => {
    const result = filingVerdict({ ...input(), nothingReturnable: true, eligibility: null });
    expect(result.verdict).toBe("NOTHING_RETURNABLE");
    expect(keysOf(result)).toEqual(["returns:alternatives.existingReturns", "returns:alternatives.messageAgent"]);
  });

  test("a wrong unit choice is fixed on the form; only order-wide refusals come before it", () => {
    expect(filingVerdict(input({ choiceValid: false })).verdict).toBe("INVALID");
    expect(filingVerdict(input({ choiceValid: false, items: [{ taxCategory: "food", customMade: false }] })).verdict).toBe("INVALID");
    expect(filingVerdict(input({ choiceValid: false, days: 8 })).verdict).toBe("INELIGIBLE");
    expect(filingVerdict({ ...input(), eligibility: null })).toEqual({ verdict: "CHOOSING", alternatives: [] });
  });
});

describe("parseReturnAddressForm", () => {
  const form = (entries: Record<string, string>) => Object.entries(entries);

  test("rows by country, trimmed, line breaks kept; blank means remove; the version seen travels along", () => {
    expect(
      parseReturnAddressForm(
        form({
          "address-JP": "  東京都江東区青海 2-4-24\r\nTokyo 135-0064  ",
          "seen-JP": "2024-03-01T00:00:00.000Z",
          "address-US": "",
          intent: "addresses",
        }),
      ),
    ).toEqual({
      ok: true,
      rows: [
        { country: "JP", address: "東京都江東区青海 2-4-24\nTokyo 135-0064", seen: "2024-03-01T00:00:00.000Z" },
        { country: "US", address: "", seen: "" },
      ],
    });
  });

  test("too short, too long, control characters, a bad country code or no row: errors by field", () => {
    expect(parseReturnAddressForm(form({ "address-JP": "Tokyo" }))).toEqual({
      ok: false,
      errors: { JP: ["returns:errors.addressTooShort"] },
    });
    expect(parseReturnAddressForm(form({ "address-DE": "x".repeat(501) }))).toEqual({
      ok: false,
      errors: { DE: ["returns:errors.addressTooLong"] },
    });
    expect(parseReturnAddressForm(form({ "address-KR": "Incheon\u0000 22382 Korea" }))).toEqual({
      ok: false,
      errors: { KR: ["returns:errors.addressInvalid"] },
    });
    expect(parseReturnAddressForm(form({ "address-jp": "Somewhere long enough" }))).toEqual({
      ok: false,
      errors: { jp: ["returns:errors.addressCountryInvalid"] },
    });
    expect(parseReturnAddressForm(form({ intent: "addresses" }))).toEqual({
      ok: false,
      errors: { form: ["returns:errors.addressInvalid"] },
    });
  });

  test("length is counted in characters, not UTF-16 units", () => {
    expect(parseReturnAddressForm(form({ "address-GB": "𠀀".repeat(500) })).ok).toBe(true);
  });
});
