import { describe, expect, test } from "vitest";
import { editDeadline, editRefusal, maskName, mergedPhotos, reviewRefusal, summarizeReviews } from "~/domain/trust/review-rules";

const DAY = 86_400_000;
const shopper = "u-shopper";
const review = (scores: [number, number, number, number, number]) => {
  const [accuracy, quality, speed, communication, packaging] = scores;
  return { accuracy, quality, speed, communication, packaging };
};

describe("who may review", () => {
  test("only the order's shopper, once the order is delivered or completed", () => {
    expect(reviewRefusal(shopper, { userId: shopper, status: "DELIVERED" }, null)).toBeNull();
    expect(reviewRefusal(shopper, { userId: shopper, status: "COMPLETED" }, null)).toBeNull();
    for (const status of ["PAID", "PURCHASED", "SHIPPED", "IN_CUSTOMS", "CANCELLED"])
      expect(reviewRefusal(shopper, { userId: shopper, status }, null)).toBe("notDelivered");
  });

  test("someone else's order is not found, whatever its status", () => {
    expect(reviewRefusal("u-other", { userId: shopper, status: "DELIVERED" }, null)).toBe("notFound");
  });

  test("one review an item", () => {
    expect(reviewRefusal(shopper, { userId: shopper, status: "DELIVERED" }, { id: "r1" })).toBe("alreadyReviewed");
  });
});

describe("edit window", () => {
  const createdAt = new Date("2026-01-01T00:00:00Z");
  test("the author edits until the window closes, not a moment after", () => {
    const deadline = editDeadline(createdAt, 30);
    expect(deadline.getTime() - createdAt.getTime()).toBe(30 * DAY);
    expect(editRefusal(shopper, { userId: shopper, createdAt }, 30, new Date(deadline.getTime() - 1))).toBeNull();
    expect(editRefusal(shopper, { userId: shopper, createdAt }, 30, deadline)).toBe("editWindowClosed");
    expect(editRefusal(shopper, { userId: shopper, createdAt }, 30, new Date(createdAt.getTime() + 31 * DAY))).toBe("editWindowClosed");
  });

  test("the window follows the setting", () => {
    const now = new Date(createdAt.getTime() + 10 * DAY);
    expect(editRefusal(shopper, { userId: shopper, createdAt }, 7, now)).toBe("editWindowClosed");
    expect(editRefusal(shopper, { userId: shopper, createdAt }, 30, now)).toBeNull();
  });

  test("nobody else edits it", () => {
    expect(editRefusal("u-other", { userId: shopper, createdAt }, 30, createdAt)).toBe("notFound");
    expect(editRefusal(shopper, null, 30, createdAt)).toBe("notFound");
  });
});

describe("photos of an edit", () => {
  const a = `${"a".repeat(32)}.jpg`;
  const b = `${"b".repeat(32)}.png`;
  test("keeps only its own photos that were ticked, adds the new ones", () => {
    expect(mergedPhotos([a, b], [b, `${"c".repeat(32)}.jpg`], ["n1"])).toEqual([b, "n1"]);
  });
  test("refuses more than six", () => {
    expect(mergedPhotos([a, b], [a, b], ["1", "2", "3", "4", "5"])).toBeNull();
    expect(mergedPhotos([], [], ["1", "2", "3", "4", "5", "6"])).toHaveLength(6);
  });
});

describe("masked name", () => {
  test("first character, then stars", () => {
    expect(maskName("李小龙")).toBe("李**");
    expect(maskName("王")).toBe("王**");
    expect(maskName("jane doe")).toBe("J***");
    expect(maskName("  Bo ")).toBe("B***");
  });
  test("never shows more of the name, and an empty name is all stars", () => {
    expect(maskName("Alexander")).not.toContain("lex");
    expect(maskName("   ")).toBe("***");
  });
});

describe("summary", () => {
  test("below the minimum sample there is no number at all", () => {
    const summary = summarizeReviews([review([5, 5, 5, 5, 5]), review([1, 1, 1, 1, 1])], 3);
    expect(summary).toMatchObject({ count: 2, enough: false, overall: null, accuracy: null, packaging: null });
  });

  test("no reviews is never enough, even with a minimum of one", () => {
    expect(summarizeReviews([], 1)).toMatchObject({ count: 0, enough: false, overall: null });
  });

  test("means of each dimension and overall, to one decimal", () => {
    const reviews = [review([5, 4, 3, 5, 4]), review([4, 4, 2, 5, 5]), review([4, 3, 5, 4, 4])];
    const summary = summarizeReviews(reviews, 3);
    const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
    expect(summary.enough).toBe(true);
    expect(summary.count).toBe(3);
    expect(summary.accuracy).toBe(mean([5, 4, 4]));
    expect(summary.speed).toBe(mean([3, 2, 5]));
    expect(summary.overall).toBe(mean(reviews.flatMap((r) => Object.values(r))));
    for (const value of [summary.accuracy, summary.quality, summary.overall]) expect(String(value)).toMatch(/^\d(\.\d)?$/);
  });
});
