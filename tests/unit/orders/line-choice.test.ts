import { describe, expect, test } from "vitest";
import { cheapestEligibleLine, chooseCheckoutLine, type LineCandidate } from "~/domain/orders/line-choice";

const line = (code: string, totalFen: number | null, etaDaysMax = 10, isDefault = false): LineCandidate => ({
  code,
  totalFen,
  etaDaysMax,
  isDefault,
});

describe("the line checkout preselects", () => {
  const lines = [line("postal", 20_000, 18, true), line("cbec", 15_000, 12), line("air", null, 5)];

  test("with no pick, the cheapest line whose quote is not an error", () => {
    expect(chooseCheckoutLine(lines, [])).toEqual({ code: "cbec", selection: "cheapest", unavailableChoice: null });
    // An ineligible line is never the cheapest, however cheap its (absent) total looks.
    expect(cheapestEligibleLine([line("broken", null), line("postal", 1)])?.code).toBe("postal");
    expect(chooseCheckoutLine([line("a", null), line("b", null)], [])).toBeNull();
  });

  test("a tie goes to the faster line, then to the default line", () => {
    expect(cheapestEligibleLine([line("slow", 100, 20), line("fast", 100, 8)])?.code).toBe("fast");
    expect(cheapestEligibleLine([line("other", 100, 8), line("default", 100, 8, true)])?.code).toBe("default");
    expect(cheapestEligibleLine([line("first", 100, 8), line("second", 100, 8)])?.code).toBe("first");
  });

  test("the shopper's picks come first, in the order given, while they are eligible", () => {
    expect(
      chooseCheckoutLine(lines, [
        { code: "postal", source: "chosen" },
        { code: "cbec", source: "remembered" },
      ]),
    ).toEqual({ code: "postal", selection: "chosen", unavailableChoice: null });
    expect(
      chooseCheckoutLine(lines, [
        { code: null, source: "chosen" },
        { code: "postal", source: "remembered" },
      ]),
    ).toMatchObject({ code: "postal", selection: "remembered" });
    expect(
      chooseCheckoutLine(lines, [
        { code: undefined, source: "chosen" },
        { code: "postal", source: "lastOrder" },
      ]),
    ).toMatchObject({ code: "postal", selection: "lastOrder" });
  });

  test("a chosen line that cannot carry the cart, or does not exist, is reported and passed over", () => {
    expect(
      chooseCheckoutLine(lines, [
        { code: "air", source: "chosen" },
        { code: "postal", source: "remembered" },
      ]),
    ).toEqual({ code: "postal", selection: "remembered", unavailableChoice: "air" });
    expect(chooseCheckoutLine(lines, [{ code: "teleport", source: "chosen" }])).toEqual({
      code: "cbec",
      selection: "cheapest",
      unavailableChoice: "teleport",
    });
    // A remembered line that is no longer eligible is simply not preselected.
    expect(chooseCheckoutLine(lines, [{ code: "air", source: "lastOrder" }])).toEqual({
      code: "cbec",
      selection: "cheapest",
      unavailableChoice: null,
    });
  });
});
