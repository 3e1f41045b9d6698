import { describe, expect, test } from "vitest";
import { logIn, screenshot, setupBrowser } from "./browser";

// The phone shop as a shopper sees it at 390 × 844, page by page: the screenshots land in the test output
// folder (tests/.tmp/screenshots/readme-*.png) and `npm run screenshots` copies them to docs/screenshots
// for the README. Each page is also checked for what a shopper relies on there, so a broken page fails here
// rather than showing up as a broken picture.

const browser = setupBrowser();
const FIRST_SCREEN = { fullPage: false }; // what a phone shows before scrolling
const BUYER = "buyer@example.com"; // the seeded demo buyer who has orders in every stage

describe("README screenshots on a phone", () => {
  test("home, search, product, cart, orders, order and account pages", async () => {
    const pageErrors: string[] = [];
    const context = await browser.context();
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));

    await page.goto("/");
    await expect.poll(() => page.locator('a[href^="/listings/"]').count()).toBeGreaterThan(3);
    await screenshot(page, "readme-home", FIRST_SCREEN);

    await page.goto("/search?q=耳机");
    await expect.poll(() => page.locator('a[href^="/listings/"]').count()).toBeGreaterThan(0);
    await screenshot(page, "readme-search", FIRST_SCREEN);

    await logIn(page, BUYER);
    await page.goto("/orders");
    const orderLink = page
      .locator('a[href^="/orders/"]')
      .filter({ has: page.locator("img") })
      .first();
    await orderLink.waitFor();
    await screenshot(page, "readme-orders", FIRST_SCREEN);
    await orderLink.click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await screenshot(page, "readme-order", FIRST_SCREEN);

    await page.goto("/search?q=耳机");
    await page.locator('a[href^="/listings/"]').first().click();
    await page.waitForURL(/\/listings\/[^/]+$/);
    await page.getByRole("button", { name: "加入购物车" }).first().waitFor();
    await screenshot(page, "readme-listing", FIRST_SCREEN);
    await page.getByRole("button", { name: "加入购物车" }).first().click();
    await page.waitForURL(/\/cart$/);
    await expect.poll(() => page.getByText(/¥/).count()).toBeGreaterThan(0);
    await screenshot(page, "readme-cart", FIRST_SCREEN);

    await page.goto("/account");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await screenshot(page, "readme-account", FIRST_SCREEN);
    await context.close();

    const english = await browser.context({ locale: "en-US" });
    const englishPage = await english.newPage();
    await englishPage.goto("/search?q=headphones");
    await expect.poll(() => englishPage.locator('a[href^="/listings/"]').count()).toBeGreaterThan(0);
    await screenshot(englishPage, "readme-search-en", FIRST_SCREEN);
    await english.close();
    expect(pageErrors).toEqual([]);
  });
});
