import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";

const browser = setupBrowser();

describe("store credit and truthful listings", () => {
  test("a store page says what was verified and gives no number without enough orders", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/stores/pacific-outfitters");
    await page.getByRole("heading", { level: 1, name: "Pacific Outfitters" }).waitFor();
    expect(await page.locator(".store-header .badge").textContent()).toBe("已认证");
    expect(await page.getByText("已核实官方网站域名：pacific-outfitters.example.com").count()).toBe(1);
    const returns = page.locator(".credit-list dd").first();
    expect(await returns.textContent()).toContain("暂无足够评价");
    expect(await page.locator(".listing-card").count()).toBeGreaterThan(0);
    await context.close();
  });

  test("a shopper reports a wrong weight, an agent corrects it, and the listing says when it was checked", async () => {
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    await logIn(shopper, DEMO.shopper);
    await shopper.goto("/stores/rheinland-kaufhaus");
    await shopper.locator(".listing-card a").first().click();
    await shopper.waitForURL(/\/listings\//);
    await shopper.locator(".facts").getByRole("link", { name: "Rheinland Kaufhaus" }).waitFor();
    const listingPath = new URL(shopper.url()).pathname;
    expect(await shopper.locator(".facts").textContent()).toContain("尚未核实");
    await shopper.getByRole("link", { name: "信息有误？" }).click();
    await shopper.getByRole("radio", { name: "重量" }).check();
    // Too short first: the form says why and keeps the page.
    await shopper.getByLabel("哪里有误").fill("错");
    await shopper.getByLabel("哪里有误").evaluate((element) => element.removeAttribute("minlength"));
    await shopper.getByRole("button", { name: "提交报告" }).click();
    await shopper.getByText("请至少写 5 个字，说明哪里有误。").waitFor();
    await shopper.getByLabel("哪里有误").fill("商家网站写的是 1.2 kg，这里写得太轻");
    await shopper.getByRole("button", { name: "提交报告" }).click();
    await shopper.getByText("已提交，代购员核实后会通知你。").waitFor();
    expect(await shopper.getByTestId("my-report").textContent()).toContain("待处理");

    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    await logIn(agent, DEMO.agent);
    await agent.goto("/agent/reports");
    const report = agent.getByTestId("report").filter({ hasText: "商家网站写的是 1.2 kg" });
    await report.getByLabel("处理说明").fill("已按商家网站改为 1.2 kg");
    await report.getByRole("button", { name: "已更正" }).click();
    await agent.getByText("已处理，报告人会收到通知。").waitFor();
    await agentContext.close();

    await shopper.goto(listingPath);
    expect(await shopper.locator(".facts").textContent()).not.toContain("尚未核实");
    await shopper.goto("/notifications");
    await shopper.getByText("已按商家网站改为 1.2 kg", { exact: false }).first().waitFor();
    await shopperContext.close();
  });
});
