import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DEMO, logIn, openWorkbench, screenshot, setupBrowser, waitForSignedIn } from "./browser";
import { signUpShopper } from "./order-flow";

// Issue 18 (navigation), in Chromium at 390 × 844: the one-row header, the bottom tab bar with the cart
// count and the current tab, the listing's buy bar for a visitor (log in and come back) and for a shopper
// (adds what was chosen), the 我的 page and the staff's 工作台 menu.

const browser = setupBrowser();
const tabs = (page: Page) => page.getByRole("navigation", { name: "主导航" });
const current = (page: Page) => tabs(page).locator('[aria-current="page"]');

async function firstListing(page: Page) {
  await page.goto("/search?q=耳机");
  await page.locator('a[href^="/listings/"]').first().click();
  await page.waitForURL(/\/listings\/[^/?]+/);
}

describe("navigation on a phone", () => {
  test("a visitor uses the tab bar, is sent to log in from 购物车 and 加入购物车, and comes back", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/");
    // One header row: brand, search and the way to log in, no taller than 72 px.
    const header = await page.locator("header.site-header").boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(72);
    const bar = await tabs(page).boundingBox();
    expect(Math.round((bar?.y ?? 0) + (bar?.height ?? 0))).toBe(844);
    expect(await tabs(page).getByRole("link").allTextContents()).toEqual(["首页", "分类", "购物车", "订单", "我的"]);
    await expect.poll(() => current(page).textContent()).toBe("首页");
    await screenshot(page, "shell-home");

    await tabs(page).getByRole("link", { name: "分类" }).click();
    await page.getByRole("heading", { level: 1, name: "商品分类" }).waitFor();
    await expect.poll(() => current(page).textContent()).toBe("分类");
    await page.getByRole("link", { name: "到手价计算器" }).waitFor();

    await tabs(page).getByRole("link", { name: "购物车" }).click();
    await page.waitForURL(/\/login\?redirectTo=%2Fcart$/);

    await firstListing(page);
    const listingPath = new URL(page.url()).pathname;
    const buyBar = page.getByTestId("buy-bar");
    await buyBar.getByText("登录后即可加入购物车").waitFor();
    expect(await buyBar.getByText(/¥/).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "加入购物车" }).count()).toBe(0);
    // Stuck above the tab bar while the page is read from the top.
    const barBox = await buyBar.boundingBox();
    const tabBox = await tabs(page).boundingBox();
    expect(Math.abs((barBox?.y ?? 0) + (barBox?.height ?? 0) - (tabBox?.y ?? 0))).toBeLessThan(1);
    await buyBar.getByRole("link", { name: "登录后购买" }).click();
    await page.getByLabel("电子邮箱").fill(DEMO.shopper);
    await page.getByLabel("密码").fill(DEMO.password);
    await page.getByRole("button", { name: "登录" }).click();
    await waitForSignedIn(page);
    expect(new URL(page.url()).pathname).toBe(listingPath);
    await page.getByRole("button", { name: "加入购物车" }).waitFor();
    await context.close();
  });

  test("a shopper adds from the buy bar; the 购物车 tab counts it; 我的 has the shortcuts", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await signUpShopper(page, "nav");
    expect(await page.getByTestId("cart-badge").count()).toBe(0);
    await firstListing(page);
    await page.getByRole("spinbutton", { name: "数量" }).fill("2");
    await screenshot(page, "shell-listing-buy-bar", { fullPage: false });
    await page.getByTestId("buy-bar").getByRole("button", { name: "加入购物车" }).click();
    await page.waitForURL(/\/cart$/);
    expect(await page.getByTestId("cart-badge").textContent()).toBe("2");
    expect(await tabs(page).getByRole("link", { name: "购物车（2 件商品）" }).count()).toBe(1);
    await expect.poll(() => current(page).textContent()).toContain("购物车");

    await tabs(page).getByRole("link", { name: "订单" }).click();
    await page.waitForURL(/\/orders$/);
    await expect.poll(() => current(page).textContent()).toBe("订单");

    await tabs(page).getByRole("link", { name: "我的" }).click();
    await page.getByRole("heading", { level: 1, name: /^你好，/ }).waitFor();
    await expect.poll(() => current(page).textContent()).toBe("我的");
    expect(await page.getByRole("link", { name: /^钱包余额/ }).textContent()).toMatch(/¥0\.00/);
    for (const name of ["全部订单", "退货", "我的投诉", "我的代购需求", "我的咨询", "通知设置"])
      expect(await page.getByRole("link", { name, exact: true }).count(), name).toBe(1);
    // A shopper has no 工作台.
    expect(await page.locator(".workbench-menu").count()).toBe(0);
    await screenshot(page, "shell-account");
    await page.getByRole("link", { name: "我的代购需求", exact: true }).click();
    await page.waitForURL(/\/requests$/);
    await context.close();
  });

  test("an agent's pages are in the 工作台 menu, which the keyboard opens", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await logIn(page, DEMO.agent);
    const menu = page.locator(".workbench-menu");
    expect(await menu.getByRole("link", { name: "订单工作台" }).isVisible()).toBe(false);
    await menu.locator("summary").focus();
    await page.keyboard.press("Enter");
    await menu.getByRole("link", { name: "订单工作台" }).click();
    await page.waitForURL(/\/agent\/orders$/);
    await openWorkbench(page);
    expect(await menu.getByRole("link").allTextContents()).toEqual(["代购工作台", "订单工作台", "退货队列", "咨询队列", "代购需求队列"]);
    await context.close();
  });

  test("the order centre: tabs with counts, a picture of what was bought, the progress opening at the current step", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await logIn(page, "buyer@example.com"); // the seeded buyer, whose orders are being bought
    await tabs(page).getByRole("link", { name: "订单" }).click();
    await page.waitForURL(/\/orders$/);
    const orderTabs = page.getByRole("navigation", { name: "订单分类" });
    expect(await orderTabs.locator('[aria-current="page"]').textContent()).toBe("全部");
    expect((await orderTabs.getByRole("link").allTextContents()).map((text) => text.replace(/\d+$/, ""))).toEqual([
      "全部",
      "待付款",
      "采购中",
      "待收货",
      "退款/售后",
    ]);
    const rows = page.locator(".order-card");
    await rows.first().waitFor();
    // Every row shows the first item's picture (loaded, not a broken image) and its name.
    const picture = rows.first().locator(".order-thumbs img").first();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(((await rows.first().locator(".order-item-names").textContent()) ?? "").length).toBeGreaterThan(3);
    await screenshot(page, "orders-centre", { fullPage: false });

    await orderTabs.getByRole("link", { name: /^采购中/ }).click();
    await page.waitForURL(/\/orders\?tab=purchasing$/);
    const badgeCount = Number((await orderTabs.getByTestId("order-tab-purchasing").locator(".tab-count").textContent()) ?? "0");
    await expect.poll(() => rows.count()).toBe(badgeCount);
    for (const status of await rows.locator(".badge").allTextContents()) expect(["已支付", "采购中", "等待买家确认"]).toContain(status);

    await orderTabs.getByRole("link", { name: /^待付款/ }).click();
    await page.waitForURL(/\/orders\?tab=to-pay$/);
    for (const status of await rows.locator(".badge").allTextContents()) expect(status).toBe("待支付");

    // The order page: "第 n/9 步" above the steps, and the current step is on screen without scrolling.
    await page.goto("/orders?tab=purchasing");
    await rows.first().locator(".order-items").click();
    await page.waitForURL(/\/orders\/[^/?]+$/);
    expect(await page.getByTestId("progress-summary").textContent()).toMatch(/^第 [1-9]\/9 步 · /);
    const step = page.locator('.order-progress [aria-current="step"]');
    await expect
      .poll(async () => {
        const box = await step.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 390;
      })
      .toBe(true);
    await screenshot(page, "order-progress", { fullPage: false });
    await context.close();
  });
});
