import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import {
  TOP_UP_ALPHABET,
  applyEntry,
  balanceOf,
  canCharge,
  isValidEntry,
  isValidTopUpReference,
  makeTopUpReference,
  parseTopUpReference,
  type LedgerEntry,
} from "~/domain/orders";

const deposit = (amountFen: number): LedgerEntry => ({ kind: "DEPOSIT", amountFen, reference: "TU-23456789" });
const charge = (amountFen: number): LedgerEntry => ({ kind: "CHARGE", amountFen: -amountFen, orderId: "order_1" });
const refund = (amountFen: number): LedgerEntry => ({ kind: "REFUND", amountFen, orderId: "order_1" });
const adjustment = (amountFen: number): LedgerEntry => ({ kind: "ADJUSTMENT", amountFen, reason: "Bank fee reimbursed" });

/** A generator that returns the given values in turn. */
const sequence = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe("the ledger", () => {
  test("the balance is the sum of the entries", () => {
    expect(balanceOf([])).toBe(0);
    expect(balanceOf([deposit(100_000), charge(25_924), refund(924), adjustment(-1000)])).toBe(74_000);
    expect(() => balanceOf([deposit(1.5)])).toThrow(RangeError);
  });

  test("canCharge: a positive amount the balance covers", () => {
    expect(canCharge(10_000, 10_000)).toBe(true);
    expect(canCharge(10_000, 10_001)).toBe(false);
    expect(canCharge(10_000, 0)).toBe(false);
    expect(canCharge(10_000, -5)).toBe(false);
    expect(canCharge(10_000, 0.5)).toBe(false);
  });

  test("applyEntry refuses to go below zero", () => {
    expect(applyEntry(10_000, charge(10_000))).toEqual({ ok: true, balanceFen: 0 });
    expect(applyEntry(10_000, charge(10_001))).toEqual({ ok: false, code: "INSUFFICIENT_FUNDS" });
    expect(applyEntry(500, adjustment(-501))).toEqual({ ok: false, code: "INSUFFICIENT_FUNDS" });
    expect(applyEntry(500, adjustment(-500))).toEqual({ ok: true, balanceFen: 0 });
    expect(applyEntry(0, deposit(88_800))).toEqual({ ok: true, balanceFen: 88_800 });
    expect(applyEntry(0, refund(1))).toEqual({ ok: true, balanceFen: 1 });
  });

  test("each kind has its sign, its fields and no zero amounts", () => {
    const invalid: LedgerEntry[] = [
      deposit(-100),
      deposit(0),
      { kind: "DEPOSIT", amountFen: 100, reference: " " },
      charge(-100), // a positive charge
      { kind: "CHARGE", amountFen: -100, orderId: "" },
      refund(-100),
      adjustment(0),
      { kind: "ADJUSTMENT", amountFen: 100, reason: "  " },
      deposit(0.5),
      deposit(Number.MAX_SAFE_INTEGER + 2),
      { kind: "CLAIM_PAYOUT", amountFen: -100, claimId: "c1" },
      { kind: "CLAIM_PAYOUT", amountFen: 100, claimId: "" },
    ];
    for (const entry of invalid) {
      expect(isValidEntry(entry), JSON.stringify(entry)).toBe(false);
      expect(applyEntry(1_000_000, entry)).toEqual({ ok: false, code: "INVALID_ENTRY" });
    }
    expect(applyEntry(0.5, deposit(100))).toEqual({ ok: false, code: "INVALID_ENTRY" });
    for (const entry of [
      deposit(1),
      charge(1),
      refund(1),
      adjustment(1),
      adjustment(-1),
      { kind: "CLAIM_PAYOUT" as const, amountFen: 1, claimId: "c1" },
    ])
      expect(isValidEntry(entry)).toBe(true);
  });

  const operation: fc.Arbitrary<LedgerEntry> = fc.oneof(
    fc.integer({ min: 1, max: 1_000_000 }).map(deposit),
    fc.integer({ min: 1, max: 1_000_000 }).map(charge),
    fc.integer({ min: 1, max: 200_000 }).map(refund),
    fc
      .integer({ min: -500_000, max: 500_000 })
      .filter((n) => n !== 0)
      .map(adjustment),
  );

  propTest.prop([fc.array(operation, { maxLength: 60 })], { numRuns: 300 })(
    "skipping refused entries, the balance is the sum of the accepted ones and never below zero",
    (operations) => {
      const accepted: LedgerEntry[] = [];
      let balance = 0;
      for (const entry of operations) {
        const result = applyEntry(balance, entry);
        if (!result.ok) {
          expect(result.code).toBe("INSUFFICIENT_FUNDS");
          expect(balance + entry.amountFen).toBeLessThan(0);
          if (entry.kind === "CHARGE") expect(canCharge(balance, -entry.amountFen)).toBe(false);
          continue;
        }
        if (entry.kind === "CHARGE") expect(canCharge(balance, -entry.amountFen)).toBe(true);
        accepted.push(entry);
        balance = result.balanceFen;
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(balance).toBe(balanceOf(accepted));
      }
      expect(balance).toBe(balanceOf(accepted));
      // Money in is never refused.
      for (const entry of operations) if (entry.amountFen > 0) expect(accepted).toContain(entry);
    },
  );
});

describe("top-up references", () => {
  test("the format: TU- and 8 characters without look-alikes", () => {
    expect(TOP_UP_ALPHABET).toHaveLength(32);
    expect(TOP_UP_ALPHABET).not.toMatch(/[01IO]/);
    const reference = makeTopUpReference(sequence([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.999]));
    expect(reference).toMatch(/^TU-[2-9A-HJ-NP-Z]{8}$/);
    expect(reference.slice(3, 10)).toBe("258BEJZ");
    expect(isValidTopUpReference(reference)).toBe(true);
  });

  test("the same random values give the same reference", () => {
    const values = [0.42, 0.17, 0.93, 0.5, 0.01, 0.77, 0.33];
    expect(makeTopUpReference(sequence(values))).toBe(makeTopUpReference(sequence(values)));
  });

  test("a random() outside [0, 1) is a RangeError", () => {
    for (const bad of [1, -0.1, Number.NaN]) expect(() => makeTopUpReference(() => bad)).toThrow(RangeError);
  });

  test("refused: wrong prefix, length, characters, case", () => {
    const good = makeTopUpReference(sequence([0.3, 0.6, 0.9, 0.2, 0.5, 0.8, 0.1]));
    for (const bad of [
      good.replace("TU-", "TX-"),
      good.slice(0, -1),
      `${good}2`,
      good.toLowerCase(),
      good.replace("TU-", "TU"),
      "TU-0OIL1234",
      "",
    ]) {
      expect(isValidTopUpReference(bad), bad).toBe(false);
    }
  });

  propTest.prop([fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 7, maxLength: 7 })], {
    numRuns: 200,
  })("every made reference is valid, and one changed character is caught", (values) => {
    const reference = makeTopUpReference(sequence(values));
    expect(isValidTopUpReference(reference)).toBe(true);
    for (let position = 3; position < reference.length; position++) {
      for (const replacement of TOP_UP_ALPHABET) {
        if (replacement === reference.charAt(position)) continue;
        const typo = reference.slice(0, position) + replacement + reference.slice(position + 1);
        expect(isValidTopUpReference(typo), typo).toBe(false);
      }
    }
  });

  propTest.prop([fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 7, maxLength: 7 })], {
    numRuns: 200,
  })("swapping two adjacent different characters is caught", (values) => {
    const reference = makeTopUpReference(sequence(values));
    for (let position = 3; position < reference.length - 1; position++) {
      const a = reference.charAt(position);
      const b = reference.charAt(position + 1);
      if (a === b) continue;
      const swapped = reference.slice(0, position) + b + a + reference.slice(position + 2);
      // Luhn mod N misses only the swap of the two characters whose values are 0 and N−1.
      const values = [TOP_UP_ALPHABET.indexOf(a), TOP_UP_ALPHABET.indexOf(b)].sort((x, y) => x - y);
      if (values[0] === 0 && values[1] === TOP_UP_ALPHABET.length - 1) continue;
      expect(isValidTopUpReference(swapped), swapped).toBe(false);
    }
  });

  test("parseTopUpReference reads a bank memo", () => {
    const reference = makeTopUpReference(sequence([0.11, 0.22, 0.33, 0.44, 0.55, 0.66, 0.77]));
    const body = reference.slice(3);
    expect(parseTopUpReference(reference)).toBe(reference);
    expect(parseTopUpReference(` tu-${body.toLowerCase()} `)).toBe(reference);
    expect(parseTopUpReference(`TU${body}`)).toBe(reference);
    expect(parseTopUpReference(`TU ${body.slice(0, 4)} ${body.slice(4)}`)).toBe(reference);
    expect(parseTopUpReference(`TU${body.slice(0, -1)}`)).toBeNull();
    expect(parseTopUpReference("payment for order 42")).toBeNull();
  });
});
