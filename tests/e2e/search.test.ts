import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupBrowser } from "./browser";

const browser = setupBrowser();

/** Types a query into the header's search box on the home page, submits it and waits for the results. */
async function searchFromHeader(page: Page, q: string) {
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "搜索商品" });
  await box.fill(q);
  await box.press("Enter");
  await page.getByRole("heading", { level: 1, name: `“${q}”的搜索结果` }).waitFor();
  return page.locator(".listing-card .card-title").allTextContents();
}

describe("search from the header", () => {
  test("a Chinese query finds the matching listing", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const titles = await searchFromHeader(page, "降噪耳机");
    expect(new URL(page.url()).searchParams.get("q")).toBe("降噪耳机");
    expect(titles).toContainEqual(expect.stringContaining("WH-900 无线降噪头戴式耳机"));
    await context.close();
  });

  test("an English query finds a product whose store wrote its title in Korean", async () => {
    // AirFit Pro 2's original title is "에어핏 프로 2 노이즈 캔슬링 무선 이어폰": only the Chinese copy
    // (…真无线耳机) and the glossary (headphones → 耳机) connect it to the shopper's English word.
    const context = await browser.context();
    const page = await context.newPage();
    const titles = await searchFromHeader(page, "headphones");
    expect(titles).toContainEqual(expect.stringContaining("AirFit Pro 2 主动降噪真无线耳机"));
    await context.close();
  });

  test("no results: a suggestion area offers to import the product by pasting its link", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const titles = await searchFromHeader(page, "雪地摩托");
    expect(titles).toEqual([]);
    expect(await page.getByRole("status").textContent()).toBe("共 0 件商品");
    const suggestions = page.getByTestId("search-suggestions");
    await suggestions.waitFor({ timeout: 5_000 });
    // Inside the suggestion area itself: the header's own "粘贴链接代购" link does not count.
    const importLinks = suggestions.locator('a[href^="/import"]');
    expect(await importLinks.count()).toBeGreaterThanOrEqual(1);
    await importLinks.first().click();
    await page.getByLabel("海外商品链接").waitFor();
    expect(new URL(page.url()).pathname).toBe("/import");
    await context.close();
  });
});
