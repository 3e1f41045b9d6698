import { describe, expect, test } from "vitest";
import { describeMoves, findDisagreements, findLargeMoves, PLATFORM_CURRENCIES } from "~/domain/fx/rate-moves";
import { confirmedSource, providerOf } from "~/domain/fx/sources";
import { decimalFromNumber, divideDecimals } from "~/domain/fx/rate-decimal";

const before = { EUR: "1", USD: "1.0000", JPY: "160", CNY: "7.8", GBP: "0.85", TRY: "35" };

describe("large moves", () => {
  test("a move beyond the limit in a watched currency is reported, exactly at the limit is not", () => {
    const after = { ...before, USD: "1.1", JPY: "144.0", CNY: "7.8001", TRY: "70" };
    expect(findLargeMoves(before, after, 0.1, PLATFORM_CURRENCIES)).toEqual([]);
    const moves = findLargeMoves(before, { ...after, USD: "1.1000001", JPY: "143.99" }, 0.1, PLATFORM_CURRENCIES);
    expect(moves.map((move) => move.currency)).toEqual(["USD", "JPY"]);
    expect(moves[0]?.change).toBeCloseTo(0.1000001, 9);
  });

  test("a watched currency that disappears is a move; an unwatched one moving is not", () => {
    const { GBP: _gone, ...after } = before;
    expect(findLargeMoves(before, { ...after, TRY: "70" }, 0.1, PLATFORM_CURRENCIES)).toEqual([
      { currency: "GBP", from: "0.85", to: null, change: null },
    ]);
  });

  test("describeMoves is a plain note for the log", () => {
    const moves = findLargeMoves(before, { ...before, USD: "1.5" }, 0.1, ["USD"]);
    expect(describeMoves(moves, 0.1)).toBe("moved more than 10.0%: USD 1.0000 → 1.5 (+50.0%)");
  });
});

describe("agreement between providers", () => {
  test("within 1% agrees; beyond, or missing in the witness, disagrees", () => {
    const candidate = { EUR: "1", USD: "1.5", CNY: "7.8" };
    expect(findDisagreements(candidate, { EUR: "1", USD: "1.51", CNY: "7.79" }, 0.01, PLATFORM_CURRENCIES)).toEqual([]);
    expect(findDisagreements(candidate, { EUR: "1", USD: "1.0939", CNY: "7.8" }, 0.01, PLATFORM_CURRENCIES)).toEqual(["USD"]);
    expect(findDisagreements(candidate, { EUR: "1", USD: "1.5" }, 0.01, PLATFORM_CURRENCIES)).toEqual(["CNY"]);
  });
});

describe("sources and decimals", () => {
  test("a confirmed source still names its provider first", () => {
    expect(confirmedSource("ECB", "open.er-api.com")).toBe("ECB confirmed by open.er-api.com");
    expect(providerOf("ECB confirmed by open.er-api.com")).toBe("ECB");
    expect(providerOf("open.er-api.com")).toBe("open.er-api.com");
  });

  test("JSON numbers become exact decimal strings", () => {
    expect(decimalFromNumber(1.0939)).toBe("1.0939");
    expect(decimalFromNumber(161.83)).toBe("161.83");
    expect(decimalFromNumber(2.5e-7)).toBe("0.00000025");
    expect(decimalFromNumber(0)).toBeNull();
    expect(decimalFromNumber(Number.NaN)).toBeNull();
    expect(decimalFromNumber(1e-12)).toBeNull();
    expect(divideDecimals("7.8678", "1.0939")).toBe("7.1924307524"); // 7.19243075235… rounded half-up;
  });
});
