import { describe, expect, test } from "vitest";
import { guessCategory } from "~/domain/category-guess";
import { storeOrigin, storeSlug } from "~/domain/store-origin";

describe("store origin", () => {
  test("the country-code domain wins, then the currency; otherwise unknown", () => {
    expect(storeOrigin("shop.example.co.jp", "JPY")).toBe("JP");
    expect(storeOrigin("laden.example.de", "EUR")).toBe("DE");
    expect(storeOrigin("store.example.com", "USD")).toBe("US");
    expect(storeOrigin("store.example.com", "KRW")).toBe("KR");
    expect(storeOrigin("boutique.example.com", "EUR")).toBeNull();
  });

  test("store slugs are kebab-case ASCII", () => {
    expect(storeSlug("www.Pacific-Outfitters.example.com")).toBe("pacific-outfitters-example-com");
  });
});

describe("category guesses", () => {
  test.each([
    ["Wireless Noise Cancelling Headphones", "electronics"],
    ["無添加 宇治抹茶パウダー 100g", "food"],
    ["Merino Wool Crew Sweater", "clothing"],
    ["Tidewater Automatic Diver Watch", "watches"],
    ["달팽이 점액 96% 파워 에센스", "cosmetics"],
    ["Ridge 5 Trail Running Shoes", "sports"],
    ["Something entirely unclassifiable", "other"],
    ["日本製 ステンレス 包丁", "other"],
  ])("%s → %s", (title, category) => {
    expect(guessCategory(title)).toBe(category);
  });
});
