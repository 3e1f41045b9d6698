import { describe, expect, test } from "vitest";
import { fromFen, lineAmount, toFen } from "~/domain/landed-cost";
import {
  REFUND_LINE_CODES,
  RETURN_REASONS,
  cbecTaxDeadline,
  computeRefund,
  faultOf,
  isCbecTaxRefundable,
  type RefundComputation,
  type RefundInput,
  type StoredQuote,
  type UnitSelection,
} from "~/domain/returns";
import { context, headphones, usCbec, usPostal } from "../landed-cost/fixtures";
import { headphonesPostal, mixedCbec, mixedPostal, policy, serumCbec, storedQuote, total, toysPostal } from "./fixtures";

const refund = (quote: StoredQuote, requested: UnitSelection[], overrides: Partial<Omit<RefundInput, "quote" | "requested">> = {}) =>
  computeRefund({ quote, requested, fault: "PLATFORM", config: policy(), cbecTaxRefundable: false, ...overrides });

const amounts = (result: RefundComputation) =>
  Object.fromEntries(result.lines.map((line) => [line.code, `${fromFen(line.amountFen)} ${line.treatment}`]));
const all = (quote: StoredQuote): UnitSelection[] => quote.request.items.map((item, position) => ({ position, quantity: item.quantity }));
const fenOf = (quote: StoredQuote, code: Parameters<typeof lineAmount>[1]) => toFen(lineAmount(quote.result, code));

describe("the spec's headphones (POSTAL, insured, total 2592.40)", () => {
  const quote = headphonesPostal();

  test("platform fault: everything paid comes back; the platform pays the return parcel", () => {
    const result = refund(quote, [{ position: 0, quantity: 1 }]);
    expect(amounts(result)).toEqual({
      goods: "2033.95 REFUNDED",
      domestic_shipping: "0.00 REFUNDED",
      service_fee: "101.70 REFUNDED",
      international_shipping: "172.00 REFUNDED",
      insurance: "20.34 REFUNDED",
      import_tax: "264.41 REFUNDED",
      // 1250 g against 834 g volumetric: 98.00 + 2 × 32.00 + 10.00 handling.
      return_shipping: "172.00 PLATFORM_PAYS",
      restocking_fee: "0.00 NONE",
    });
    expect(result).toMatchObject({
      fault: "PLATFORM",
      regime: "POSTAL",
      paidForUnitsFen: 259_240,
      refundableFen: 259_240,
      deductionsFen: 0,
      refundFen: 259_240,
      returnShippingFen: 17_200,
      returnShippingPaidBy: "PLATFORM",
      returnChargeableGrams: 1250,
      worthFiling: true,
      importTaxRefunded: true,
      shopperFaultRefundFen: 186_195,
    });
    expect(result.refundFen).toBe(toFen(quote.result.total));
  });

  test("shopper fault: goods back minus the return parcel; fee, shipping, insurance and postal tax kept", () => {
    const result = refund(quote, [{ position: 0, quantity: 1 }], { fault: "SHOPPER", cbecTaxRefundable: true });
    expect(amounts(result)).toEqual({
      goods: "2033.95 REFUNDED",
      domestic_shipping: "0.00 REFUNDED",
      service_fee: "101.70 NOT_REFUNDED",
      international_shipping: "172.00 NOT_REFUNDED",
      insurance: "20.34 NOT_REFUNDED",
      // A POSTAL order's tax never comes back at shopper fault, whatever the caller says.
      import_tax: "264.41 NOT_REFUNDED",
      return_shipping: "172.00 DEDUCTED",
      restocking_fee: "0.00 DEDUCTED",
    });
    expect(result).toMatchObject({
      refundableFen: 203_395,
      deductionsFen: 17_200,
      refundFen: 186_195,
      importTaxRefunded: false,
      returnShippingPaidBy: "SHOPPER",
      worthFiling: true,
      shortfallFen: 0,
    });
    expect(result.lines.map((line) => line.effectFen)).toEqual([203_395, 0, 0, 0, 0, 0, -17_200, 0]);
  });

  test("a restocking fee: the rate × goods share, rounded half-up", () => {
    // 2033.95 × 0.10 = 203.395 → 203.40.
    const result = refund(quote, [{ position: 0, quantity: 1 }], { fault: "SHOPPER", config: policy({ restockingRate: "0.10" }) });
    expect(result).toMatchObject({ restockingFeeFen: 20_340, deductionsFen: 37_540, refundFen: 165_855 });
    // Never at platform fault.
    expect(refund(quote, [{ position: 0, quantity: 1 }], { config: policy({ restockingRate: "0.10" }) })).toMatchObject({
      restockingFeeFen: 0,
      refundFen: 259_240,
    });
  });
});

describe("the spec's serum (CBEC, 2 units, total 1417.15)", () => {
  const quote = serumCbec();
  const one = [{ position: 0, quantity: 1 }];

  test("one unit at platform fault: half of every line, rounded half-up per line", () => {
    const result = refund(quote, one);
    // 987.95 / 2 = 493.975 → 493.98; 43.51 / 2 = 21.755 → 21.76; 49.40 / 2; 80.00 / 2; 256.29 / 2 = 128.145 → 128.15.
    expect(amounts(result)).toMatchObject({
      goods: "493.98 REFUNDED",
      domestic_shipping: "21.76 REFUNDED",
      service_fee: "24.70 REFUNDED",
      international_shipping: "40.00 REFUNDED",
      insurance: "0.00 REFUNDED",
      import_tax: "128.15 REFUNDED",
      return_shipping: "80.00 PLATFORM_PAYS",
    });
    expect(result.refundFen).toBe(70_859);
    expect(result.positions).toEqual([
      {
        position: 0,
        title: "Serum 30 ml",
        quantity: 1,
        unitGoodsFen: 49_398,
        unitDomesticShippingFen: 2176,
        goodsFen: 49_398,
        domesticShippingFen: 2176,
        paidFen: 70_859,
        refundFen: 70_859,
        shopperFaultRefundFen: 43_574,
      },
    ]);
  });

  test("the second unit in a later return gets the rest, to the fen", () => {
    const second = refund(quote, one, { previouslyRefunded: one });
    expect(amounts(second)).toMatchObject({
      goods: "493.97 REFUNDED",
      domestic_shipping: "21.75 REFUNDED",
      service_fee: "24.70 REFUNDED",
      import_tax: "128.14 REFUNDED",
    });
    expect(second.refundFen).toBe(70_856);
    expect(70_859 + second.refundFen).toBe(toFen(quote.result.total));
  });

  test("shopper fault: the CBEC tax comes back only when the caller says the goods make the bonded window", () => {
    const inTime = refund(quote, one, { fault: "SHOPPER", cbecTaxRefundable: true });
    expect(amounts(inTime).import_tax).toBe("128.15 REFUNDED");
    expect(inTime).toMatchObject({ refundableFen: 64_389, deductionsFen: 8000, refundFen: 56_389, importTaxRefunded: true });
    const late = refund(quote, one, { fault: "SHOPPER", cbecTaxRefundable: false });
    expect(amounts(late).import_tax).toBe("128.15 NOT_REFUNDED");
    expect(late).toMatchObject({ refundableFen: 51_574, refundFen: 43_574, importTaxRefunded: false });
  });
});

describe("the spec's toys (POSTAL, 3 units, tax waived, total 269.77)", () => {
  const quote = toysPostal();

  test("a changed-mind return of one toy is not worth filing: the return parcel costs more than the toy", () => {
    const result = refund(quote, [{ position: 0, quantity: 1 }], { fault: "SHOPPER" });
    // 176.77 / 3 = 58.923… → 58.92; the return parcel: 75.00 + 8.00 handling.
    expect(result).toMatchObject({
      refundableFen: 5892,
      returnShippingFen: 8300,
      deductionsFen: 8300,
      refundFen: 0,
      shortfallFen: 2408,
      worthFiling: false,
    });
    expect(result.positions[0]).toMatchObject({ paidFen: 8992, refundFen: 0, shopperFaultRefundFen: 0 });
  });

  test("at platform fault the same toy is refunded in full, and the three toys make the total", () => {
    // 58.92 + 10.00 / 3 → 3.33 + 83.00 / 3 → 27.67.
    expect(refund(quote, [{ position: 0, quantity: 1 }]).refundFen).toBe(8992);
    expect(refund(quote, [{ position: 0, quantity: 3 }]).refundFen).toBe(26_977);
    const first = refund(quote, [{ position: 0, quantity: 1 }]);
    const second = refund(quote, [{ position: 0, quantity: 1 }], { previouslyRefunded: [{ position: 0, quantity: 1 }] });
    const third = refund(quote, [{ position: 0, quantity: 1 }], {
      previouslyRefunded: [
        { position: 0, quantity: 1 },
        { position: 0, quantity: 1 },
      ],
    });
    expect([first.refundFen, second.refundFen, third.refundFen]).toEqual([8992, 8993, 8992]);
    expect(first.refundFen + second.refundFen + third.refundFen).toBe(26_977);
  });
});

describe("every reason on a POSTAL and a CBEC order of several lines", () => {
  // Expected values from the quotes' lines (see fixtures.ts), independently of the implementation.
  const cases = [
    {
      name: "CBEC: 2 T-shirts + sneakers",
      quote: mixedCbec(),
      // One parcel of 2143 g for everything: 75.00 + 3 × 28.00 + 5.00 (two parcels would cost 80.00 + 136.00).
      returnShippingAll: 16_400,
      oneTshirt: { paid: 25_419, goods: 18_161, domestic: 1813, tax: 1938, returnShipping: 8000 },
    },
    {
      name: "POSTAL: 2 books + a robot",
      quote: mixedPostal(),
      // 1100 g: 75.00 + 2 × 18.00 + 8.00.
      returnShippingAll: 11_900,
      oneTshirt: { paid: 12_595, goods: 7366, domestic: 1473, tax: 0, returnShipping: 8300 },
    },
  ];

  for (const { name, quote, returnShippingAll, oneTshirt } of cases) {
    describe(name, () => {
      const regimeIsCbec = quote.result.regime === "CBEC";
      test.each(RETURN_REASONS)("%s, all units", (reason) => {
        const fault = faultOf(reason);
        for (const cbecTaxRefundable of [false, true]) {
          const result = refund(quote, all(quote), { fault, cbecTaxRefundable });
          expect(result.lines.map((line) => line.code)).toEqual([...REFUND_LINE_CODES]);
          expect(result.paidForUnitsFen).toBe(toFen(quote.result.total));
          expect(result.returnShippingFen).toBe(returnShippingAll);
          if (fault === "PLATFORM") {
            expect(result.refundFen).toBe(toFen(quote.result.total));
            expect(result.returnShippingPaidBy).toBe("PLATFORM");
            expect(
              result.lines.every((line) =>
                line.code === "return_shipping"
                  ? line.treatment === "PLATFORM_PAYS"
                  : line.code === "restocking_fee"
                    ? line.treatment === "NONE"
                    : line.treatment === "REFUNDED",
              ),
            ).toBe(true);
          } else {
            const taxBack = regimeIsCbec && cbecTaxRefundable;
            const expected =
              fenOf(quote, "goods") + fenOf(quote, "domestic_shipping") + (taxBack ? fenOf(quote, "import_tax") : 0) - returnShippingAll;
            expect(result.refundFen).toBe(expected);
            expect(result.importTaxRefunded).toBe(taxBack);
            expect(result.returnShippingPaidBy).toBe("SHOPPER");
          }
          expect(total(result.positions.map((entry) => entry.refundFen))).toBe(result.refundFen);
          expect(total(result.positions.map((entry) => entry.paidFen))).toBe(result.paidForUnitsFen);
        }
      });

      test.each(RETURN_REASONS)("%s, one unit of the first line", (reason) => {
        const fault = faultOf(reason);
        const result = refund(quote, [{ position: 0, quantity: 1 }], { fault, cbecTaxRefundable: true });
        expect(result.paidForUnitsFen).toBe(oneTshirt.paid);
        expect(result.returnShippingFen).toBe(oneTshirt.returnShipping);
        const atShopperFault = oneTshirt.goods + oneTshirt.domestic + (regimeIsCbec ? oneTshirt.tax : 0) - oneTshirt.returnShipping;
        expect(result.shopperFaultRefundFen).toBe(atShopperFault);
        expect(result.refundFen).toBe(fault === "PLATFORM" ? oneTshirt.paid : atShopperFault);
      });
    });
  }

  test("the whole CBEC order at platform fault, per position", () => {
    const result = refund(mixedCbec(), all(mixedCbec()));
    expect(
      result.positions.map((entry) => [entry.position, entry.quantity, entry.goodsFen, entry.domesticShippingFen, entry.paidFen]),
    ).toEqual([
      [0, 2, 36_322, 3625, 50_836],
      [1, 1, 87_172, 0, 113_305],
    ]);
    expect(result.positions.map((entry) => entry.unitGoodsFen)).toEqual([18_161, 87_172]);
  });
});

describe("one parcel for the units returned together", () => {
  test("returned together the CBEC order's units cost one parcel, less than two parcels", () => {
    const quote = mixedCbec();
    const together = refund(quote, all(quote), { fault: "SHOPPER" });
    const tshirts = refund(quote, [{ position: 0, quantity: 2 }], { fault: "SHOPPER" });
    const sneakers = refund(quote, [{ position: 1, quantity: 1 }], {
      fault: "SHOPPER",
      previouslyRefunded: [{ position: 0, quantity: 2 }],
    });
    expect(together.returnShippingFen).toBe(16_400);
    expect(tshirts.returnShippingFen + sneakers.returnShippingFen).toBe(8000 + 13_600);
    expect(together.refundFen).toBeGreaterThan(tshirts.refundFen + sneakers.refundFen);
  });
});

describe("free goods", () => {
  const gift = { title: "Gift", price: "0", currency: "USD", quantity: 2, weightGrams: 100, taxCategory: "general" };

  test("a free unit carries no share of the order-level lines when the order has goods", () => {
    const quote = storedQuote({ items: [headphones, gift] }, context({ shippingLine: usCbec }));
    const result = refund(quote, [{ position: 1, quantity: 1 }]);
    expect(result.paidForUnitsFen).toBe(0);
    expect(result.refundFen).toBe(0);
    expect(result.worthFiling).toBe(true);
    expect(refund(quote, all(quote)).refundFen).toBe(toFen(quote.result.total));
  });

  test("an order with no goods value at all shares its lines by units", () => {
    const quote = storedQuote({ items: [gift] }, context({ shippingLine: usPostal }));
    // Service fee minimum 10.00 and shipping 108.00 (98.00 + 10.00 handling), half each.
    expect(quote.result.total).toBe("118.00");
    const first = refund(quote, [{ position: 0, quantity: 1 }]);
    expect(first.refundFen).toBe(5900);
    expect(
      first.refundFen + refund(quote, [{ position: 0, quantity: 1 }], { previouslyRefunded: [{ position: 0, quantity: 1 }] }).refundFen,
    ).toBe(11_800);
  });
});

describe("the CBEC tax window", () => {
  const released = new Date("2024-03-10T08:00:00.000Z");
  const config = policy();
  test("deadline: customs release + 30 × 24 h, inclusive", () => {
    expect(cbecTaxDeadline(released, config).toISOString()).toBe("2024-04-09T08:00:00.000Z");
    expect(cbecTaxDeadline(released, policy({ cbecTaxReturnDays: 15 })).toISOString()).toBe("2024-03-25T08:00:00.000Z");
    const deadline = cbecTaxDeadline(released, config);
    expect(isCbecTaxRefundable({ regime: "CBEC", customsReleasedAt: released, arrivesAt: deadline, config })).toBe(true);
    expect(isCbecTaxRefundable({ regime: "CBEC", customsReleasedAt: released, arrivesAt: new Date(deadline.getTime() + 1), config })).toBe(
      false,
    );
  });

  test("never for POSTAL, nor without a release time", () => {
    expect(isCbecTaxRefundable({ regime: "POSTAL", customsReleasedAt: released, arrivesAt: released, config })).toBe(false);
    expect(isCbecTaxRefundable({ regime: "CBEC", customsReleasedAt: null, arrivesAt: released, config })).toBe(false);
    expect(isCbecTaxRefundable({ regime: "CBEC", customsReleasedAt: new Date(Number.NaN), arrivesAt: released, config })).toBe(false);
  });
});

describe("bad input is a programming error (check it first with checkUnitSelection)", () => {
  const quote = mixedCbec();
  test.each([
    [[]],
    [[{ position: 0, quantity: 3 }]],
    [[{ position: 2, quantity: 1 }]],
    [[{ position: 0, quantity: 0 }]],
    [
      [
        { position: 0, quantity: 1 },
        { position: 0, quantity: 1 },
      ],
    ],
  ])("selection %j", (requested) => {
    expect(() => refund(quote, requested)).toThrow(RangeError);
  });

  test("units already returned", () => {
    expect(() => refund(quote, [{ position: 1, quantity: 1 }], { previouslyRefunded: [{ position: 1, quantity: 1 }] })).toThrow(
      /ALREADY_RETURNED/,
    );
    expect(() => refund(quote, [{ position: 0, quantity: 1 }], { previouslyRefunded: [{ position: 1, quantity: 2 }] })).toThrow(RangeError);
    expect(() => refund(quote, [{ position: 0, quantity: 1 }], { previouslyRefunded: [{ position: 7, quantity: 1 }] })).toThrow(RangeError);
  });

  test("a restocking rate outside 0–1", () => {
    for (const restockingRate of ["-0.1", "1.5", "x"])
      expect(() => refund(quote, [{ position: 0, quantity: 1 }], { config: policy({ restockingRate }) })).toThrow(RangeError);
  });

  test("a stored quote the calculator cannot have made", () => {
    const tampered = structuredClone(quote);
    tampered.result.items[0] = { title: "T-shirt", goods: "1.00" };
    expect(() => refund(tampered, [{ position: 0, quantity: 1 }])).toThrow(/goods/);
    const otherRates = structuredClone(quote);
    otherRates.context.fx.rates.USD = "1.2";
    expect(() => refund(otherRates, [{ position: 0, quantity: 1 }])).toThrow(/domestic/);
  });
});
