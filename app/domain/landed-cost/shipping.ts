import { max, Ratio, sum } from "./ratio";
import type { QuoteItem, QuoteRequest, ShippingLine } from "./schema";

const GRAMS_PER_KG = Ratio.of(1000n);

function units(item: QuoteItem): Ratio {
  return Ratio.of(BigInt(item.quantity));
}

function actualGrams(item: QuoteItem): Ratio {
  return Ratio.fromNumber(item.weightGrams).times(units(item));
}

function volumetricGrams(dimensionsCm: readonly [number, number, number], divisor: Ratio): Ratio {
  const [length, width, height] = dimensionsCm.map(Ratio.fromNumber) as [Ratio, Ratio, Ratio];
  // The divisor is cm³ per kg; rounding up per piece, as carriers measure each box.
  return length.times(width).times(height).times(GRAMS_PER_KG).div(divisor).ceil();
}

/** A measured parcel: its own weight against its own volumetric weight. */
function parcelChargeableGrams(parcel: NonNullable<QuoteRequest["parcel"]>, line: ShippingLine): Ratio {
  const actual = Ratio.fromNumber(parcel.weightGrams);
  if (line.volumetricDivisor == null || !parcel.dimensionsCm) return actual;
  return max(actual, volumetricGrams(parcel.dimensionsCm, Ratio.fromNumber(line.volumetricDivisor)));
}

/** The parcel's chargeable weight in grams: the greater of actual and volumetric weight. */
export function chargeableGrams(items: QuoteItem[], line: ShippingLine, parcel?: QuoteRequest["parcel"]): Ratio {
  if (parcel) return parcelChargeableGrams(parcel, line);
  const actual = sum(items.map(actualGrams));
  if (line.volumetricDivisor == null) return actual;
  const divisor = Ratio.fromNumber(line.volumetricDivisor);
  const volumetric = sum(
    items.map((item) => {
      if (!item.dimensionsCm) return actualGrams(item);
      return volumetricGrams(item.dimensionsCm, divisor).times(units(item));
    }),
  );
  return max(actual, volumetric);
}

export function internationalShipping(chargeable: Ratio, line: ShippingLine): Ratio {
  const firstGrams = Ratio.fromNumber(line.firstWeightGrams);
  let price = Ratio.parse(line.firstWeightPrice);
  if (chargeable.gt(firstGrams)) {
    const steps = chargeable.minus(firstGrams).div(Ratio.fromNumber(line.additionalWeightGrams)).ceil();
    price = price.plus(steps.times(Ratio.parse(line.additionalWeightPrice)));
  }
  return price.plus(Ratio.parse(line.handlingFee));
}
