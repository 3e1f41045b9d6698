import { describe, expect, inject, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { FIXTURE_PRODUCT_PATH } from "./fixture-store";

const browser = setupBrowser();

describe("import by link", () => {
  test("a shopper pastes a link, sees the Chinese draft; an agent publishes it; search finds it in Chinese", async () => {
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    await logIn(shopper, DEMO.shopper);
    await shopper.goto("/import");
    await shopper.getByLabel("海外商品链接").fill(`${inject("storeOrigin")}${FIXTURE_PRODUCT_PATH}`);
    await shopper.getByRole("button", { name: "读取商品" }).click();
    await shopper.getByText("已生成中文草稿").waitFor();
    const draftTitle = await shopper.getByRole("heading", { level: 1 }).textContent();
    expect(draftTitle).toContain("ZX-7");
    expect(draftTitle).toMatch(/耳机/);
    expect(await shopper.getByTestId("landed-total").textContent()).toMatch(/^¥[\d,]+\.\d{2}$/);
    const draftUrl = shopper.url();
    await shopperContext.close();

    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    await logIn(agent, DEMO.agent);
    await agent.goto("/agent/review");
    await agent.getByRole("link", { name: /ZX-7/ }).first().click();
    await agent.getByRole("button", { name: "保存并上架" }).click();
    await agent.waitForURL(/\/listings\//);
    // the URL changes before the new page renders: wait for the listing's own heading
    await agent.getByRole("heading", { level: 1, name: /ZX-7/ }).waitFor();

    await agent.goto(`/search?q=${encodeURIComponent("降噪耳机")}`);
    expect(await agent.locator(".listing-card", { hasText: "ZX-7" }).count()).toBe(1);
    await agentContext.close();
    expect(draftUrl).toMatch(/\/import\//);
  });

  test("a link that is not http(s) is refused with a clear message and nothing is written", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await logIn(page, DEMO.shopper);
    await page.goto("/import");
    await page.getByLabel("海外商品链接").fill("ftp://example.com/products/x");
    await page.getByRole("button", { name: "读取商品" }).click();
    await page.getByText("只支持 http:// 或 https:// 开头的链接。").waitFor();
    expect(new URL(page.url()).pathname).toBe("/import");
    await context.close();
  });
});
