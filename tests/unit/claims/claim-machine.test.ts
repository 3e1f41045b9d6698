import { describe, expect, test } from "vitest";
import {
  allowedClaimMoves,
  checkClaimMove,
  claimFilingSchema,
  claimRefusal,
  claimableReasons,
  damagedDeadline,
  isTerminalClaim,
  type ClaimOrderFacts,
} from "~/domain/claims";

const now = new Date("2026-03-10T10:00:00Z");
const order = (facts: Partial<ClaimOrderFacts>): ClaimOrderFacts => ({
  userId: "u1",
  status: "SHIPPED",
  deliveredAt: null,
  blockingClaims: 0,
  ...facts,
});

describe("eligibility", () => {
  test("only the order's shopper: anyone else is told it does not exist", () => {
    expect(claimRefusal("u2", order({}), "LOST", now)).toBe("notFound");
  });

  test("nothing before the parcel shipped", () => {
    for (const status of ["PAID", "PURCHASED", "AT_WAREHOUSE", "CANCELLED"])
      expect(claimRefusal("u1", order({ status }), "LOST", now)).toBe("notShipped");
  });

  test("LOST while on its way; not once delivered", () => {
    expect(claimRefusal("u1", order({ status: "SHIPPED" }), "LOST", now)).toBeNull();
    expect(claimRefusal("u1", order({ status: "IN_CUSTOMS" }), "LOST", now)).toBeNull();
    expect(claimRefusal("u1", order({ status: "DELIVERED", deliveredAt: now }), "LOST", now)).toBe("delivered");
  });

  test("DAMAGED after delivery, within 30 days, the deadline included", () => {
    const deliveredAt = new Date("2026-02-08T10:00:00Z");
    expect(damagedDeadline(deliveredAt).toISOString()).toBe("2026-03-10T10:00:00.000Z");
    expect(claimRefusal("u1", order({ status: "DELIVERED", deliveredAt }), "DAMAGED", now)).toBeNull();
    expect(claimRefusal("u1", order({ status: "COMPLETED", deliveredAt }), "DAMAGED", new Date(now.getTime() + 1))).toBe("windowClosed");
    expect(claimRefusal("u1", order({ status: "SHIPPED" }), "DAMAGED", now)).toBe("notDelivered");
  });

  test("one claim at a time", () => {
    expect(claimRefusal("u1", order({ blockingClaims: 1 }), "LOST", now)).toBe("alreadyClaimed");
    expect(claimableReasons("u1", order({ blockingClaims: 1 }), now)).toEqual([]);
    expect(claimableReasons("u1", order({}), now)).toEqual(["LOST"]);
  });
});

describe("the machine", () => {
  test("an admin approves or rejects a filed claim; the payment follows the approval", () => {
    expect(allowedClaimMoves("FILED", "ADMIN")).toEqual(["APPROVED", "REJECTED"]);
    expect(allowedClaimMoves("FILED", "SHOPPER")).toEqual([]);
    expect(allowedClaimMoves("APPROVED", "ADMIN")).toEqual(["PAID"]);
    expect(allowedClaimMoves("APPROVED", "SYSTEM")).toEqual([]);
    expect(isTerminalClaim("PAID")).toBe(true);
    expect(isTerminalClaim("REJECTED")).toBe(true);
  });

  test("a rejection needs its reason; a shopper cannot decide; no skipping to PAID", () => {
    const refused = checkClaimMove({ from: "FILED", to: "REJECTED", role: "ADMIN", isOwner: false, payload: { note: " " } });
    expect(refused).toMatchObject({ ok: false, code: "MISSING_FIELDS", fieldErrors: { note: ["claims:errors.noteRequired"] } });
    expect(checkClaimMove({ from: "FILED", to: "APPROVED", role: "SHOPPER", isOwner: true })).toMatchObject({ code: "WRONG_ROLE" });
    expect(checkClaimMove({ from: "FILED", to: "PAID", role: "ADMIN", isOwner: false })).toMatchObject({ code: "NOT_ALLOWED" });
    expect(checkClaimMove({ from: "PAID", to: "PAID", role: "ADMIN", isOwner: false })).toMatchObject({ code: "NOT_ALLOWED" });
    expect(checkClaimMove({ from: "FILED", to: "APPROVED", role: "ADMIN", isOwner: false, payload: {} })).toMatchObject({ ok: true });
  });
});

describe("the filing form", () => {
  test("a damaged parcel names its items; a lost one is the whole parcel", () => {
    expect(claimFilingSchema.safeParse({ reason: "LOST", description: "never came" })).toMatchObject({
      success: true,
      data: { positions: [] },
    });
    expect(claimFilingSchema.safeParse({ reason: "DAMAGED", description: "crushed", positions: ["1", "0"] })).toMatchObject({
      success: true,
      data: { positions: [1, 0] },
    });
    expect(claimFilingSchema.safeParse({ reason: "DAMAGED", description: "crushed" }).success).toBe(false);
    expect(claimFilingSchema.safeParse({ reason: "DAMAGED", description: "x", positions: ["0", "0"] }).success).toBe(false);
    expect(claimFilingSchema.safeParse({ reason: "STOLEN", description: "x" }).success).toBe(false);
    expect(claimFilingSchema.safeParse({ reason: "LOST", description: "x".repeat(2001) }).success).toBe(false);
    expect(claimFilingSchema.safeParse({ reason: "LOST", description: "   " }).success).toBe(false);
  });
});
