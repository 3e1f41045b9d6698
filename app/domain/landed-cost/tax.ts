import { failure, type Failure } from "./errors";
import { ONE, Ratio, round2, sum, ZERO } from "./ratio";
import type { ShippingLine, TaxCategory } from "./schema";

/** One item line as customs sees it: its rounded CNY goods line and its tax category. */
export type TaxedLine = { goods: Ratio; quantity: number; category: TaxCategory };

export type TaxOutcome = { ok: true; tax: Ratio; exempt: boolean } | Failure;

const POSTAL_LIMIT = Ratio.parse("1000.00");
// Customs sets a lower limit for parcels sent from Hong Kong, Macao and Taiwan.
const POSTAL_LIMIT_HK_MO_TW = Ratio.parse("800.00");
const POSTAL_WAIVER = Ratio.parse("50.00");
const CBEC_SINGLE_LIMIT = Ratio.parse("5000.00");
const CBEC_ANNUAL_LIMIT = Ratio.parse("26000.00");
const CBEC_DISCOUNT = Ratio.parse("0.7");

function unitCount(lines: TaxedLine[]): number {
  return lines.reduce((total, line) => total + line.quantity, 0);
}

export function postalTax(lines: TaxedLine[], goods: Ratio, shippingLine: ShippingLine): TaxOutcome {
  const limit = ["HK", "MO", "TW"].includes(shippingLine.originCountry) ? POSTAL_LIMIT_HK_MO_TW : POSTAL_LIMIT;
  const units = unitCount(lines);
  if (goods.gt(limit) && units > 1) {
    return failure(
      "POSTAL_PARCEL_LIMIT",
      `Goods of ${goods.toFixed(2)} CNY exceed the ${limit.toFixed(2)} CNY limit of a postal parcel; only a single indivisible item may exceed it`,
      { goods: goods.toFixed(2), limit: limit.toFixed(2), units },
    );
  }
  const tax = round2(sum(lines.map((line) => line.goods.times(Ratio.parse(line.category.postalRate)))));
  if (POSTAL_WAIVER.cmp(tax) >= 0) return { ok: true, tax: ZERO, exempt: true };
  return { ok: true, tax, exempt: false };
}

function cbecItemTax(dutiable: Ratio, category: TaxCategory, fullRate: boolean): Ratio {
  const consumption = Ratio.parse(category.cbecConsumption);
  const vat = Ratio.parse(category.cbecVat);
  if (!fullRate) {
    return dutiable.times(consumption.plus(vat)).div(ONE.minus(consumption)).times(CBEC_DISCOUNT);
  }
  const tariff = dutiable.times(Ratio.parse(category.mfnTariff));
  const consumptionTax = dutiable.plus(tariff).times(consumption).div(ONE.minus(consumption));
  const vatTax = dutiable.plus(tariff).plus(consumptionTax).times(vat);
  return tariff.plus(consumptionTax).plus(vatTax);
}

/** `dutiable` is D = goods + domestic + international shipping + insurance, all rounded lines. */
export function cbecTax(lines: TaxedLine[], goods: Ratio, dutiable: Ratio, annualUsed: Ratio): TaxOutcome {
  const units = unitCount(lines);
  if (annualUsed.plus(dutiable).gt(CBEC_ANNUAL_LIMIT)) {
    const remaining = CBEC_ANNUAL_LIMIT.gt(annualUsed) ? CBEC_ANNUAL_LIMIT.minus(annualUsed) : ZERO;
    return failure(
      "CBEC_ANNUAL_LIMIT",
      `A dutiable value of ${dutiable.toFixed(2)} CNY would exceed the ${CBEC_ANNUAL_LIMIT.toFixed(2)} CNY annual cross-border limit (${annualUsed.toFixed(2)} CNY used)`,
      { used: annualUsed.toFixed(2), dutiable: dutiable.toFixed(2), limit: CBEC_ANNUAL_LIMIT.toFixed(2), remaining: remaining.toFixed(2) },
    );
  }
  const fullRate = dutiable.gt(CBEC_SINGLE_LIMIT);
  if (fullRate && units !== 1) {
    return failure(
      "CBEC_SINGLE_LIMIT",
      `A dutiable value of ${dutiable.toFixed(2)} CNY exceeds the ${CBEC_SINGLE_LIMIT.toFixed(2)} CNY cross-border single-transaction limit; only a single unit may exceed it`,
      { dutiable: dutiable.toFixed(2), limit: CBEC_SINGLE_LIMIT.toFixed(2), units },
    );
  }
  const extra = dutiable.minus(goods);
  const taxes = lines.map((line) => {
    // The spec shares D − goods by goods value; with no goods value at all, by units instead.
    const share = goods.isZero() ? Ratio.of(BigInt(line.quantity), BigInt(units)) : line.goods.div(goods);
    return cbecItemTax(line.goods.plus(extra.times(share)), line.category, fullRate);
  });
  return { ok: true, tax: round2(sum(taxes)), exempt: false };
}
