import { describe, expect, test } from "vitest";
import { DEMO, logIn, openWorkbench, screenshot, setupBrowser } from "./browser";
import { checkOutCart, signUpShopper, topUp } from "./order-flow";

// Issue 18, product pages at the phone viewport: the gallery moves (next button, swipe-like scroll)
// and zooms; the 3-bag variant is quoted at its own weight (shown weight and landed price change);
// "compare every shipping line" opens the calculator filled in for that variant, quoted on every line.

const browser = setupBrowser();
const MATCHA = /日本宇治 无添加抹茶粉/;

describe("product page", () => {
  test("gallery, variant re-quote and compare-all-lines", async () => {
    const pageErrors: string[] = [];
    const context = await browser.context();
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    await page.goto("/c/food");
    await page.getByRole("link", { name: MATCHA }).first().click();
    await page.waitForURL(/\/listings\//);

    // The first image is the eager, high-priority one with its size; the rest are lazy.
    const gallery = page.getByTestId("product-gallery");
    const first = gallery.locator("img").first();
    expect(await first.getAttribute("fetchpriority")).toBe("high");
    expect(await first.getAttribute("loading")).toBe("eager");
    expect(await first.getAttribute("width")).toBe("600");
    expect(await gallery.locator("img").nth(1).getAttribute("loading")).toBe("lazy");

    // Next moves the strip and the dots follow.
    const strip = gallery.getByRole("list");
    await gallery.getByRole("button", { name: "下一张" }).click();
    await expect.poll(() => strip.evaluate((element) => element.scrollLeft), { timeout: 5000 }).toBeGreaterThan(100);
    await expect.poll(() => gallery.getByRole("button", { name: /第 2 张/ }).getAttribute("aria-current"), { timeout: 5000 }).toBe("true");
    // A swipe is a scroll of the snap strip: back to the first image.
    await strip.evaluate((element) => element.scrollTo({ left: 0 }));
    await expect.poll(() => gallery.getByRole("button", { name: /第 1 张/ }).getAttribute("aria-current"), { timeout: 5000 }).toBe("true");
    // The arrow keys move it when it has the focus.
    await strip.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => gallery.getByRole("button", { name: /第 2 张/ }).getAttribute("aria-current"), { timeout: 5000 }).toBe("true");
    await strip.evaluate((element) => element.scrollTo({ left: 0 }));
    await expect.poll(() => gallery.getByRole("button", { name: /第 1 张/ }).getAttribute("aria-current"), { timeout: 5000 }).toBe("true");
    await screenshot(page, "product-gallery");

    // A tap opens the zoomed view; its button closes it.
    await gallery.getByRole("link", { name: "放大查看第 1 张图片" }).click();
    const zoom = page.getByTestId("gallery-zoom");
    await zoom.getByRole("img").waitFor();
    expect(await zoom.evaluate((element) => (element as HTMLDialogElement).open)).toBe(true);
    await screenshot(page, "product-gallery-zoom");
    // A tap on the zoomed image doubles it.
    const toggle = zoom.getByRole("button", { name: "点按放大或还原" });
    const fitted = await toggle.locator("img").evaluate((element) => element.getBoundingClientRect().width);
    await toggle.click();
    await expect
      .poll(() => toggle.locator("img").evaluate((element) => element.getBoundingClientRect().width))
      .toBeGreaterThan(fitted * 1.5);
    await zoom.getByRole("button", { name: "关闭大图" }).click();
    await expect.poll(() => zoom.evaluate((element) => (element as HTMLDialogElement).open)).toBe(false);

    // The single bag, then the 3-bag pack: its own weight and a higher landed price.
    const weight = page.getByTestId("listing-weight");
    const total = page.getByTestId("landed-total");
    expect(await weight.textContent()).toMatch(/130/);
    const singleTotal = await total.textContent();
    await page.getByRole("radio", { name: /100 克 × 3 袋/ }).check();
    await page.waitForURL(/variant=/);
    await expect.poll(() => weight.textContent()).toMatch(/390/);
    await expect.poll(() => total.textContent()).not.toBe(singleTotal);
    await screenshot(page, "product-variant");

    // Compare every line: the calculator, filled in for the 3-bag pack, quoted at once.
    await page.getByText("查看费用明细").click();
    await page.getByRole("link", { name: "比较所有运输线路" }).click();
    await page.waitForURL(/\/quote\?/);
    await page.getByRole("heading", { name: "各运输线路到手价" }).waitFor();
    expect(await page.getByLabel("商品名称").inputValue()).toMatch(/3 袋/);
    expect(await page.getByLabel(/重量/).first().inputValue()).toBe("390");
    expect(await page.locator(".quote-results > *").count()).toBeGreaterThan(1);
    await screenshot(page, "product-compare");

    // A bad link: a clear message, not a server error.
    const bad = await page.goto("/quote?listing=nope!&quantity=0");
    expect(bad?.status()).toBe(400);
    await page.getByRole("alert").filter({ hasText: "商品编号无效" }).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  test("without JavaScript: the variant form reloads on the chosen variant and an image links to its full size", async () => {
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/c/food");
    await page.getByRole("link", { name: MATCHA }).first().click();
    await page.waitForURL(/\/listings\//);
    const href = await page.getByRole("link", { name: "放大查看第 1 张图片" }).getAttribute("href");
    expect(href).toMatch(/^\/images\/listings\/.+/);
    await page.getByRole("radio", { name: /100 克 × 3 袋/ }).check();
    await page.getByRole("button", { name: "选择此款式" }).click();
    await page.waitForURL(/variant=/);
    expect(await page.getByTestId("listing-weight").textContent()).toMatch(/390/);
    await context.close();
  });

  test("an agent sees each variant's own weight and size on the review page", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/c/food");
    await page.getByRole("link", { name: MATCHA }).first().click();
    await page.waitForURL(/\/listings\//);
    const id = new URL(page.url()).pathname.split("/")[2] ?? "";
    await logIn(page, DEMO.agent);
    await page.goto(`/agent/review/${id}`);
    const pack = page.getByRole("group", { name: /100 克 × 3 袋/ });
    expect(await pack.getByLabel("长（厘米）").inputValue()).toBe("20");
    expect(await pack.getByRole("spinbutton").first().inputValue()).toBe("390");
    await screenshot(page, "product-agent-variants");
    await context.close();
  });

  test("an engraving typed on the listing is checked, kept through checkout and shown to the agent as typed", async () => {
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    await signUpShopper(shopper, "engrave");
    await topUp(shopper, () => browser.context(), 2000);
    await shopper.goto("/c/jewelry");
    await shopper
      .getByRole("link", { name: /925 银定制刻字横条项链/ })
      .first()
      .click();
    await shopper.waitForURL(/\/listings\//);
    const engraving = shopper.getByLabel("刻字内容（正面）");
    await expect.poll(() => engraving.getAttribute("aria-describedby")).toMatch(/hint/);
    expect(await shopper.locator(".personalization .field-hint").first().textContent()).toMatch(/^最多 20 个字符/);

    // Chinese cannot be engraved: the add is refused with the reason, the text stays, the field has focus.
    await engraving.fill("李雷");
    await shopper.getByLabel("背面刻字（选填）").fill("2026");
    await shopper.getByRole("button", { name: "加入购物车" }).click();
    await shopper.getByText("只能使用英文字母、数字、空格和 . , & ' -，中文和表情无法刻印。").waitFor();
    expect(await engraving.inputValue()).toBe("李雷");
    expect(await shopper.getByLabel("背面刻字（选填）").inputValue()).toBe("2026");
    expect(await engraving.getAttribute("aria-invalid")).toBe("true");
    await screenshot(shopper, "personalization-refused", { fullPage: false });

    await engraving.fill("Li Lei & Han");
    await shopper.getByRole("button", { name: "加入购物车" }).click();
    await shopper.waitForURL(/\/cart$/);
    const inCart = shopper.getByTestId("personalization");
    expect(await inCart.locator("code").allTextContents()).toEqual(["Li Lei & Han", "2026"]);
    const order = await checkOutCart(shopper, { name: /美国 EMS 邮政直邮/, code: "us-postal-ems", cbec: false });
    expect(await shopper.getByTestId("personalization").locator("code").allTextContents()).toEqual(["Li Lei & Han", "2026"]);
    await shopperContext.close();

    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    await logIn(agent, DEMO.agent);
    await openWorkbench(agent);
    await agent.getByRole("link", { name: "订单工作台" }).click();
    await agent.getByRole("link", { name: order.number }).click();
    await agent.waitForURL(/\/orders\/[^/?]+$/);
    const shown = agent.getByTestId("personalization");
    await shown.waitFor();
    expect(await shown.locator("dt").allTextContents()).toEqual(["刻字内容（正面）", "背面刻字"]);
    expect(await shown.locator("code").allTextContents()).toEqual(["Li Lei & Han", "2026"]);
    await screenshot(agent, "personalization-agent");
    await agentContext.close();
  });
});
