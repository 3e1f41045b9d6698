import { describe, expect, test } from "vitest";
import { setupBrowser } from "./browser";
import { openCheckout, signUpShopper } from "./order-flow";

// The price guarantee is stated on one page, reachable from every place a price is promised.

const browser = setupBrowser();

describe("the price guarantee page", () => {
  test(
    "is linked from the footer, a listing, the quote page and checkout, and states the current amounts",
    { timeout: 120_000 },
    async () => {
      const context = await browser.context();
      const page = await context.newPage();

      await page.goto("/");
      await page.locator("footer").getByRole("link", { name: "保障说明" }).click();
      // The client-side navigation changes the URL before the new page has rendered: wait for the page.
      await page.getByRole("heading", { level: 1, name: "价格保障：报价即最终价" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/guarantee");
      // The tolerance the platform absorbs before buying is the admin's setting (¥20.00 seeded).
      expect(await page.locator("main").textContent()).toContain("¥20.00");

      await page.goto("/c/toys");
      await page
        .getByRole("link", { name: /1:64 合金仿真小车/ })
        .first()
        .click();
      await page.locator("main").getByRole("link", { name: "价格保障：报价即最终价" }).click();
      await page.waitForURL(/\/guarantee$/);

      await page.goto("/quote");
      await page.locator("main").getByRole("link", { name: "价格保障：报价即最终价" }).click();
      await page.waitForURL(/\/guarantee$/);

      await signUpShopper(page, "guarantee-links");
      await openCheckout(page);
      await page.locator("main").getByRole("link", { name: "价格保障：报价即最终价" }).click();
      await page.waitForURL(/\/guarantee$/);
      await context.close();
    },
  );
});
