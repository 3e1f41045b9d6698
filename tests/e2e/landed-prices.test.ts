import { describe, expect, test } from "vitest";
import { setupBrowser } from "./browser";
import { fen, signUpShopper } from "./order-flow";

const browser = setupBrowser();

// Issue #11, point 1, as a shopper meets it: the price on a card is the 到手价 of its page; the cart
// shows its landed total and the header counts what is in it.
describe("one price in lists and the cart", () => {
  test("every card on a category page shows its listing page's 到手价; sorting by price follows it", { timeout: 120_000 }, async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/c/electronics?sort=price_asc");
    const cards = page.locator(".listing-card");
    const count = await cards.count();
    expect(count).toBeGreaterThan(2);
    const shown: { href: string; fen: number }[] = [];
    for (let index = 0; index < count; index += 1) {
      const card = cards.nth(index);
      const price = card.getByTestId("card-landed");
      if ((await price.count()) === 0) continue;
      const text = (await price.textContent()) ?? "";
      expect(text).toMatch(/^到手价 ¥[\d,]+\.\d{2}$/);
      expect(await card.locator(".card-original").textContent()).toMatch(/海外原价/);
      shown.push({ href: (await card.locator("a").getAttribute("href")) ?? "", fen: fen(text) });
    }
    expect(shown.length).toBeGreaterThan(2);
    expect(shown.map((card) => card.fen)).toEqual([...shown.map((card) => card.fen)].sort((a, b) => a - b));
    for (const card of shown) {
      await page.goto(card.href);
      expect(fen(await page.getByTestId("landed-total").textContent())).toBe(card.fen);
    }
    await context.close();
  });

  test("adding to the cart shows the badge count and the cart's landed total", { timeout: 120_000 }, async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await signUpShopper(page, "landed-e2e");
    await expect(page.getByTestId("cart-badge").count()).resolves.toBe(0);
    await page.goto("/c/electronics?sort=price_asc");
    await page.locator(".listing-card a").first().click();
    await page.getByTestId("landed-total").waitFor();
    const unit = fen(await page.getByTestId("landed-total").textContent());
    await page.getByLabel("数量").fill("2");
    await page.getByRole("button", { name: "加入购物车" }).click();
    await page.waitForURL(/\/cart$/);
    expect(await page.getByTestId("cart-badge").textContent()).toBe("2");
    await expect(page.getByRole("link", { name: "购物车（2 件商品）" }).count()).resolves.toBe(1);
    const total = fen(await page.getByTestId("cart-total").textContent());
    // Two units share one parcel: more than one unit's landed price, less than two separate parcels.
    expect(total).toBeGreaterThan(unit);
    expect(total).toBeLessThanOrEqual(2 * unit);
    expect(await page.locator(".cart-total").textContent()).toContain("2 件商品作为一个包裹");
    await context.close();
  });
});
