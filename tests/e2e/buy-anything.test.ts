import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DEMO, logIn, openWorkbench, setupBrowser } from "./browser";
import { checkOutCart, signUpShopper, smallPng, topUp } from "./order-flow";

// "Buy anything for me" (issue 19), end to end in Chromium: a shopper whose link cannot be imported
// describes the product; the demo agent quotes it with the calculator (a negative price refused
// first); the shopper sees the breakdown, accepts it into the cart, checks out and the order shows it.

const browser = setupBrowser();
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-requests-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const US_POSTAL = { name: /美国 EMS 邮政直邮/, code: "us-postal-ems", cbec: false };
const TITLE = `Hand-forged Gyuto ${Date.now() % 100000}`;

describe("buy anything for me", () => {
  test("a request is filed, quoted by an agent, accepted, checked out and shown on the order", async () => {
    const pageErrors: string[] = [];
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    shopper.on("pageerror", (error) => pageErrors.push(`shopper ${shopper.url()}: ${error.message}`));
    await signUpShopper(shopper, "request");
    await topUp(shopper, () => browser.context(), 3000);

    // From the import page's hint to the request form.
    await shopper.goto("/import");
    // By keyboard: leaving the autofocused link field shows its "required" message, which moves the hint under a pointer.
    await shopper.getByTestId("request-instead").getByRole("link").focus();
    await shopper.keyboard.press("Enter");
    await shopper.waitForURL(/\/requests\/new/);
    await shopper.getByLabel("商店").fill("Kyoto Knives");
    await shopper.getByLabel("链接（可选）").fill("https://kyoto-knives.example/gyuto");
    await shopper.getByLabel("想买什么").fill("手工锻造牛刀 210 mm，白二钢，带木质刀鞘");
    await shopper.getByLabel("尺码 / 颜色（可选）").fill("210 mm");
    const photo = path.join(tmpDir, "knife.png");
    fs.writeFileSync(photo, smallPng());
    await shopper.getByLabel("照片（可选）").setInputFiles(photo);
    await shopper.getByRole("button", { name: "提交需求" }).click();
    await shopper.waitForURL(/\/requests\/[^/?]+\?filed=1$/);
    const requestUrl = shopper.url().split("?")[0] ?? "";
    expect(await shopper.getByTestId("request-status").textContent()).toBe("等待报价");

    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    agent.on("pageerror", (error) => pageErrors.push(`agent ${agent.url()}: ${error.message}`));
    await logIn(agent, DEMO.agent);
    await openWorkbench(agent);
    await agent.getByRole("link", { name: "代购需求队列" }).click();
    await agent.waitForURL(/\/agent\/requests$/);
    await agent
      .getByRole("link", { name: /手工锻造牛刀/ })
      .first()
      .click();
    await agent.waitForURL(/\/agent\/requests\/[^/]+$/);
    await agent.getByLabel("商品标题").fill(TITLE);
    await agent.getByLabel("价格（商店币种）").fill("-5");
    await agent.getByLabel("币种", { exact: true }).selectOption("USD");
    await agent.getByLabel("商店境内运费").fill("8.00");
    await agent.getByLabel("重量（克）").fill("450");
    await agent.getByLabel("发货国家").selectOption("US");
    await agent.getByRole("button", { name: "发送报价" }).click();
    await agent.getByText("请输入正数金额，例如 49.99。").waitFor();
    await agent.getByLabel("价格（商店币种）").fill("95.50");
    await agent.getByRole("button", { name: "发送报价" }).click();
    await agent.getByText("报价已发送给买家。").waitFor();
    await agentContext.close();

    // The shopper sees the quote's breakdown, accepts it, and checks out from the cart.
    await shopper.goto(requestUrl);
    expect(await shopper.getByTestId("request-status").textContent()).toBe("已报价");
    const quote = shopper.getByTestId("request-quote");
    expect(await quote.textContent()).toContain("海外店铺运费");
    await shopper.getByRole("button", { name: "接受报价并加入购物车" }).click();
    await shopper.waitForURL(/\/cart$/);
    expect(await shopper.getByRole("main").textContent()).toContain(TITLE);
    const order = await checkOutCart(shopper, US_POSTAL);
    expect(await shopper.getByRole("main").textContent()).toContain(TITLE);
    expect(order.totalFen).toBeGreaterThan(0);

    // The request page now points at the cart and the one-off listing.
    await shopper.goto(requestUrl);
    expect(await shopper.getByTestId("request-status").textContent()).toBe("已接受");
    expect(pageErrors).toEqual([]);
    await shopperContext.close();
  });
});
