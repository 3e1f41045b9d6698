import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";

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

  test("no results: a suggestion area offers to import the product by pasting its link, after logging in", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const titles = await searchFromHeader(page, "雪地摩托");
    expect(titles).toEqual([]);
    expect(await page.getByRole("status").textContent()).toBe("共 0 件商品");
    const suggestions = page.getByTestId("search-suggestions");
    await suggestions.getByRole("heading", { name: "没有找到与“雪地摩托”相关的商品" }).waitFor();
    expect(await suggestions.locator('a[href^="/c/"]').count()).toBeGreaterThan(0);
    // Inside the suggestion area itself: the header's own "粘贴链接代购" link does not count.
    await suggestions.getByRole("link", { name: "粘贴链接代购" }).click();
    // A visitor signs in first and comes back to the form.
    await page.getByLabel("电子邮箱").fill(DEMO.shopper);
    await page.getByLabel("密码").fill(DEMO.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByLabel("海外商品链接").waitFor();
    expect(new URL(page.url()).pathname).toBe("/import");
    await context.close();
  });

  test("a product link pasted into the search box is one click from the import form, filled in", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await logIn(page, DEMO.shopper);
    const link = "https://www.example-store.de/products/wasserkocher";
    await page.goto(`/search?q=${encodeURIComponent(link)}`);
    await page.getByTestId("search-suggestions").getByRole("link", { name: "粘贴链接代购" }).click();
    await page.getByLabel("海外商品链接").waitFor();
    expect(await page.getByLabel("海外商品链接").inputValue()).toBe(link);
    await context.close();
  });

  test("in English: a misspelt word offers the known spelling, which finds a kettle its store described in German", async () => {
    const context = await browser.context({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/");
    const box = page.getByRole("searchbox", { name: "Search products" });
    await box.fill("kettel");
    await box.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Results for “kettel”" }).waitFor();
    const suggestions = page.getByTestId("search-suggestions");
    await suggestions.getByRole("heading", { name: "Nothing found for “kettel”" }).waitFor();
    await suggestions.getByRole("link", { name: /^kettle \(\d+\)$/ }).click();
    await page.getByRole("heading", { level: 1, name: "Results for “kettle”" }).waitFor();
    // "Wasserkocher Edelstahl …" is only linked to "kettle" through its Chinese copy (电水壶) and the
    // glossary; English mode shows it as an English draft from the glossary, marked as machine-made.
    expect(await page.locator(".listing-card .card-title").allTextContents()).toContainEqual(
      expect.stringMatching(/^Kettle stainless steel 1,7 L with temperature control\s*Machine translation/),
    );
    await context.close();
  });
});
