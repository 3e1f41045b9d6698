import {
  lineAmount,
  type CustomsRegime,
  type QuoteContext,
  type QuoteItem,
  type QuoteRequest,
  type QuoteResult,
} from "~/domain/landed-cost";
import { cnyPerUnit } from "~/domain/landed-cost/fx";
import { ONE, Ratio, sum, ZERO } from "~/domain/landed-cost/ratio";
import { chargeableGrams, internationalShipping } from "~/domain/landed-cost/shipping";
import { DAY_MS, type ReturnPolicyConfig } from "./eligibility";
import { FAULTS, type Fault } from "./reasons";
import { checkUnitSelection, type UnitSelection } from "./units";

// The refund of a return, from the quote the order was placed with (docs/returns.md,
// "How much"). Pure and exact: every amount is computed as a BigInt fraction
// (landed-cost/ratio.ts) and rounded to the fen half-up once per line.
//
// MONEY: every amount this module returns is an integer number of fen (1 CNY = 100 fen), as the
// database and the wallet ledger keep them (Order.totalFen); format with fromFen() from landed-cost.
//
// HOW A RETURN'S SHARE OF A LINE IS COMPUTED
//   For an item line at `position` (quantity q, goods line G_p, domestic-shipping line D_p):
//     goods    = round(G_p × k / q)      for the k units returned,
//     domestic = round(D_p × k / q)      (the store's shipping divided evenly over the line's units).
//   For an order-level line L (service fee, international shipping, insurance, import tax):
//     share    = round(L × w), w = goods of the returned units ÷ the order's goods total
//                (exact goods: Σ G_p × k_p / q_p; an order whose goods total is 0 shares by units).
//   One rounding per line for the whole set of units returned together.
//
// SEVERAL RETURNS OF ONE ORDER: each of the above is applied cumulatively. With `prev` the units
// of the earlier returns and `cum` = prev + this return's units,
//     share = round(line × cum share) − round(line × prev share),
// so the shares of successive returns telescope: once every unit has gone back, line by line the
// returns add up to exactly the quote's line, and all lines to exactly the quote's total. At platform
// fault (everything paid back) several returns covering the whole order refund the order's total to
// the fen, and never more. Pass as `previouslyRefunded` the units of every earlier return of the
// order that still holds units (neither CANCELLED nor REJECTED: unitsInReturns()), whatever its fault,
// and store the computed amounts with the return. Should an earlier return later be cancelled or
// rejected, recompute the later ones that are not yet REFUNDED, so the telescoping stays exact.
//
// PER POSITION: the order-level shares are spread over the returned positions by goods weight with
// the largest-remainder method (so that positions add up to the totals exactly); `refundFen` and
// `shopperFaultRefundFen` per position are what condition.ts lowers unit by unit.

export type StoredQuote = { request: QuoteRequest; context: QuoteContext; result: QuoteResult };

export type RefundInput = {
  /** The order's stored quote: result.items[i].goods is the goods line of request.items[i]. */
  quote: StoredQuote;
  /** The units going back together in one parcel (validated as by checkUnitSelection). */
  requested: readonly UnitSelection[];
  fault: Fault;
  /** Only `restockingRate` is read here. */
  config: Pick<ReturnPolicyConfig, "restockingRate">;
  /**
   * Shopper fault: whether the import tax comes back — only ever for a CBEC order whose goods reach the
   * bonded return point within the CBEC window (isCbecTaxRefundable). Ignored for a POSTAL order
   * (never refunded at shopper fault) and at platform fault (always refunded).
   */
  cbecTaxRefundable: boolean;
  /** The units of earlier returns of the same order that still count (see above); positions may repeat. */
  previouslyRefunded?: readonly UnitSelection[];
};

export const REFUND_LINE_CODES = [
  "goods",
  "domestic_shipping",
  "service_fee",
  "international_shipping",
  "insurance",
  "import_tax",
  "return_shipping",
  "restocking_fee",
] as const;
export type RefundLineCode = (typeof REFUND_LINE_CODES)[number];

/**
 * REFUNDED: comes back (+amount). NOT_REFUNDED: was paid for these units and is kept (0). DEDUCTED:
 * taken off the refund (−amount). PLATFORM_PAYS: a cost the platform bears (0). NONE: does not apply.
 */
export type RefundLineTreatment = "REFUNDED" | "NOT_REFUNDED" | "DEDUCTED" | "PLATFORM_PAYS" | "NONE";

export type RefundLine = {
  code: RefundLineCode;
  /** The six quote lines: the share paid for the returned units. return_shipping: the return parcel's cost. restocking_fee: the fee. */
  amountFen: number;
  treatment: RefundLineTreatment;
  /** The line's effect on the refund: +amount, −amount or 0. Σ effectFen = refundableFen − deductionsFen. */
  effectFen: number;
};

export type RefundPosition = {
  position: number;
  title: string;
  /** Units of this line in this return. */
  quantity: number;
  /** One unit's goods amount, rounded to the fen: for display only. */
  unitGoodsFen: number;
  /** One unit's domestic-shipping amount, rounded to the fen: for display only. */
  unitDomesticShippingFen: number;
  /** The goods share of these units (the amount the goods line counts for them). */
  goodsFen: number;
  domesticShippingFen: number;
  /** Everything paid for these units: goods + domestic + their part of the order-level shares. */
  paidFen: number;
  /** The refund for these units at the return's fault. Σ over positions = refundFen. */
  refundFen: number;
  /** The refund for these units had the return been the shopper's fault. Σ = shopperFaultRefundFen. */
  shopperFaultRefundFen: number;
};

export type RefundComputation = {
  fault: Fault;
  regime: CustomsRegime;
  /** Sorted by position. */
  positions: RefundPosition[];
  /** Everything paid for the returned units (the six quote lines' shares). */
  paidForUnitsFen: number;
  /** What would come back before deductions. */
  refundableFen: number;
  /** The return parcel's cost on the order's shipping line: deducted at shopper fault, borne by the platform otherwise. */
  returnShippingFen: number;
  returnShippingPaidBy: Fault;
  /** The return parcel's chargeable weight. */
  returnChargeableGrams: number;
  /** restockingRate × goods share at shopper fault; 0 at platform fault. */
  restockingFeeFen: number;
  /** return shipping + restocking fee at shopper fault; 0 at platform fault. */
  deductionsFen: number;
  /** max(0, refundable − deductions): never below 0 and never above paidForUnitsFen. */
  refundFen: number;
  /** How far the deductions exceed the refundable amount (0 when they do not). */
  shortfallFen: number;
  /** False when the deductions eat the whole refundable amount: the form says filing is not worth it. */
  worthFiling: boolean;
  importTaxRefunded: boolean;
  /** The refund these units would get at shopper fault (= refundFen when fault is SHOPPER). */
  shopperFaultRefundFen: number;
  /** Always the eight REFUND_LINE_CODES, in that order. */
  lines: RefundLine[];
};

// ---------------------------------------------------------------------------------------------
// CBEC import tax (the CBEC return rule): it comes back for a shopper-fault return only when the
// goods reach the bonded return point within `cbecTaxReturnDays` × 24 h of customs release
// (deadline inclusive). At filing nobody knows the arrival yet: compute with `arrivesAt: now` (false
// once the deadline has passed) and show the deadline; recompute with the real arrival when the
// return is RECEIVED.

export function cbecTaxDeadline(customsReleasedAt: Date, config: Pick<ReturnPolicyConfig, "cbecTaxReturnDays">): Date {
  return new Date(customsReleasedAt.getTime() + config.cbecTaxReturnDays * DAY_MS);
}

export function isCbecTaxRefundable({
  regime,
  customsReleasedAt,
  arrivesAt,
  config,
}: {
  regime: CustomsRegime;
  customsReleasedAt: Date | null | undefined;
  /** When the goods reach (or, at filing, would reach at the earliest: now) the bonded return point. */
  arrivesAt: Date;
  config: Pick<ReturnPolicyConfig, "cbecTaxReturnDays">;
}): boolean {
  if (regime !== "CBEC" || !customsReleasedAt || !Number.isFinite(customsReleasedAt.getTime())) return false;
  return arrivesAt.getTime() <= cbecTaxDeadline(customsReleasedAt, config).getTime();
}

// ---------------------------------------------------------------------------------------------

const HUNDRED = Ratio.of(100n);

/** Half-up to the fen, as an integer number of fen. */
function fen(amount: Ratio): number {
  const value = amount.roundHalfUp(2).times(HUNDRED);
  const result = Number(value.num);
  if (value.den !== 1n || !Number.isSafeInteger(result)) throw new RangeError(`amount out of range: ${amount.toFixed(2)}`);
  return result;
}

function cny(amount: string): Ratio {
  return Ratio.parse(amount);
}

const nonNegative = (value: number) => Math.max(0, value);
// 0, not −0: amounts go to JSON and are compared with Object.is.
const negate = (value: number) => (value === 0 ? 0 : -value);

/**
 * Splits `totalFen` over `weights` exactly (largest remainder; ties to the earlier entry). All-zero
 * weights split evenly.
 */
function allocate(totalFen: number, weights: readonly Ratio[]): number[] {
  if (weights.length === 0) return [];
  const weightSum = sum(weights);
  const effective = weightSum.isZero() ? weights.map(() => ONE) : weights;
  const effectiveSum = weightSum.isZero() ? Ratio.of(BigInt(weights.length)) : weightSum;
  const total = Ratio.of(BigInt(totalFen));
  const exact = effective.map((weight) => total.times(weight).div(effectiveSum));
  const floors = exact.map((share) => share.num / share.den); // non-negative: truncation is floor
  let left = BigInt(totalFen) - floors.reduce((a, b) => a + b, 0n);
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(Ratio.of(share.num / share.den)) }))
    .sort((a, b) => b.remainder.cmp(a.remainder) || a.index - b.index);
  const result = floors.map(Number);
  for (const { index } of byRemainder) {
    if (left <= 0n) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1n;
  }
  return result;
}

type ItemLine = { item: QuoteItem; title: string; quantity: number; goods: Ratio; domestic: Ratio };

/** The quote's item lines with their CNY goods and domestic-shipping lines, checked against the quote's lines. */
function itemLines({ request, context, result }: StoredQuote): ItemLine[] {
  if (request.items.length !== result.items.length) throw new RangeError("the stored quote's request and result list different items");
  const lines = request.items.map((item, index): ItemLine => {
    const rate = cnyPerUnit(context.fx, context.fees.fxSpread, item.currency);
    if (!rate) throw new RangeError(`the stored quote's context has no rate for ${item.currency}`);
    return {
      item,
      title: result.items[index]?.title ?? item.title,
      quantity: item.quantity,
      goods: cny(result.items[index]?.goods ?? "0"),
      // Exactly as the calculator made it: round2(domesticShipping × rate) per item line.
      domestic: Ratio.parse(item.domesticShipping ?? "0")
        .times(rate)
        .roundHalfUp(2),
    };
  });
  if (sum(lines.map((line) => line.goods)).cmp(cny(lineAmount(result, "goods"))) !== 0) {
    throw new RangeError("the stored quote's item goods do not add up to its goods line");
  }
  if (sum(lines.map((line) => line.domestic)).cmp(cny(lineAmount(result, "domestic_shipping"))) !== 0) {
    throw new RangeError("the stored quote's domestic shipping does not match its context");
  }
  return lines;
}

function unitsByPosition(selection: readonly UnitSelection[] | undefined, lines: readonly ItemLine[], what: string): Map<number, number> {
  const units = new Map<number, number>();
  for (const { position, quantity } of selection ?? []) {
    const line = Number.isSafeInteger(position) ? lines[position] : undefined;
    if (!line || !Number.isSafeInteger(quantity) || quantity < 1)
      throw new RangeError(`${what}: invalid entry ${JSON.stringify({ position, quantity })}`);
    const total = (units.get(position) ?? 0) + quantity;
    if (total > line.quantity) throw new RangeError(`${what}: ${total} units of position ${position}, which has ${line.quantity}`);
    units.set(position, total);
  }
  return units;
}

/** The goods weight of a selection of units: exact goods, or units when the order's goods total is 0. */
function weightOf(line: ItemLine, units: number, byUnits: boolean): Ratio {
  const count = Ratio.of(BigInt(units));
  return byUnits ? count : line.goods.times(count).div(Ratio.of(BigInt(line.quantity)));
}

/** Share of `amount` for `units` of `total` units, rounded: round(amount × units / total). */
function unitShare(amount: Ratio, units: number, total: number): number {
  return fen(amount.times(Ratio.of(BigInt(units), BigInt(total))));
}

const ORDER_LEVEL = ["service_fee", "international_shipping", "insurance", "import_tax"] as const;
type OrderLevelCode = (typeof ORDER_LEVEL)[number];

/**
 * The itemized refund for `requested` units of the order, returned together in one parcel. Throws a
 * RangeError on a selection checkUnitSelection would refuse (against the quote's quantities, counting
 * `previouslyRefunded`), on a restocking rate outside 0–1, or on a quote the calculator cannot have made.
 */
export function computeRefund({ quote, requested, fault, config, cbecTaxRefundable, previouslyRefunded }: RefundInput): RefundComputation {
  if (!FAULTS.includes(fault)) throw new RangeError(`unknown fault: ${String(fault)}`);
  const restockingRate = Ratio.parse(config.restockingRate);
  if (restockingRate.cmp(ZERO) < 0 || restockingRate.gt(ONE))
    throw new RangeError(`restockingRate must be between 0 and 1: ${config.restockingRate}`);

  const lines = itemLines(quote);
  const previous = unitsByPosition(previouslyRefunded, lines, "previouslyRefunded");
  const check = checkUnitSelection({
    items: lines.map((line, position) => ({ position, quantity: line.quantity })),
    alreadyReturned: previous,
    requested,
  });
  if (!check.ok) throw new RangeError(`invalid selection: ${check.errors.map((error) => error.code).join(", ")}`);
  const selection = check.selection;

  const { result, context } = quote;
  const goodsTotal = cny(lineAmount(result, "goods"));
  const byUnits = goodsTotal.isZero();
  const denominator = byUnits ? Ratio.of(BigInt(lines.reduce((total, line) => total + line.quantity, 0))) : goodsTotal;
  const cumulative = new Map(previous);
  for (const { position, quantity } of selection) cumulative.set(position, (cumulative.get(position) ?? 0) + quantity);
  const shareOf = (units: Map<number, number>) =>
    sum([...units].map(([position, count]) => weightOf(lines[position] as ItemLine, count, byUnits))).div(denominator);
  const wCum = shareOf(cumulative);
  const wPrev = shareOf(previous);

  // Per position: goods and domestic shipping, telescoped over earlier returns.
  const perPosition = selection.map(({ position, quantity }) => {
    const line = lines[position] as ItemLine;
    const before = previous.get(position) ?? 0;
    const after = before + quantity;
    return {
      position,
      quantity,
      line,
      goodsFen: unitShare(line.goods, after, line.quantity) - unitShare(line.goods, before, line.quantity),
      domesticFen: unitShare(line.domestic, after, line.quantity) - unitShare(line.domestic, before, line.quantity),
      weight: weightOf(line, quantity, byUnits),
    };
  });

  // Order-level lines: one rounding each for the whole set, telescoped; then spread over positions.
  const shares = {} as Record<OrderLevelCode, number>;
  const spread = {} as Record<OrderLevelCode, number[]>;
  for (const code of ORDER_LEVEL) {
    const amount = cny(lineAmount(result, code));
    shares[code] = fen(amount.times(wCum)) - fen(amount.times(wPrev));
    spread[code] = allocate(
      shares[code],
      perPosition.map((entry) => entry.weight),
    );
  }
  const goodsFen = perPosition.reduce((total, entry) => total + entry.goodsFen, 0);
  const domesticFen = perPosition.reduce((total, entry) => total + entry.domesticFen, 0);

  // The return parcel: every returned unit in one parcel on the order's shipping line, from the items'
  // listed weights and sizes (the order's measured parcel, if any, weighed every unit together).
  const returnItems = perPosition.map(({ line, quantity }) => ({ ...line.item, quantity }));
  const returnGrams = chargeableGrams(returnItems, context.shippingLine);
  const returnShippingFen = fen(internationalShipping(returnGrams, context.shippingLine));
  const restockingFen = fen(restockingRate.times(Ratio.of(BigInt(goodsFen), 100n)));
  const taxBackAtShopperFault = result.regime === "CBEC" && cbecTaxRefundable;

  const settle = (at: Fault) => {
    const platform = at === "PLATFORM";
    const quoteLine = (code: RefundLineCode, amountFen: number, refunded: boolean): RefundLine => ({
      code,
      amountFen,
      treatment: refunded ? "REFUNDED" : "NOT_REFUNDED",
      effectFen: refunded ? amountFen : 0,
    });
    const refundLines: RefundLine[] = [
      quoteLine("goods", goodsFen, true),
      quoteLine("domestic_shipping", domesticFen, true),
      quoteLine("service_fee", shares.service_fee, platform),
      quoteLine("international_shipping", shares.international_shipping, platform),
      quoteLine("insurance", shares.insurance, platform),
      quoteLine("import_tax", shares.import_tax, platform || taxBackAtShopperFault),
      platform
        ? { code: "return_shipping", amountFen: returnShippingFen, treatment: "PLATFORM_PAYS", effectFen: 0 }
        : { code: "return_shipping", amountFen: returnShippingFen, treatment: "DEDUCTED", effectFen: negate(returnShippingFen) },
      platform
        ? { code: "restocking_fee", amountFen: 0, treatment: "NONE", effectFen: 0 }
        : { code: "restocking_fee", amountFen: restockingFen, treatment: "DEDUCTED", effectFen: negate(restockingFen) },
    ];
    const refundableFen = refundLines.reduce((total, line) => total + nonNegative(line.effectFen), 0);
    const deductionsFen = refundLines.reduce((total, line) => total + nonNegative(-line.effectFen), 0);
    return { lines: refundLines, refundableFen, deductionsFen, refundFen: nonNegative(refundableFen - deductionsFen) };
  };

  const filed = settle(fault);
  const atShopperFault = fault === "SHOPPER" ? filed : settle("SHOPPER");

  const paidPerPosition = perPosition.map(
    (entry, index) => entry.goodsFen + entry.domesticFen + ORDER_LEVEL.reduce((total, code) => total + (spread[code][index] ?? 0), 0),
  );
  // At shopper fault the refund is spread by what each position would get back before deductions.
  const shopperRefundable = perPosition.map(
    (entry, index) => entry.goodsFen + entry.domesticFen + (taxBackAtShopperFault ? (spread.import_tax[index] ?? 0) : 0),
  );
  const shopperPerPosition =
    atShopperFault.refundFen === 0
      ? perPosition.map(() => 0)
      : allocate(
          atShopperFault.refundFen,
          shopperRefundable.map((value) => Ratio.of(BigInt(value))),
        );

  const positions: RefundPosition[] = perPosition.map((entry, index) => ({
    position: entry.position,
    title: entry.line.title,
    quantity: entry.quantity,
    unitGoodsFen: unitShare(entry.line.goods, 1, entry.line.quantity),
    unitDomesticShippingFen: unitShare(entry.line.domestic, 1, entry.line.quantity),
    goodsFen: entry.goodsFen,
    domesticShippingFen: entry.domesticFen,
    paidFen: paidPerPosition[index] ?? 0,
    refundFen: (fault === "PLATFORM" ? paidPerPosition[index] : shopperPerPosition[index]) ?? 0,
    shopperFaultRefundFen: shopperPerPosition[index] ?? 0,
  }));

  const paidForUnitsFen = goodsFen + domesticFen + ORDER_LEVEL.reduce((total, code) => total + shares[code], 0);
  return {
    fault,
    regime: result.regime,
    positions,
    paidForUnitsFen,
    refundableFen: filed.refundableFen,
    returnShippingFen,
    returnShippingPaidBy: fault,
    returnChargeableGrams: returnGrams.toNumber(),
    restockingFeeFen: fault === "SHOPPER" ? restockingFen : 0,
    deductionsFen: filed.deductionsFen,
    refundFen: filed.refundFen,
    shortfallFen: nonNegative(filed.deductionsFen - filed.refundableFen),
    worthFiling: filed.refundFen > 0 || filed.deductionsFen === 0,
    importTaxRefunded: fault === "PLATFORM" || taxBackAtShopperFault,
    shopperFaultRefundFen: atShopperFault.refundFen,
    lines: filed.lines,
  };
}
