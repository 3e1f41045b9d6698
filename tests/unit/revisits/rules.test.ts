import { describe, expect, test } from "vitest";
import {
  cadenceFor,
  checkInActions,
  checkInKey,
  isDue,
  LATE_LIMIT_DAYS,
  reorderedSince,
  reorderKey,
  restockDue,
  type CheckInFacts,
} from "~/domain/revisits/rules";
import { revisitSettingsSchema } from "~/domain/revisits/settings";

const DAY = 86_400_000;
const now = new Date("2026-12-04T02:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

describe("when a reminder is due", () => {
  test("not before the days have passed, from that moment on, and no longer once it is too late", () => {
    expect(isDue(daysAgo(2.9), now, 3)).toBe(false);
    expect(isDue(daysAgo(3), now, 3)).toBe(true);
    expect(isDue(daysAgo(3 + LATE_LIMIT_DAYS - 0.1), now, 3)).toBe(true);
    expect(isDue(daysAgo(3 + LATE_LIMIT_DAYS), now, 3)).toBe(false);
  });

  test("each order and each delivered item has its own key", () => {
    expect(checkInKey("o1")).not.toBe(checkInKey("o2"));
    expect(checkInKey("x")).not.toBe(reorderKey("x"));
  });
});

describe("which items are consumables", () => {
  const cadences = new Map([
    ["coffee", 30],
    ["broken", 0],
  ]);
  test("a category with a cadence is, others are not", () => {
    expect(cadenceFor("coffee", cadences)).toBe(30);
    expect(cadenceFor("audio", cadences)).toBeNull();
    expect(cadenceFor("broken", cadences)).toBeNull();
    expect(cadenceFor(null, cadences)).toBeNull();
  });
});

describe("ordered again", () => {
  const placedAt = daysAgo(40);
  const order = (fields: Partial<{ createdAt: Date; status: string; paidAt: Date | null; listingIds: string[] }>) => ({
    createdAt: daysAgo(10),
    status: "PAID",
    paidAt: daysAgo(10),
    listingIds: ["l1"],
    ...fields,
  });
  test("a later paid order of the listing counts", () => {
    expect(reorderedSince(placedAt, "l1", [order({})])).toBe(true);
  });
  test("an earlier order, another listing, an unpaid or cancelled order do not", () => {
    expect(reorderedSince(placedAt, "l1", [order({ createdAt: daysAgo(50) })])).toBe(false);
    expect(reorderedSince(placedAt, "l1", [order({ listingIds: ["l2"] })])).toBe(false);
    expect(reorderedSince(placedAt, "l1", [order({ paidAt: null, status: "PENDING_PAYMENT" })])).toBe(false);
    expect(reorderedSince(placedAt, "l1", [order({ status: "CANCELLED" })])).toBe(false);
  });
});

describe("what a check-in offers", () => {
  const facts: CheckInFacts = {
    status: "DELIVERED",
    paidAt: daysAgo(20),
    deliveredAt: daysAgo(3),
    unreviewedItems: 1,
    returnableUnits: 1,
    returnWindowDays: 30,
    unresolvedComplaints: 0,
    now,
  };
  test("a delivered order: review, return and complaint", () => {
    expect(checkInActions(facts)).toEqual({ review: true, return: true, complaint: true });
  });
  test("only what is still allowed", () => {
    expect(checkInActions({ ...facts, unreviewedItems: 0 }).review).toBe(false);
    expect(checkInActions({ ...facts, returnableUnits: 0 }).return).toBe(false);
    expect(checkInActions({ ...facts, deliveredAt: daysAgo(31) }).return).toBe(false);
    expect(checkInActions({ ...facts, unresolvedComplaints: 1 }).complaint).toBe(false);
    expect(checkInActions({ ...facts, status: "SHIPPED", deliveredAt: null })).toEqual({ review: false, return: false, complaint: true });
  });
});

describe("restock alerts", () => {
  test("once per restock: again only after the listing went out of stock since the last alert", () => {
    expect(restockDue(null, daysAgo(1))).toBe(true);
    expect(restockDue(daysAgo(1), daysAgo(2))).toBe(false);
    expect(restockDue(daysAgo(2), daysAgo(1))).toBe(true);
    expect(restockDue(daysAgo(2), null)).toBe(false);
  });
});

describe("the settings form", () => {
  test("accepts days in range and blank cadences", () => {
    const parsed = revisitSettingsSchema.parse({ checkInDays: 3, cadences: [{ slug: "coffee", days: 30 }, { slug: "audio" }] });
    expect(parsed.cadences).toEqual([{ slug: "coffee", days: 30 }, { slug: "audio" }]);
  });
  test("refuses out-of-range days, fractions and duplicate categories", () => {
    expect(revisitSettingsSchema.safeParse({ checkInDays: 0 }).success).toBe(false);
    expect(revisitSettingsSchema.safeParse({ checkInDays: 61 }).success).toBe(false);
    expect(revisitSettingsSchema.safeParse({ checkInDays: 2.5 }).success).toBe(false);
    expect(revisitSettingsSchema.safeParse({ checkInDays: 3, cadences: [{ slug: "coffee", days: 366 }] }).success).toBe(false);
    expect(
      revisitSettingsSchema.safeParse({
        checkInDays: 3,
        cadences: [
          { slug: "coffee", days: 30 },
          { slug: "coffee", days: 20 },
        ],
      }).success,
    ).toBe(false);
  });
});
