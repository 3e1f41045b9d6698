import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { chooseLine, fen, LIVE, recordPriceCheck, signUpShopper, smallPng, walletBalanceFen } from "./order-flow";

const browser = setupBrowser();

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-orders-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

describe("orders end to end", () => {
  test(
    "a shopper tops up, orders and pays; an agent moves the order through every step; the shopper's open page follows live",
    { timeout: 240_000 },
    async () => {
      // ── The shopper tops up; an admin confirms the transfer ────────────────────────────────────────
      const shopperContext = await browser.context();
      const shopper = await shopperContext.newPage();
      await signUpShopper(shopper, "orders-e2e");
      await shopper.goto("/wallet");
      await shopper.getByLabel("充值金额（元）").fill("1000");
      await shopper.getByRole("button", { name: "生成转账编号" }).click();
      const reference = (await shopper.getByTestId("top-up-reference").textContent()) ?? "";
      expect(reference).toMatch(/^TU-/);

      const adminContext = await browser.context();
      const admin = await adminContext.newPage();
      await logIn(admin, DEMO.admin);
      await admin.goto("/admin/topups");
      await admin.locator("li", { hasText: reference }).getByRole("button", { name: "确认到账" }).click();
      await admin.locator("li", { hasText: reference }).waitFor({ state: "detached" });
      await adminContext.close();
      const balanceBefore = await walletBalanceFen(shopper);
      expect(balanceBefore).toBe(100_000);

      // ── Cart and checkout: two die-cast cars from Japan on the CBEC line ─────────────────────────────
      await shopper.goto("/c/toys");
      await shopper
        .getByRole("link", { name: /1:64 合金仿真小车/ })
        .first()
        .click();
      await shopper.getByLabel("数量").fill("2");
      await shopper.getByRole("button", { name: "加入购物车" }).click();
      await shopper.waitForURL(/\/cart$/);
      await shopper.getByRole("link", { name: "去结算" }).click();
      await shopper.waitForURL(/\/checkout/);
      await chooseLine(shopper, { name: /日本跨境电商专线/, code: "jp-cbec-bonded" });
      await shopper.getByLabel(/^真实姓名/).waitFor();
      const total = (await shopper.getByTestId("checkout-total").textContent()) ?? "";
      expect(total).toMatch(/^¥[\d,]+\.\d{2}$/);
      expect(fen(total)).toBeLessThan(balanceBefore / 2);
      await shopper.getByLabel("省份").fill("广东省");
      await shopper.getByLabel("城市").fill("深圳市");
      await shopper.getByLabel("区/县").fill("南山区");
      await shopper.getByLabel("详细地址").fill("科技园南路 18 号 2 栋 301");
      await shopper.getByLabel("收件人").fill("张三");
      await shopper.getByLabel("手机号").fill("13800138000");
      await shopper.getByLabel(/^真实姓名/).fill("张三");
      await shopper.getByLabel(/^身份证号/).fill("11010519491231002X");
      await shopper.getByRole("button", { name: `下单并用钱包支付 ${total}` }).click();
      await shopper.waitForURL(/\/orders\/[^/?]+$/);

      // ── Paid at checkout: the status, the total, the wallet ───────────────────────────────────────
      const status = shopper.getByTestId("order-status");
      const timeline = shopper.getByTestId("order-timeline");
      expect(await status.textContent()).toBe("已支付");
      expect(await shopper.getByTestId("order-total").textContent()).toBe(total);
      expect(await shopper.getByTestId("order-paid").textContent()).toBe(total);
      expect(await timeline.locator('li[data-status="PAID"]').count()).toBe(1);
      const orderUrl = shopper.url();
      const orderNumber = (await shopper.title()).split(" · ")[0] ?? "";
      expect(orderNumber.length).toBeGreaterThan(0);

      const walletTab = await shopperContext.newPage();
      expect(balanceBefore - (await walletBalanceFen(walletTab))).toBe(fen(total));
      await walletTab.close();

      // From here on the shopper's page is never reloaded: this marker would not survive a reload.
      await shopper.evaluate(() => ((window as unknown as { __stillOpen: number }).__stillOpen = 1));
      const stillOpen = () => shopper.evaluate(() => (window as unknown as { __stillOpen?: number }).__stillOpen);
      expect(shopper.url()).toBe(orderUrl);

      // ── The agent claims the order from the queue ────────────────────────────────────────────────
      const agentContext = await browser.context();
      const agent = await agentContext.newPage();
      await logIn(agent, DEMO.agent);
      await agent.goto("/agent/orders");
      await agent.getByRole("link", { name: orderNumber, exact: true }).click();
      await agent.waitForURL(orderUrl);
      const agentStatus = agent.getByTestId("order-status");
      const moveForm = (title: string) => agent.getByRole("form", { name: title });

      async function move(
        title: string,
        expected: { status: string; code: string },
        fill?: (form: ReturnType<typeof moveForm>) => Promise<void>,
      ) {
        const form = moveForm(title);
        await fill?.(form);
        await form.getByRole("button", { name: title }).click();
        await expect.poll(() => agentStatus.textContent(), LIVE).toBe(expected.status);
        // The shopper's page, untouched since, shows the new status and the new timeline entry.
        await expect.poll(() => status.textContent(), LIVE).toBe(expected.status);
        await timeline.locator(`li[data-status="${expected.code}"]`).waitFor({ timeout: LIVE.timeout });
        expect(await timeline.locator('li[data-status="AWAITING_SHOPPER"]').count()).toBe(0);
        expect(await stillOpen()).toBe(1);
        expect(shopper.url()).toBe(orderUrl);
      }

      await move("认领并开始采购", { status: "采购中", code: "PURCHASING" });

      // The actual cost is exactly what was quoted (price × quantity as the order shows it): no difference to settle.
      const priceText = (await agent.locator(".cart-lines .original-price").first().textContent()) ?? "";
      const price = /[\d,]+(?:\.\d+)?/.exec(priceText)?.[0].replaceAll(",", "") ?? "";
      const decimals = price.split(".")[1]?.length ?? 0;
      expect(Number(price)).toBeGreaterThan(0);
      const actualCost = (Number(price) * 2).toFixed(decimals);
      // Before buying, the store's price is checked (as quoted): the check passes and the shopper's page shows it.
      expect(await (await recordPriceCheck(agent)).textContent()).toBe("核对通过");
      await expect.poll(() => shopper.getByTestId("price-check-outcome").textContent(), LIVE).toBe("核对通过");
      await move("已在外国商店下单", { status: "已下单", code: "PURCHASED" }, async (form) => {
        await form.getByLabel("外国商店订单号").fill("SAK-2024-778812");
        await form.getByLabel(/^实际花费/).fill(actualCost);
      });

      // ── Bad input: a text file posing as the warehouse photo is refused, nothing moves ─────────────
      const warehouse = moveForm("已到仓（称重拍照）");
      const fillParcel = async () => {
        await warehouse.getByLabel("包裹重量（克）").fill("160");
        await warehouse.getByLabel("长", { exact: true }).fill("10");
        await warehouse.getByLabel("宽", { exact: true }).fill("5");
        await warehouse.getByLabel("高", { exact: true }).fill("4");
      };
      const notImage = path.join(tmpDir, "parcel.png");
      fs.writeFileSync(notImage, "this is not a photo, just text with a .png name\n");
      await fillParcel();
      await warehouse.getByLabel(/^照片/).setInputFiles(notImage);
      await warehouse.getByRole("button", { name: "已到仓（称重拍照）" }).click();
      const refused = agent.getByTestId("transition-error");
      await refused.waitFor({ timeout: LIVE.timeout });
      expect(await refused.textContent()).toContain("只接受 JPEG、PNG 或 WebP 照片。");
      expect(await agentStatus.textContent()).toBe("已下单");
      expect(await status.textContent()).toBe("已下单");
      expect(await timeline.locator('li[data-status="AT_WAREHOUSE"]').count()).toBe(0);

      // ── At the warehouse, with a real photo ─────────────────────────────────────────────────────
      const png = smallPng();
      const photo = path.join(tmpDir, "parcel-photo.png");
      fs.writeFileSync(photo, png);
      await move("已到仓（称重拍照）", { status: "已到仓", code: "AT_WAREHOUSE" }, async () => {
        await fillParcel();
        await warehouse.getByLabel(/^照片/).setInputFiles(photo);
      });
      const shownPhoto = timeline.locator('li[data-status="AT_WAREHOUSE"] img');
      await shownPhoto.waitFor({ state: "attached", timeout: LIVE.timeout });
      expect(await shownPhoto.getAttribute("alt")).toBe("仓库照片 1");
      const photoResponse = await shopperContext.request.get((await shownPhoto.getAttribute("src")) ?? "");
      expect(photoResponse.status()).toBe(200);
      expect(photoResponse.headers()["content-type"]).toContain("image/png");
      expect(Buffer.compare(await photoResponse.body(), png)).toBe(0);
      await shownPhoto.scrollIntoViewIfNeeded();
      await expect.poll(() => shownPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), LIVE).toBe(8);
      expect(await timeline.locator('li[data-status="AT_WAREHOUSE"]').textContent()).toContain("包裹已到仓：160 克，10 × 5 × 4 厘米。");

      // ── Shipped, in customs, delivered ──────────────────────────────────────────────────────────
      await move("已发往中国", { status: "已发货", code: "SHIPPED" }, async (form) => {
        await form.getByLabel("承运商").fill("EMS");
        await form.getByLabel("运单号").fill("EE123456789JP");
      });
      expect(await timeline.locator('li[data-status="SHIPPED"]').textContent()).toContain("EE123456789JP");
      await move("进入清关", { status: "清关中", code: "IN_CUSTOMS" });
      await move("已签收", { status: "已签收", code: "DELIVERED" });

      // Every step is on the shopper's timeline, in order, and no money moved after the payment.
      const steps = await timeline.locator("li[data-status]").evaluateAll((items) => items.map((item) => item.getAttribute("data-status")));
      expect(steps).toEqual(["PENDING_PAYMENT", "PAID", "PURCHASING", "PURCHASED", "AT_WAREHOUSE", "SHIPPED", "IN_CUSTOMS", "DELIVERED"]);
      expect(await timeline.locator("li.event-money").count()).toBe(0);
      expect(await stillOpen()).toBe(1);

      await agentContext.close();
      await shopperContext.close();
    },
  );
});
