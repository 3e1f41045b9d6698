import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";

const browser = setupBrowser();

describe("wallet", () => {
  test("a shopper tops up by bank transfer; an admin confirms it; the balance shows it", async () => {
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    await logIn(shopper, DEMO.shopper);
    await shopper.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的" }).click();
    await shopper.getByRole("link", { name: /^钱包余额/ }).click();
    const before = await shopper.getByTestId("wallet-balance").textContent();
    await shopper.getByLabel("充值金额（元）").fill("888");
    await shopper.getByRole("button", { name: "生成转账编号" }).click();
    const reference = await shopper.getByTestId("top-up-reference").textContent();
    expect(reference).toMatch(/^TU-[2-9A-HJ-NP-Z]{8}$/);

    const adminContext = await browser.context();
    const admin = await adminContext.newPage();
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin/topups");
    const row = admin.locator("li", { hasText: reference ?? "" });
    await row.getByRole("button", { name: "确认到账" }).click();
    await admin.locator("li", { hasText: reference ?? "" }).waitFor({ state: "detached" });
    await adminContext.close();

    await shopper.reload();
    expect(before).toBe("¥0.00");
    expect(await shopper.getByTestId("wallet-balance").textContent()).toBe("¥888.00");
    expect(await shopper.getByRole("cell", { name: "充值" }).count()).toBe(1);
    await shopperContext.close();
  });
});
