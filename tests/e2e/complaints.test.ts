import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DEMO, logIn, setupBrowser } from "./browser";
import { checkOut, fen, LIVE, signUpShopper, smallPng, topUp, walletBalanceFen } from "./order-flow";

// Issue 15 (complaints with arbitration), end to end in Chromium: the shopper complains about a paid
// order with a photo, the assigned agent answers (the shopper's open page follows live), the shopper
// escalates, an admin refuses to take a malformed amount and then awards ¥12.34, and the wallet shows
// exactly that more, to the fen, as a 投诉补偿 ledger row.

const browser = setupBrowser();
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-complaints-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const CAR = /1:64 合金仿真小车/;
const JP_CBEC = { name: /日本跨境电商专线/, code: "jp-cbec-bonded", cbec: true };

describe("complaints", () => {
  test("a complaint escalates to an admin who awards compensation, and the wallet shows it to the fen", async () => {
    const pageErrors: string[] = [];
    const watch = (label: string, page: Page) =>
      page.on("pageerror", (error) => pageErrors.push(`${label} ${page.url()}: ${error.message}`));
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    watch("shopper", shopper);
    await signUpShopper(shopper, "complaint");
    await topUp(shopper, () => browser.context(), 500);
    const order = await checkOut(shopper, { category: "toys", product: CAR, quantity: 1, line: JP_CBEC });

    // The demo agent claims the order: the complaint goes to them.
    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    watch("agent", agent);
    await logIn(agent, DEMO.agent);
    await agent.goto(order.url);
    await agent.getByRole("form", { name: "认领并开始采购" }).getByRole("button", { name: "认领并开始采购" }).click();
    await expect.poll(() => agent.getByTestId("order-status").textContent(), LIVE).toBe("采购中");

    const before = await walletBalanceFen(shopper);
    await shopper.goto(order.url);
    await shopper.getByTestId("complaint-link").click();
    await shopper.waitForURL(/\/orders\/[^/]+\/complaint$/);
    await shopper.getByRole("radio", { name: "采购太慢" }).check();
    await shopper.getByLabel("发生了什么").fill("付款两天了还没有下单，页面一直显示采购中");
    const photo = path.join(tmpDir, "screen.png");
    fs.writeFileSync(photo, smallPng());
    await shopper.getByLabel(/^照片/).setInputFiles(photo);
    await shopper.getByRole("button", { name: "提交投诉" }).click();
    await shopper.waitForURL(/\/complaints\/[^/]+$/);
    const complaintUrl = new URL(shopper.url()).pathname;
    const status = shopper.getByTestId("complaint-status");
    expect(await status.textContent()).toBe("待回复");
    expect(await shopper.getByTestId("complaint-due").textContent()).toMatch(/^代购须在 .+ 前回复。$/);
    expect(await shopper.getByRole("img", { name: "证据照片 1" }).count()).toBeGreaterThan(0);

    // The agent answers from the open-complaints queue; the shopper's page follows without a reload.
    await agent.goto("/agent");
    await agent.getByRole("link", { name: "投诉", exact: true }).click();
    await agent.locator(`a[href="${complaintUrl}"]`).waitFor();
    await agent.goto(complaintUrl);
    const answer = agent.getByRole("form", { name: "回复投诉" });
    await answer.getByLabel("回复内容").fill("商家缺货，已改从官网下单，明天发货");
    await answer.getByRole("button", { name: "发送回复" }).click();
    await expect.poll(() => agent.getByTestId("complaint-status").textContent(), LIVE).toBe("已回复");
    await expect.poll(() => status.textContent(), LIVE).toBe("已回复");
    await agentContext.close();

    const escalate = shopper.getByRole("form", { name: "申请平台仲裁" });
    await escalate.getByLabel("为什么需要平台介入").fill("已经耽误了三天，希望补偿运费");
    await escalate.getByRole("button", { name: "申请仲裁" }).click();
    await expect.poll(() => status.textContent(), LIVE).toBe("平台仲裁中");

    // The admin starts from the arbitration queue and sees the whole timeline before deciding.
    const adminContext = await browser.context();
    const admin = await adminContext.newPage();
    watch("admin", admin);
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "投诉仲裁" }).click();
    await admin.waitForURL(/\/complaints\?status=ESCALATED$/);
    await admin.locator(`a[href="${complaintUrl}"]`).click();
    await admin.waitForURL(new RegExp(`${complaintUrl}$`));
    const timeline = (await admin.getByRole("region", { name: "进展" }).textContent()) ?? "";
    for (const step of ["提交投诉：采购太慢", "商家缺货，已改从官网下单", "已经耽误了三天"]) expect(timeline).toContain(step);

    const decide = admin.getByRole("form", { name: "仲裁裁决" });
    await decide.getByRole("radio", { name: "补偿到钱包" }).check();
    await decide.getByLabel(/^裁决说明/).fill("采购延误属实，补偿部分运费");
    // Three decimals, with the browser's own pattern check lifted as a script-less client might send it.
    const amount = decide.getByLabel("补偿金额（元）");
    await amount.evaluate((element) => element.removeAttribute("pattern"));
    await amount.fill("12.345");
    await decide.getByRole("button", { name: "作出裁决" }).click();
    await admin.getByText("补偿金额须为元，最多两位小数，如 12.34。").first().waitFor();
    expect(await admin.getByTestId("complaint-status").textContent()).toBe("平台仲裁中");

    const again = admin.getByRole("form", { name: "仲裁裁决" });
    await again.getByRole("radio", { name: "补偿到钱包" }).check();
    await again.getByLabel(/^裁决说明/).fill("采购延误属实，补偿部分运费");
    await again.getByLabel("补偿金额（元）").fill("12.34");
    await again.getByRole("button", { name: "作出裁决" }).click();
    await expect.poll(() => admin.getByTestId("complaint-status").textContent(), LIVE).toBe("已结束");
    expect(fen(await admin.getByTestId("complaint-compensation").textContent())).toBe(1234);
    await adminContext.close();

    await expect.poll(() => status.textContent(), LIVE).toBe("已结束");
    expect(await walletBalanceFen(shopper)).toBe(before + 1234);
    const row = shopper.getByRole("row").filter({ hasText: "投诉补偿" });
    expect(await row.count()).toBe(1);
    expect(fen(await row.locator("td.num").textContent())).toBe(1234);
    await shopperContext.close();
    expect(pageErrors).toEqual([]);
  });
});
