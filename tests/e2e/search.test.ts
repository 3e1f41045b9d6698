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
});
