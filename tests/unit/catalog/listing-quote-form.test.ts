import { describe, expect, test } from "vitest";
import { listingPrefillSchema, listingQuoteQuery } from "~/domain/catalog/listing-quote-form";

const listing = {
  title: "Matcha",
  price: "1980",
  currency: "JPY",
  weightGrams: 130,
  lengthCm: 16,
  widthCm: 11,
  heightCm: 3,
  taxCategory: "food",
  domesticShipping: null,
  store: { country: "JP" },
};

describe("the calculator's query for a listing", () => {
  test("the chosen variant's price, weight and size, the quantity and the store's origin", () => {
    const pack = { id: "p", title: "3 bags", price: "5600.000000", weightGrams: 390, lengthCm: 20, widthCm: 14, heightCm: 12 };
    expect(Object.fromEntries(listingQuoteQuery(listing, pack, 2, "抹茶 (3 袋)"))).toEqual({
      "items[0].title": "抹茶 (3 袋)",
      "items[0].price": "5600",
      "items[0].currency": "JPY",
      "items[0].quantity": "2",
      "items[0].weightGrams": "390",
      "items[0].lengthCm": "20",
      "items[0].widthCm": "14",
      "items[0].heightCm": "12",
      "items[0].taxCategory": "food",
      origin: "JP",
    });
  });
  test("a variant without figures is quoted as the listing; an unknown weight is left for the shopper", () => {
    const plain = { id: "s", title: "1 bag", price: "19.995", weightGrams: null };
    const query = listingQuoteQuery({ ...listing, weightGrams: null }, plain, 1, "x");
    expect(query.get("items[0].weightGrams")).toBeNull();
    expect(query.get("items[0].lengthCm")).toBe("16");
    expect(query.get("items[0].price")).toBe("19.995");
  });
});

describe("the link's parameters", () => {
  test("accepted: an id, an optional variant and a quantity of 1 to 99", () => {
    expect(listingPrefillSchema.parse({ listing: "abc_1-2", variant: "v1", quantity: "12" })).toEqual({
      listing: "abc_1-2",
      variant: "v1",
      quantity: 12,
    });
  });
  test.each([
    { listing: "" },
    { listing: "a b" },
    { listing: "x".repeat(65) },
    { listing: "a", quantity: "0" },
    { listing: "a", quantity: "1e2" },
    { listing: "a", quantity: "100" },
    { listing: "a", variant: "<b>" },
  ])("refused: %o", (query) => expect(listingPrefillSchema.safeParse(query).success).toBe(false));
});
