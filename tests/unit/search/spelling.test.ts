import { describe, expect, test } from "vitest";
import { editDistance, nearestWords } from "~/domain/search/spelling";

describe("spelling", () => {
  test("a swap of neighbouring letters is one edit", () => {
    expect(editDistance("headphnoe", "headphone", 2)).toBe(1);
    expect(editDistance("backpak", "backpack", 2)).toBe(1);
    expect(editDistance("kettle", "kettle", 2)).toBe(0);
    expect(editDistance("ring", "wallet", 2)).toBe(3);
  });

  test("suggests the nearest known words, short words with one edit only", () => {
    const vocabulary = ["backpack", "headphone", "king", "ring", "rings", "sweater", "swimsuit"];
    expect(nearestWords("backpak", vocabulary)).toEqual(["backpack"]);
    expect(nearestWords("sweeter", vocabulary)).toEqual(["sweater"]);
    expect(nearestWords("rinj", vocabulary)).toEqual(["ring"]);
    expect(nearestWords("zzzzzz", vocabulary)).toEqual([]);
    expect(nearestWords("ab", vocabulary)).toEqual([]);
  });
});
