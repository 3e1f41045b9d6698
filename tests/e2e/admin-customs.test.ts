import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";

const browser = setupBrowser();

describe("customs rules at /admin/customs", () => {
  test("without JavaScript an admin sees both seeded sets, is told why a past start is refused, adds a later set and deletes it", async () => {
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, DEMO.admin);
    await page.goto("/admin");
    await page.getByRole("link", { name: "海关规则" }).click();
    await page.getByRole("heading", { name: "海关规则", level: 1 }).waitFor();

    const current = page.getByTestId("rule-set-customs-2024-12-01");
    expect(await current.textContent()).toContain("GACC 2024年第176号公告");
    expect(await current.textContent()).toContain("施行中");
    expect(await page.getByTestId("rule-set-customs-2019-04-09").textContent()).toContain("中国香港 ¥800.00");

    // The amounts come prefilled from the set in force; only the start and the source are new.
    expect(await page.getByLabel("行邮包裹限值（元）").inputValue()).toBe("2000.00");
    await page.getByLabel("生效时间（北京时间）", { exact: true }).fill("2020-01-01T00:00");
    await page.getByLabel("依据（英文，如 GACC Announcement 2024 No. 176）").fill("E2E test announcement");
    await page.getByLabel("依据（中文，如 GACC 2024年第176号公告）").fill("端到端测试公告");
    await page.getByLabel("行邮包裹限值（元）").fill("2500");
    await page.getByRole("button", { name: "添加规则" }).click();
    await page.getByText("生效时间必须在未来：已给出的报价按当时施行的规则计算。").waitFor();
    // What was typed is still there: only the start needs correcting.
    expect(await page.getByLabel("行邮包裹限值（元）").inputValue()).toBe("2500");

    await page.getByLabel("生效时间（北京时间）", { exact: true }).fill("2040-03-01T00:00");
    await page.getByRole("button", { name: "添加规则" }).click();
    await page.getByText("已添加海关规则 customs-2040-03-01。").waitFor();
    const added = page.getByTestId("rule-set-customs-2040-03-01");
    expect(await added.textContent()).toContain("即将生效");
    expect(await added.textContent()).toContain("¥2,500.00");

    await added.getByRole("button", { name: "删除" }).click();
    await page.getByText("已删除海关规则 customs-2040-03-01。").waitFor();
    expect(await page.getByTestId("rule-set-customs-2040-03-01").count()).toBe(0);
    expect(await current.getByRole("button", { name: "删除" }).count()).toBe(0);
    await context.close();
  });
});
