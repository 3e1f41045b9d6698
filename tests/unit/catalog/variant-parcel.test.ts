import { describe, expect, test } from "vitest";
import { parcelDimensions, variantParcel } from "~/domain/catalog/variant-parcel";
import { calculateLandedCost } from "~/domain/landed-cost";
import { context, headphones } from "../landed-cost/fixtures";

const bag = { weightGrams: 250, lengthCm: 20, widthCm: 15, heightCm: 5 };

describe("a variant's weight and size", () => {
  test("the variant's own figures win", () => {
    expect(variantParcel(bag, { weightGrams: 760, lengthCm: 30, widthCm: 20, heightCm: 15 })).toEqual({
      weightGrams: 760,
      lengthCm: 30,
      widthCm: 20,
      heightCm: 15,
    });
  });
  test("a variant without figures weighs and measures as the listing", () => {
    expect(variantParcel(bag, { weightGrams: null })).toEqual(bag);
    expect(variantParcel(bag, null)).toEqual(bag);
    expect(variantParcel(bag)).toEqual(bag);
  });
  test("its own weight with the listing's size, and the size is taken whole, never side by side", () => {
    expect(variantParcel(bag, { weightGrams: 760, lengthCm: 40, widthCm: null, heightCm: 10 })).toEqual({ ...bag, weightGrams: 760 });
  });
  test("a zero stated weight is unknown, so the listing's applies; nothing known stays unknown", () => {
    expect(variantParcel(bag, { weightGrams: 0 }).weightGrams).toBe(250);
    expect(variantParcel({ weightGrams: null }, { weightGrams: null })).toEqual({
      weightGrams: null,
      lengthCm: null,
      widthCm: null,
      heightCm: null,
    });
  });
  test("dimensions go to the calculator only when all three sides are known", () => {
    expect(parcelDimensions(bag)).toEqual({ dimensionsCm: [20, 15, 5] });
    expect(parcelDimensions({ weightGrams: 1, lengthCm: 1, widthCm: null, heightCm: 1 })).toEqual({});
  });
});

describe("the chargeable weight follows the chosen variant", () => {
  const quoteFor = (variant: Parameters<typeof variantParcel>[1]) => {
    const parcel = variantParcel(bag, variant);
    const outcome = calculateLandedCost(
      {
        items: [{ ...headphones, weightGrams: parcel.weightGrams ?? 0, ...parcelDimensions(parcel) }],
        insurance: false,
        annualCbecUsedCny: "0",
      },
      context(),
    );
    if (!outcome.ok) throw new Error(outcome.error.code);
    return outcome.quote;
  };
  test("the 3-bag pack is charged at its own weight, not the single bag's", () => {
    expect(quoteFor(null).chargeableWeightGrams).toBe(250);
    expect(quoteFor({ weightGrams: 760 }).chargeableWeightGrams).toBe(760);
  });
  test("a bulky variant is charged at its volumetric weight", () => {
    // 50 x 40 x 30 cm on a 6000 cm³/kg line: 10 kg volumetric against 760 g actual.
    expect(quoteFor({ weightGrams: 760, lengthCm: 50, widthCm: 40, heightCm: 30 }).chargeableWeightGrams).toBe(10_000);
  });
});
