import { postalParcelLimitFor } from "./customs-rules";
import { failure, type Failure } from "./errors";
import { ONE, Ratio, round2, sum, ZERO } from "./ratio";
import type { CustomsRules, ShippingLine, TaxCategory } from "./schema";

/** One item line as customs sees it: its rounded CNY goods line and its tax category. */
export type TaxedLine = { goods: Ratio; quantity: number; category: TaxCategory };

export type TaxOutcome = { ok: true; tax: Ratio; exempt: boolean } | Failure;

// Every limit comes from the customs rules in force at the quote's `now` (context.customs); Ratio.parse
// caches, so reading them per quote costs a map lookup.

function unitCount(lines: TaxedLine[]): number {
  return lines.reduce((total, line) => total + line.quantity, 0);
}

export function postalTax(lines: TaxedLine[], goods: Ratio, shippingLine: ShippingLine, customs: CustomsRules): TaxOutcome {
  const limit = Ratio.parse(postalParcelLimitFor(customs, shippingLine.originCountry));
  const units = unitCount(lines);
  if (goods.gt(limit) && units > 1) {
    return failure(
      "POSTAL_PARCEL_LIMIT",
      `Goods of ${goods.toFixed(2)} CNY exceed the ${limit.toFixed(2)} CNY limit of a postal parcel from ${shippingLine.originCountry} under the customs rules "${customs.source}"; only a single indivisible item may exceed it`,
      { goods: goods.toFixed(2), limit: limit.toFixed(2), units },
    );
  }
  const tax = round2(sum(lines.map((line) => line.goods.times(Ratio.parse(line.category.postalRate)))));
  if (Ratio.parse(customs.postalTaxWaiver).cmp(tax) >= 0) return { ok: true, tax: ZERO, exempt: true };
  return { ok: true, tax, exempt: false };
}

function cbecItemTax(dutiable: Ratio, category: TaxCategory, fullRate: boolean, taxShare: Ratio): Ratio {
  const consumption = Ratio.parse(category.cbecConsumption);
  const vat = Ratio.parse(category.cbecVat);
  if (!fullRate) {
    return dutiable.times(consumption.plus(vat)).div(ONE.minus(consumption)).times(taxShare);
  }
  const tariff = dutiable.times(Ratio.parse(category.mfnTariff));
  const consumptionTax = dutiable.plus(tariff).times(consumption).div(ONE.minus(consumption));
  const vatTax = dutiable.plus(tariff).plus(consumptionTax).times(vat);
  return tariff.plus(consumptionTax).plus(vatTax);
}

/** `dutiable` is D = goods + domestic + international shipping + insurance, all rounded lines. */
export function cbecTax(lines: TaxedLine[], goods: Ratio, dutiable: Ratio, annualUsed: Ratio, customs: CustomsRules): TaxOutcome {
  const units = unitCount(lines);
  const annualLimit = Ratio.parse(customs.cbecAnnualLimit);
  if (annualUsed.plus(dutiable).gt(annualLimit)) {
    const remaining = annualLimit.gt(annualUsed) ? annualLimit.minus(annualUsed) : ZERO;
    return failure(
      "CBEC_ANNUAL_LIMIT",
      `A dutiable value of ${dutiable.toFixed(2)} CNY would exceed the ${annualLimit.toFixed(2)} CNY annual cross-border limit (${annualUsed.toFixed(2)} CNY used)`,
      { used: annualUsed.toFixed(2), dutiable: dutiable.toFixed(2), limit: annualLimit.toFixed(2), remaining: remaining.toFixed(2) },
    );
  }
  const singleLimit = Ratio.parse(customs.cbecSingleLimit);
  const fullRate = dutiable.gt(singleLimit);
  if (fullRate && units !== 1) {
    return failure(
      "CBEC_SINGLE_LIMIT",
      `A dutiable value of ${dutiable.toFixed(2)} CNY exceeds the ${singleLimit.toFixed(2)} CNY cross-border single-transaction limit; only a single unit may exceed it`,
      { dutiable: dutiable.toFixed(2), limit: singleLimit.toFixed(2), units },
    );
  }
  const taxShare = Ratio.parse(customs.cbecTaxShare);
  const extra = dutiable.minus(goods);
  const taxes = lines.map((line) => {
    // D − goods is shared by goods value (docs/landed-cost.md); with no goods value at all, by units instead.
    const share = goods.isZero() ? Ratio.of(BigInt(line.quantity), BigInt(units)) : line.goods.div(goods);
    return cbecItemTax(line.goods.plus(extra.times(share)), line.category, fullRate, taxShare);
  });
  return { ok: true, tax: round2(sum(taxes)), exempt: false };
}
