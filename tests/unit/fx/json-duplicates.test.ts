import { describe, expect, test } from "vitest";
import { findDuplicateKeys } from "~/domain/fx/json-duplicates";

describe("findDuplicateKeys", () => {
  test("finds repeated keys per object, with their path", () => {
    expect(findDuplicateKeys('{"a":1,"rates":{"USD":1,"JPY":2,"USD":3},"a":2}')).toEqual(["rates.USD", "a"]);
  });

  test("the same key in different objects, in arrays, or inside strings is fine", () => {
    expect(findDuplicateKeys('{"x":{"k":1},"y":{"k":2},"list":[{"k":1},{"k":2}],"s":"\\"k\\":1,\\"k\\":2"}')).toEqual([]);
  });

  test("escaped keys are compared by their value", () => {
    expect(findDuplicateKeys('{"USD":1,"\\u0055SD":2}')).toEqual(["USD"]);
  });
});
