import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TMP_DIR } from "../db-template";
import { startServer, type RunningServer } from "../server-process";
import { DEMO, logIn, setupBrowser } from "./browser";
import { startFakeAlipay, type FakeAlipay } from "./fake-alipay";
import { chooseLine, fen, LIVE, openCheckout } from "./order-flow";

// Issue 16, end to end in Chromium: an app server of its own, configured for Alipay against a fake
// cashier only this test starts. The shopper places an order to pay later, pays it with Alipay, comes
// back before Alipay's notification (the page says "checking"), and the order turns paid when the
// signed notification arrives — with the wallet's balance as before.

const browser = setupBrowser();
const keyDir = path.join(TMP_DIR, "e2e-alipay-keys");
let cashier: FakeAlipay;
let server: RunningServer;

beforeAll(async () => {
  cashier = await startFakeAlipay(keyDir);
  server = await startServer({
    databaseFile: path.join(TMP_DIR, "e2e-alipay.db"),
    ownOrigin: true,
    env: {
      ...cashier.env,
      ALLOW_PRIVATE_STORE_HOSTS: "1",
      // The web process's own worker runs what an admin queues with 立即运行 (refunds are sent by payments-check).
      WORKER: "inline",
      RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
      UPLOAD_DIR: path.join(TMP_DIR, "e2e-alipay-uploads"),
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await cashier?.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

/** The shopper's cart to checkout, placed to pay later (the demo wallet does not cover it). */
async function placeOrderToPayLater(shopper: Page) {
  await openCheckout(shopper);
  await chooseLine(shopper, { name: /日本跨境电商专线/, code: "jp-cbec-bonded" });
  const total = (await shopper.getByTestId("checkout-total").textContent()) ?? "";
  await shopper.getByLabel("省份").fill("广东省");
  await shopper.getByLabel("城市").fill("深圳市");
  await shopper.getByLabel("区/县").fill("南山区");
  await shopper.getByLabel("详细地址").fill("科技园南路 18 号 2 栋 301");
  await shopper.getByLabel("收件人").fill("张三");
  await shopper.getByLabel("手机号").fill("13800138000");
  await shopper.getByLabel(/^真实姓名/).fill("张三");
  await shopper.getByLabel(/^身份证号/).fill("11010519491231002X");
  // The demo shopper's wallet does not cover it: place now, pay after.
  await shopper.getByRole("button", { name: /^下单/ }).click();
  await shopper.waitForURL(/\/orders\/[^/?]+/);
  const orderUrl = shopper.url().split("?")[0] ?? "";
  expect(await shopper.getByTestId("order-status").textContent()).toBe("待支付");
  return { orderUrl, total };
}

/** The demo shopper logged in, page errors collected, with the wallet balance before anything is paid. */
async function demoShopper() {
  const pageErrors: string[] = [];
  const context = await browser.context({ baseURL: server.baseUrl });
  const shopper = await context.newPage();
  shopper.on("pageerror", (error) => pageErrors.push(`${shopper.url()}: ${error.message}`));
  await logIn(shopper, DEMO.shopper);
  await shopper.goto("/wallet");
  const balance = fen(await shopper.getByTestId("wallet-balance").textContent());
  return { context, shopper, pageErrors, balance };
}

describe("Alipay", () => {
  test("an order is paid with Alipay; the return page waits for the notification; the order shows it paid", async () => {
    const { context, shopper, pageErrors, balance } = await demoShopper();

    const { orderUrl, total } = await placeOrderToPayLater(shopper);

    await shopper.getByTestId("pay-alipay").click();
    await shopper.waitForURL((url) => url.href.startsWith(cashier.gateway));
    expect(fen(await shopper.getByTestId("cashier-amount").textContent())).toBe(fen(total));
    await shopper.getByRole("button", { name: "确认付款" }).click();
    await shopper.waitForURL(/\/payments\/[^/?]+/);
    const status = shopper.getByTestId("payment-status");
    expect(await status.textContent()).toMatch(/^正在确认付款/);
    await expect.poll(() => status.textContent(), LIVE).toMatch(/^付款成功/);
    expect(cashier.notices).toEqual([{ reply: "success" }]);

    await shopper.getByRole("link", { name: "查看订单" }).click();
    await shopper.waitForURL(orderUrl);
    expect(await shopper.getByTestId("order-status").textContent()).toBe("已支付");
    await shopper.goto("/wallet");
    expect(fen(await shopper.getByTestId("wallet-balance").textContent())).toBe(balance);
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  test("a shopper who chose 原路退回支付宝 cancels an Alipay-paid order: the money goes back to Alipay, the wallet untouched", async () => {
    const { context, shopper, pageErrors, balance } = await demoShopper();
    const { orderUrl, total } = await placeOrderToPayLater(shopper);
    await shopper.getByTestId("pay-alipay").click();
    await shopper.waitForURL((url) => url.href.startsWith(cashier.gateway));
    await shopper.getByRole("button", { name: "确认付款" }).click();
    await shopper.waitForURL(/\/payments\/[^/?]+/);
    await expect.poll(() => shopper.getByTestId("payment-status").textContent(), LIVE).toMatch(/^付款成功/);
    await shopper.goto(orderUrl);

    const choice = shopper.getByTestId("refund-choice");
    await expect.poll(() => choice.getByRole("radio", { name: /^钱包/ }).isChecked()).toBe(true);
    await choice.getByRole("radio", { name: /^原路退回支付宝/ }).check();
    await choice.getByRole("button", { name: "保存退款方式" }).click();
    await shopper.waitForURL(`${orderUrl}#refund-choice-title`);
    expect(await choice.getByRole("radio", { name: /^原路退回支付宝/ }).isChecked()).toBe(true);

    await shopper.getByRole("button", { name: "取消订单" }).click();
    await expect.poll(() => shopper.getByTestId("order-status").textContent(), LIVE).toBe("已取消");
    await expect
      .poll(() => shopper.locator(".timeline-event").allTextContents(), LIVE)
      .toContainEqual(expect.stringMatching(/原路退回支付宝/));
    // payments-check sends it (an admin runs it now rather than wait two minutes); Alipay's answer
    // settles it, its notification follows; the shopper's page follows live.
    const adminContext = await browser.context({ baseURL: server.baseUrl });
    const admin = await adminContext.newPage();
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin/jobs");
    const job = admin.locator("section", { has: admin.getByRole("heading", { name: "支付宝交易查询与退款", level: 2 }) });
    await job.getByRole("button", { name: "立即运行" }).click();
    await job.locator('tr[data-outcome="OK"]').waitFor({ timeout: 20_000 });
    await adminContext.close();
    const refunds = shopper.getByTestId("provider-refunds");
    await expect
      .poll(async () => (await refunds.count()) > 0 && (await refunds.textContent()), { timeout: 30_000, interval: 500 })
      .toMatch(/已原路退回支付宝/);
    expect(fen(await refunds.textContent())).toBe(fen(total));
    await expect.poll(() => cashier.notices.filter((notice) => notice.refund).length, LIVE).toBe(1);
    expect(cashier.notices.filter((notice) => notice.refund).map((notice) => notice.reply)).toEqual(["success"]);
    await shopper.goto("/wallet");
    expect(fen(await shopper.getByTestId("wallet-balance").textContent())).toBe(balance);
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  test("a forged notification credits nothing and waits on the admin's review page", async () => {
    const forged = await fetch(`${server.baseUrl}/payments/alipay/notify`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        notify_id: "forged0001",
        app_id: "2021000000000001",
        out_trade_no: "TU20261204FORGEDE2E",
        trade_no: "2026120422001000000001",
        trade_status: "TRADE_SUCCESS",
        total_amount: "9999.00",
        sign: "Zm9yZ2Vk",
        sign_type: "RSA2",
      }).toString(),
    });
    expect(await forged.text()).toBe("failure");

    const context = await browser.context({ baseURL: server.baseUrl });
    const admin = await context.newPage();
    const pageErrors: string[] = [];
    admin.on("pageerror", (error) => pageErrors.push(`${admin.url()}: ${error.message}`));
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "支付通知" }).click();
    await admin.getByRole("heading", { name: "待核查的支付通知", level: 1 }).waitFor();
    const row = admin.getByRole("listitem").filter({ hasText: "TU20261204FORGEDE2E" });
    expect(await row.textContent()).toContain("签名无效");
    expect(await row.textContent()).toContain("签名验证失败：未入账");
    await admin.getByLabel("显示").selectOption("LATE_CREDITED");
    await admin.getByRole("button", { name: "筛选" }).click();
    await admin.getByText("没有需要核查的通知。").waitFor();
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
