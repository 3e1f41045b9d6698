import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { checkOut, deliverOrder, signUpShopper, smallPng, topUp } from "./order-flow";

// Issue 15 (verified reviews), end to end in Chromium: a shopper's delivered order is reviewed through the
// page's own form (a too-short text refused first), and the listing shows the review with the masked
// name, 已购 and the variant bought — and "暂无足够评价" instead of a mean from one review.

const browser = setupBrowser();
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-reviews-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const CAR = /1:64 合金仿真小车/;
const JP_CBEC = { name: /日本跨境电商专线/, code: "jp-cbec-bonded", cbec: true };
const TEXT = "小车做工精致，和描述一致，代购发货也快";

describe("verified reviews", () => {
  test("a delivered order is reviewed and the listing shows it", async () => {
    const pageErrors: string[] = [];
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    shopper.on("pageerror", (error) => pageErrors.push(`shopper ${shopper.url()}: ${error.message}`));
    await signUpShopper(shopper, "review");
    await topUp(shopper, () => browser.context(), 500);
    const order = await checkOut(shopper, { category: "toys", product: CAR, quantity: 1, line: JP_CBEC });
    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    await logIn(agent, DEMO.agent);
    const photo = path.join(tmpDir, "parcel.png");
    fs.writeFileSync(photo, smallPng());
    await deliverOrder(agent, order, { quantity: 1, photo });
    await agentContext.close();

    // The agent has no 评价 link on the order; the shopper does.
    await shopper.goto(order.url);
    await shopper.getByTestId("review-link").click();
    await shopper.waitForURL(/\/orders\/[^/]+\/review$/);
    const item = shopper.getByTestId("review-item").first();
    const heading = (await item.getByRole("heading", { level: 2 }).textContent()) ?? "";
    const variant = heading.split(" · ")[1]?.trim() ?? "";
    expect(variant).not.toBe("");
    const scores = { 描述相符: "5 / 5 分", 商品质量: "4 / 5 分", 代购速度: "5 / 5 分", 沟通: "4 / 5 分", 包装: "3 / 5 分" };
    for (const [dimension, value] of Object.entries(scores))
      await item.getByRole("group", { name: dimension, exact: true }).getByRole("radio", { name: value }).check();
    // Too short first (the browser's own check lifted, as a script-less client might send it): the server says why.
    const text = item.getByLabel("评价内容");
    await text.fill("好");
    await text.evaluate((element) => element.removeAttribute("minlength"));
    await item.getByRole("button", { name: "提交评价" }).click();
    await shopper.getByText("评价内容至少 5 个字。").waitFor();
    await text.fill(TEXT);
    await item.getByLabel(/^照片/).last().setInputFiles(photo);
    await item.getByRole("button", { name: "提交评价" }).click();
    await shopper.getByText("评价已保存。").waitFor();
    // Now an edit form with the window's end.
    await shopper.getByRole("button", { name: "保存修改" }).waitFor();
    expect(await shopper.getByText(/^可修改至/).count()).toBe(1);

    // The listing, signed out: masked name, 已购, the variant, the scores in words, and no mean from one review.
    const visitorContext = await browser.context();
    const visitor = await visitorContext.newPage();
    visitor.on("pageerror", (error) => pageErrors.push(`visitor ${visitor.url()}: ${error.message}`));
    await visitor.goto("/c/toys");
    await visitor.getByRole("link", { name: CAR }).first().click();
    await visitor.waitForURL(/\/listings\//);
    const section = visitor.getByRole("region", { name: "买家评价" });
    const review = section.getByTestId("review").filter({ hasText: TEXT });
    await review.waitFor();
    const shown = (await review.textContent()) ?? "";
    expect(shown).toContain("端**");
    expect(shown).not.toContain("端到端买家");
    expect(shown).toContain("已购");
    expect(shown).toContain(`购买款式：${variant}`);
    expect(await review.getByRole("listitem").filter({ hasText: "包装" }).textContent()).toContain("3 / 5 分");
    expect(await review.getByRole("img", { name: "评价照片 1" }).count()).toBe(1);
    expect(await section.getByTestId("review-summary").textContent()).toContain("暂无足够评价");

    // The store page shows the same review, with the store's summary.
    const storeLink = visitor.locator('a[href^="/stores/"]').first();
    const storePath = (await storeLink.getAttribute("href")) ?? "";
    expect(storePath).toMatch(/^\/stores\//);
    await visitor.goto(storePath);
    await visitor.getByTestId("review").filter({ hasText: TEXT }).waitFor();
    expect(await visitor.getByTestId("review").filter({ hasText: TEXT }).textContent()).toContain("端**");
    expect(await visitor.getByTestId("review-summary").count()).toBe(1);
    await visitorContext.close();
    await shopperContext.close();
    expect(pageErrors).toEqual([]);
  });
});
