import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";

const browser = setupBrowser();

// The reminders settings through the real page without JavaScript: reached from the admin home, bad
// input answered at the field, a good one saved and shown again.
describe("/admin/reminders", () => {
  test("an admin sets the check-in days and a consumable's cadence; a bad number is refused at its field", async () => {
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, DEMO.admin);
    await page.goto("/admin");
    await page.getByRole("link", { name: "回访与提醒" }).click();
    await page.getByRole("heading", { name: "回访与提醒", level: 1 }).waitFor();

    const days = page.getByLabel("签收后第几天回访");
    await days.fill("0");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("请填写 1 到 60 之间的整数。").waitFor();
    expect(await page.getByLabel("签收后第几天回访").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("签收后第几天回访").fill("5");
    const cadence = page.getByLabel(/：复购周期（天）$/).first();
    const label = await page.locator("label", { hasText: "复购周期" }).first().textContent();
    await cadence.fill("45");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").getByText("已保存。").waitFor();
    expect(await page.getByLabel("签收后第几天回访").inputValue()).toBe("5");
    expect(await page.getByLabel(label ?? "").inputValue()).toBe("45");
    await context.close();
  });

  test("a shopper is refused", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await logIn(page, DEMO.shopper);
    const response = await page.goto("/admin/reminders");
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
