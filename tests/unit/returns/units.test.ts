import { describe, expect, test } from "vitest";
import { checkUnitSelection, returnedUnitsMap, unitsInReturns, type UnitSelectionCheck } from "~/domain/returns";

// An order of three lines: 2 T-shirts (position 0), 1 pair of sneakers (1), 3 toys (2).
const items = [
  { position: 0, quantity: 2 },
  { position: 1, quantity: 1 },
  { position: 2, quantity: 3 },
];

const codes = (check: UnitSelectionCheck) => (check.ok ? [] : check.errors.map((error) => error.code));

describe("checkUnitSelection", () => {
  test("a valid selection comes back sorted by position, with its unit count", () => {
    expect(
      checkUnitSelection({
        items,
        requested: [
          { position: 2, quantity: 3 },
          { position: 0, quantity: 1 },
        ],
      }),
    ).toEqual({
      ok: true,
      selection: [
        { position: 0, quantity: 1 },
        { position: 2, quantity: 3 },
      ],
      units: 4,
    });
  });

  test("an empty selection", () => {
    expect(checkUnitSelection({ items, requested: [] })).toEqual({
      ok: false,
      code: "EMPTY_SELECTION",
      message: "returns:errors.selectionEmpty",
      errors: [{ code: "EMPTY_SELECTION", message: "returns:errors.selectionEmpty", params: {} }],
    });
  });

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("quantity %s is invalid", (quantity) => {
    const check = checkUnitSelection({ items, requested: [{ position: 2, quantity }] });
    expect(check).toMatchObject({ ok: false, code: "INVALID_QUANTITY", message: "returns:errors.quantityInvalid" });
  });

  test.each([3, -1, 0.5, Number.NaN])("position %s is unknown", (position) => {
    expect(checkUnitSelection({ items, requested: [{ position, quantity: 1 }] })).toMatchObject({
      ok: false,
      code: "UNKNOWN_POSITION",
      message: "returns:errors.unknownItem",
      errors: [{ code: "UNKNOWN_POSITION", index: 0, params: { position } }],
    });
  });

  test("the same position twice in one request", () => {
    const check = checkUnitSelection({
      items,
      requested: [
        { position: 0, quantity: 1 },
        { position: 0, quantity: 1 },
      ],
    });
    expect(check).toMatchObject({
      ok: false,
      code: "DUPLICATE_POSITION",
      message: "returns:errors.duplicateItem",
      errors: [{ index: 1, params: { position: 0 } }],
    });
  });

  test("more units than were delivered", () => {
    expect(checkUnitSelection({ items, requested: [{ position: 1, quantity: 2 }] })).toMatchObject({
      ok: false,
      code: "MORE_THAN_DELIVERED",
      message: "returns:errors.moreThanDelivered",
      errors: [{ index: 0, params: { position: 1, requested: 2, delivered: 1 } }],
    });
  });

  test("a unit already in another return (a Map or a record)", () => {
    for (const alreadyReturned of [new Map([[2, 2]]), { 2: 2 }]) {
      expect(checkUnitSelection({ items, alreadyReturned, requested: [{ position: 2, quantity: 1 }] }).ok).toBe(true);
      expect(checkUnitSelection({ items, alreadyReturned, requested: [{ position: 2, quantity: 2 }] })).toMatchObject({
        ok: false,
        code: "ALREADY_RETURNED",
        message: "returns:errors.alreadyReturned",
        errors: [{ index: 0, params: { position: 2, requested: 2, delivered: 3, remaining: 1 } }],
      });
    }
    // The same unit twice: everything of the line already returned.
    expect(codes(checkUnitSelection({ items, alreadyReturned: { 1: 1 }, requested: [{ position: 1, quantity: 1 }] }))).toEqual([
      "ALREADY_RETURNED",
    ]);
  });

  test("every problem is reported, the first one as the code", () => {
    const check = checkUnitSelection({
      items,
      alreadyReturned: { 0: 2 },
      requested: [
        { position: 0, quantity: 1 },
        { position: 9, quantity: 1 },
        { position: 1, quantity: 0 },
        { position: 2, quantity: 4 },
        { position: 2, quantity: 1 },
      ],
    });
    expect(check.ok ? null : check.code).toBe("ALREADY_RETURNED");
    expect(codes(check)).toEqual(["ALREADY_RETURNED", "UNKNOWN_POSITION", "INVALID_QUANTITY", "MORE_THAN_DELIVERED", "DUPLICATE_POSITION"]);
  });
});

describe("units already returned", () => {
  test("only returns that still hold units count: not CANCELLED, not REJECTED", () => {
    const units = unitsInReturns([
      { status: "REQUESTED", units: [{ position: 0, quantity: 1 }] },
      {
        status: "REFUNDED",
        units: [
          { position: 0, quantity: 1 },
          { position: 2, quantity: 1 },
        ],
      },
      { status: "CANCELLED", units: [{ position: 1, quantity: 1 }] },
      { status: "REJECTED", units: [{ position: 2, quantity: 2 }] },
      { status: "IN_TRANSIT", units: [{ position: 2, quantity: 1 }] },
    ]);
    expect(Object.fromEntries(units)).toEqual({ 0: 2, 2: 2 });
    expect(
      checkUnitSelection({
        items,
        alreadyReturned: units,
        requested: [
          { position: 1, quantity: 1 },
          { position: 2, quantity: 1 },
        ],
      }).ok,
    ).toBe(true);
    expect(codes(checkUnitSelection({ items, alreadyReturned: units, requested: [{ position: 0, quantity: 1 }] }))).toEqual([
      "ALREADY_RETURNED",
    ]);
  });

  test("returnedUnitsMap accepts a Map, a record or nothing", () => {
    expect(returnedUnitsMap(undefined)).toEqual(new Map());
    expect(returnedUnitsMap({ 3: 1 })).toEqual(new Map([[3, 1]]));
    const original = new Map([[1, 2]]);
    const copy = returnedUnitsMap(original);
    copy.set(1, 5);
    expect(original.get(1)).toBe(2);
  });
});
