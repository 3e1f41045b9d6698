import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { DEMO, logIn, screenshot, setupBrowser } from "./browser";
import { checkOut, deliverOrder, fen, LIVE, signUpShopper, smallPng, topUp, walletBalanceFen } from "./order-flow";

// Issue 17 (claims for lost or damaged parcels), end to end in Chromium at a phone's size: a delivered
// parcel arrived damaged; the shopper sees the payout table for it before filing, files with a photo, an
// admin approves from the claims desk, the shopper's open claim page follows live, and the wallet shows
// exactly the table's amount more, as one 索赔赔付 row.

const browser = setupBrowser();
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-claims-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const CAR = /1:64 合金仿真小车/;
const JP_CBEC = { name: /日本跨境电商专线/, code: "jp-cbec-bonded", cbec: true };

function pngFile(name: string) {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, smallPng());
  return file;
}

describe("claims", () => {
  test("a damaged parcel's claim pays exactly the published table's amount into the wallet", async () => {
    const pageErrors: string[] = [];
    const watch = (label: string, page: Page) =>
      page.on("pageerror", (error) => pageErrors.push(`${label} ${page.url()}: ${error.message}`));
    const shopperContext = await browser.context();
    const shopper = await shopperContext.newPage();
    watch("shopper", shopper);
    await signUpShopper(shopper, "claim");
    await topUp(shopper, () => browser.context(), 500);
    const order = await checkOut(shopper, { category: "toys", product: CAR, quantity: 1, line: JP_CBEC });

    const agentContext = await browser.context();
    const agent = await agentContext.newPage();
    watch("agent", agent);
    await logIn(agent, DEMO.agent);
    await deliverOrder(agent, order, { quantity: 1, photo: pngFile("parcel.png") });
    await agentContext.close();

    const before = await walletBalanceFen(shopper);
    await shopper.goto(order.url);
    await shopper.getByTestId("claim-link").click();
    await shopper.waitForURL(/\/orders\/[^/]+\/claim$/);
    // Not insured at checkout: the table pays international shipping and import tax, and says so.
    expect(await shopper.getByTestId("claim-rule").textContent()).toContain("没有买运输保险");
    const whole = shopper.getByTestId("claim-table-whole");
    expect(await whole.getByRole("rowheader", { name: "商品金额" }).count()).toBe(1);
    const itemPayout = fen(await shopper.getByTestId("claim-item-0").textContent());
    expect(itemPayout).toBeGreaterThan(0);
    expect(itemPayout).toBe(fen(await shopper.getByTestId("claim-table-whole-amount").textContent()));
    await screenshot(shopper, "claim-form-phone");

    // Damage without a photo is refused with the reason and keeps what was typed.
    await shopper.getByRole("radio", { name: /包裹破损/ }).check();
    await shopper.getByTestId("claim-items").getByRole("checkbox").check();
    await shopper.getByLabel("发生了什么").fill("外箱压扁，小车车门掉了");
    await shopper.getByRole("button", { name: "提交索赔" }).click();
    await shopper.getByText("包裹破损请至少上传一张照片。").waitFor();
    expect(await shopper.getByLabel("发生了什么").inputValue()).toBe("外箱压扁，小车车门掉了");

    await shopper.getByTestId("claim-items").getByRole("checkbox").check();
    await shopper.getByLabel(/^照片/).setInputFiles(pngFile("crushed.png"));
    await shopper.getByRole("button", { name: "提交索赔" }).click();
    await shopper.waitForURL(/\/claims\/[^/]+$/);
    const claimUrl = new URL(shopper.url()).pathname;
    const status = shopper.getByTestId("claim-status");
    expect(await status.textContent()).toBe("待审核");
    expect(fen(await shopper.getByTestId("claim-table-amount").textContent())).toBe(itemPayout);
    expect(await shopper.getByRole("img", { name: "证据照片 1" }).count()).toBeGreaterThan(0);

    const adminContext = await browser.context();
    const admin = await adminContext.newPage();
    watch("admin", admin);
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "索赔审核" }).click();
    await admin.waitForURL(/\/admin\/claims$/);
    await admin.locator(`a[href="${claimUrl}"]`).click();
    await admin.waitForURL(new RegExp(`${claimUrl}$`));
    const approve = admin.getByTestId("claim-move-APPROVED");
    await approve.getByLabel(/^说明/).fill("照片显示运输途中挤压");
    await approve.getByRole("button", { name: /^批准并赔付/ }).click();
    await expect.poll(() => admin.getByTestId("claim-status").textContent(), LIVE).toBe("已赔付");
    await adminContext.close();

    await expect.poll(() => status.textContent(), LIVE).toBe("已赔付");
    expect(await shopper.getByTestId("claim-decision").textContent()).toBe("照片显示运输途中挤压");
    await screenshot(shopper, "claim-paid-phone");
    expect(await walletBalanceFen(shopper)).toBe(before + itemPayout);
    const row = shopper.getByRole("row").filter({ hasText: "索赔赔付" });
    expect(await row.count()).toBe(1);
    expect(fen(await row.locator("td.num").textContent())).toBe(itemPayout);
    await shopperContext.close();
    expect(pageErrors).toEqual([]);
  });

  test("the demo buyer's delivered order offers a claim, a return and a review, with the warehouse's photo", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await logIn(page, "buyer@example.com");
    await page.goto("/orders");
    const delivered = page.locator(".order-card").filter({ hasText: "已签收" });
    await delivered.first().waitFor();
    await delivered.first().locator('a[href^="/orders/"]').first().click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    expect(await page.getByTestId("order-status").textContent()).toBe("已签收");
    for (const link of ["claim-link", "review-link", "complaint-link"]) expect(await page.getByTestId(link).count()).toBe(1);
    expect(await page.locator('a[href$="/return"]').count()).toBe(1);
    const photo = page.getByRole("img", { name: "仓库照片 1" }).first();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await context.close();
  });
});
