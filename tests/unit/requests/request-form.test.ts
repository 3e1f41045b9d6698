import { describe, expect, test } from "vitest";
import { agentRequestSchema, requestFormSchema, yuanToFen } from "~/domain/requests/request-form";
import { isFinal } from "~/domain/requests/request-status";

// The request forms' rules: what a shopper and an agent may send, each refusal with one message.

const REQUEST = { storeName: "Kyoto Knives", description: "Gyuto chef knife 210 mm", quantity: 1 };
const QUOTE = {
  intent: "quote",
  version: 0,
  title: "Gyuto",
  price: "95.50",
  currency: "USD",
  weightGrams: 450,
  taxCategory: "electronics",
  originCountry: "US",
};

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);

describe("the shopper's request", () => {
  test("a link must be http or https; text is bounded", () => {
    expect(requestFormSchema.safeParse({ ...REQUEST, link: "https://kyoto-knives.example/a" }).success).toBe(true);
    for (const link of [
      "ftp://kyoto-knives.example/a",
      "javascript:alert(1)",
      "kyoto-knives.example",
      `https://a.example/${"x".repeat(2000)}`,
    ])
      expect(requestFormSchema.safeParse({ ...REQUEST, link }).success, link).toBe(false);
    expect(messages(requestFormSchema.safeParse({ ...REQUEST, description: "x".repeat(2001) }))).toEqual(["requests:errors.tooLong"]);
    expect(messages(requestFormSchema.safeParse({ ...REQUEST, quantity: 100 }))).toEqual(["requests:errors.quantityInvalid"]);
  });

  test("the budget is whole yuan or fen, positive, and converts to fen exactly", () => {
    expect(messages(requestFormSchema.safeParse({ ...REQUEST, budget: "-1" }))).toEqual(["requests:errors.budgetInvalid"]);
    expect(messages(requestFormSchema.safeParse({ ...REQUEST, budget: "0" }))).toEqual(["requests:errors.budgetInvalid"]);
    expect(messages(requestFormSchema.safeParse({ ...REQUEST, budget: "1.234" }))).toEqual(["requests:errors.budgetInvalid"]);
    expect([yuanToFen("350"), yuanToFen("350.5"), yuanToFen("0.07"), yuanToFen("9999999.99")]).toEqual([35_000, 35_050, 7, 999_999_999]);
  });
});

describe("the agent's quote", () => {
  test("a negative, zero or malformed price gets one message; the store's shipping may be zero", () => {
    for (const price of ["-5", "0", "1e3", "12.34567", ""])
      expect(messages(agentRequestSchema.safeParse({ ...QUOTE, price })), price).toEqual(["requests:errors.amountInvalid"]);
    expect(agentRequestSchema.safeParse({ ...QUOTE, domesticShipping: "0" }).success).toBe(true);
    expect(messages(agentRequestSchema.safeParse({ ...QUOTE, domesticShipping: "-1" }))).toEqual(["requests:errors.amountInvalid"]);
  });

  test("currency, origin and weight have their shapes; a decline needs a reason", () => {
    expect(messages(agentRequestSchema.safeParse({ ...QUOTE, currency: "usd" }))).toEqual(["requests:errors.currencyInvalid"]);
    expect(messages(agentRequestSchema.safeParse({ ...QUOTE, originCountry: "USA" }))).toEqual(["requests:errors.originInvalid"]);
    expect(messages(agentRequestSchema.safeParse({ ...QUOTE, weightGrams: 0 }))).toEqual(["requests:errors.weightInvalid"]);
    expect(messages(agentRequestSchema.safeParse({ intent: "decline", version: 0, reason: " " }))).toEqual([
      "requests:errors.reasonRequired",
    ]);
  });
});

test("accepted, declined and cancelled requests are final", () => {
  expect(["OPEN", "QUOTED", "ACCEPTED", "DECLINED", "CANCELLED"].map(isFinal)).toEqual([false, false, true, true, true]);
});
