import {
  calculateLandedCost,
  type QuoteContext,
  type QuoteContextInput,
  type QuoteRequest,
  type QuoteRequestInput,
} from "~/domain/landed-cost";
import { DEFAULT_RETURN_POLICY, type ReturnPolicyConfig, type StoredQuote } from "~/domain/returns";
import { context, headphones, jpPostal, quoteOf, usCbec, usPostal } from "../landed-cost/fixtures";

// Orders' stored quotes, made by the landed-cost engine on the spec's contexts (ECB rates of
// 2024-03-13, the default fees and tax table), exactly as checkout stores them.

type Item = QuoteRequestInput["items"][number];

export function storedQuote(request: QuoteRequestInput, ctx: QuoteContextInput): StoredQuote {
  const result = quoteOf(calculateLandedCost(request, ctx));
  // What checkout stores: the request and context as parsed (defaults filled).
  const items = request.items.map((item) => ({ domesticShipping: "0", ...item }));
  const parsedRequest: QuoteRequest = { insurance: false, annualCbecUsedCny: "0", ...request, items };
  const parsedContext = { ...ctx, fees: { quoteValidityMinutes: 30, ...ctx.fees } } as QuoteContext;
  return { request: parsedRequest, context: parsedContext, result };
}

export const serum: Item = {
  title: "Serum 30 ml",
  price: "68.00",
  currency: "USD",
  quantity: 2,
  weightGrams: 120,
  dimensionsCm: [5, 5, 12],
  taxCategory: "cosmetics_premium",
  domesticShipping: "5.99",
};

/** The spec's first worked example: goods 2033.95, fee 101.70, shipping 172.00, insurance 20.34, tax 264.41, total 2592.40. */
export const headphonesPostal = () => storedQuote({ items: [headphones], insurance: true }, context({ shippingLine: usPostal }));

/** The spec's second worked example: goods 987.95, domestic 43.51, fee 49.40, shipping 80.00, tax 256.29, total 1417.15. */
export const serumCbec = () => storedQuote({ items: [serum] }, context({ shippingLine: usCbec }));

/** The spec's third worked example: 3 toys, goods 176.77, fee 10.00, shipping 83.00, tax waived, total 269.77. */
export const toysPostal = () =>
  storedQuote(
    { items: [{ title: "Toy", price: "1200", currency: "JPY", quantity: 3, weightGrams: 80, taxCategory: "toys" }] },
    context({ shippingLine: jpPostal }),
  );

/**
 * Two T-shirts (USD 25, store shipping USD 4.99) and sneakers (USD 120, 33×22×12 cm) on the US CBEC
 * line, insured: goods 1234.94 (363.22 + 871.72), domestic 36.25, fee 61.75, shipping 164.00,
 * insurance 12.71, tax 131.76, total 1641.41.
 */
export const mixedCbec = () =>
  storedQuote(
    {
      items: [
        {
          title: "T-shirt",
          price: "25.00",
          currency: "USD",
          quantity: 2,
          weightGrams: 200,
          taxCategory: "clothing",
          domesticShipping: "4.99",
        },
        {
          title: "Sneakers",
          price: "120.00",
          currency: "USD",
          quantity: 1,
          weightGrams: 900,
          dimensionsCm: [33, 22, 12],
          taxCategory: "sports",
        },
      ],
      insurance: true,
    },
    context({ shippingLine: usCbec }),
  );

/**
 * Two books (JPY 1500, store shipping JPY 600) and a robot (JPY 2400, 20×15×10 cm) on the Japan
 * postal line, insured: goods 265.16 (147.31 + 117.85), domestic 29.46, fee 13.26, shipping 119.00,
 * insurance 2.95, tax waived, total 429.83.
 */
export const mixedPostal = () =>
  storedQuote(
    {
      items: [
        { title: "Book", price: "1500", currency: "JPY", quantity: 2, weightGrams: 300, taxCategory: "books", domesticShipping: "600" },
        { title: "Robot", price: "2400", currency: "JPY", quantity: 1, weightGrams: 250, dimensionsCm: [20, 15, 10], taxCategory: "toys" },
      ],
      insurance: true,
    },
    context({ shippingLine: jpPostal }),
  );

export const policy = (overrides: Partial<ReturnPolicyConfig> = {}): ReturnPolicyConfig => ({ ...DEFAULT_RETURN_POLICY, ...overrides });

/** Sum of a list of numbers. */
export const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);
