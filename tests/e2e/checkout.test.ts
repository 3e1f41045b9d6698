import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupBrowser } from "./browser";
import { chooseLine, fen, openCheckout, signUpShopper, topUp, walletBalanceFen } from "./order-flow";

// Checkout charges what the shopper sees selected: without JavaScript a line picked and placed
// directly is re-quoted and confirmed first; with JavaScript a corrected field places in one tap.

const browser = setupBrowser();

const POSTAL = /日本 EMS 邮政直邮/;
const CBEC = /日本跨境电商专线/;

async function fillAddress(page: Page, mobile = "13800138000") {
  await page.getByLabel("省份").fill("广东省");
  await page.getByLabel("城市").fill("深圳市");
  await page.getByLabel("区/县").fill("南山区");
  await page.getByLabel("详细地址").fill("科技园南路 18 号 2 栋 301");
  await page.getByLabel("收件人").fill("张三");
  await page.getByLabel("手机号").fill(mobile);
}

/** The landed total a line option lists. */
async function listedTotal(page: Page, line: RegExp) {
  return fen(await page.locator("label.line-option", { hasText: line }).locator(".line-option-total").textContent());
}

describe("checkout charges the line the shopper sees selected", () => {
  test(
    "without JavaScript: another line picked and placed directly is re-quoted, confirmed, then charged at its own total",
    { timeout: 180_000 },
    async () => {
      const context = await browser.context({ javaScriptEnabled: false });
      const shopper = await context.newPage();
      await signUpShopper(shopper, "checkout-nojs");
      await topUp(shopper, () => browser.context(), 1000);
      const balanceBefore = await walletBalanceFen(shopper);
      await openCheckout(shopper);

      // The cheapest eligible line is preselected, and the page says why.
      const postalFen = await listedTotal(shopper, POSTAL);
      const cbecFen = await listedTotal(shopper, CBEC);
      expect(cbecFen).toBeLessThan(postalFen);
      expect(await shopper.getByRole("radio", { name: CBEC }).isChecked()).toBe(true);
      expect(await shopper.getByTestId("line-selection").textContent()).toBe("已为你预选最便宜的可用线路。");
      const shownTotal = (await shopper.getByTestId("checkout-total").textContent()) ?? "";
      expect(fen(shownTotal)).toBe(cbecFen);
      expect(await shopper.getByTestId("checkout-line").textContent()).toBe(
        "运输线路：日本跨境电商专线（综合税） · 跨境电商综合税 · 预计 3–6 天送达",
      );

      // The shopper picks the postal line and presses the place button at once (no 更新报价).
      await shopper.getByRole("radio", { name: POSTAL }).check();
      await fillAddress(shopper);
      await shopper.getByRole("button", { name: `下单并用钱包支付 ${shownTotal}` }).click();
      await shopper.getByTestId("checkout-requote").waitFor();

      // Nothing is placed: the page asks to confirm the postal line's total, old and new side by side.
      expect(new URL(shopper.url()).pathname).toBe("/checkout");
      const notice = (await shopper.getByTestId("checkout-requote").textContent()) ?? "";
      expect(notice).toContain("你改选了运输线路");
      expect(fen(/新总价 (¥[\d,.]+)/.exec(notice)?.[1] ?? "")).toBe(postalFen);
      expect(fen(/原 (¥[\d,.]+)/.exec(notice)?.[1] ?? "")).toBe(cbecFen);
      const newTotal = (await shopper.getByTestId("checkout-total").textContent()) ?? "";
      expect(fen(newTotal)).toBe(postalFen);
      expect(await shopper.getByRole("radio", { name: POSTAL }).isChecked()).toBe(true);
      expect(await shopper.getByTestId("checkout-line").textContent()).toContain("日本 EMS 邮政直邮（行邮）");
      // Every value typed is still there; a postal line asks for no ID.
      expect(await shopper.getByLabel("详细地址").inputValue()).toBe("科技园南路 18 号 2 栋 301");
      expect(await shopper.getByLabel("手机号").inputValue()).toBe("13800138000");
      expect(await shopper.getByLabel(/^身份证号/).count()).toBe(0);
      expect(await walletBalanceFen(await context.newPage())).toBe(balanceBefore);

      // Confirming places the order on the postal line's quote and charges exactly its total.
      await shopper.getByRole("button", { name: `下单并用钱包支付 ${newTotal}` }).click();
      await shopper.waitForURL(/\/orders\/[^/?]+$/);
      expect(await shopper.getByTestId("order-status").textContent()).toBe("已支付");
      expect(await shopper.getByTestId("order-total").textContent()).toBe(newTotal);
      expect(balanceBefore - (await walletBalanceFen(shopper))).toBe(postalFen);
      await context.close();
    },
  );

  test("with JavaScript: after a bad phone number is corrected, one tap places the order", { timeout: 120_000 }, async () => {
    const context = await browser.context();
    const shopper = await context.newPage();
    await signUpShopper(shopper, "checkout-js-phone");
    await openCheckout(shopper);
    await chooseLine(shopper, { name: POSTAL, code: "jp-postal-ems" });
    expect(fen(await shopper.getByTestId("checkout-total").textContent())).toBe(await listedTotal(shopper, POSTAL));
    await fillAddress(shopper, "12345");
    const place = shopper.getByRole("button", { name: /^下单/ });
    await place.click();
    await shopper.getByText("请填写有效的中国大陆手机号（11 位）。").waitFor();

    await shopper.getByLabel("手机号").fill("13800138000");
    // One tap, straight from the corrected field: leaving it must not move the button from under the finger.
    await place.click();
    await shopper.waitForURL(/\/orders\/[^/?]+\?unpaid=1$/, { timeout: 15_000 });
    expect(await shopper.getByTestId("order-status").textContent()).toBe("待支付");
    await context.close();
  });

  test(
    "with JavaScript: after a bad ID number and phone number are corrected on the cross-border line, one tap places the order",
    { timeout: 120_000 },
    async () => {
      const context = await browser.context();
      const shopper = await context.newPage();
      await signUpShopper(shopper, "checkout-js-id");
      await openCheckout(shopper);
      // The preselected (cheapest) line is cross-border: it asks for the buyer's ID.
      expect(await shopper.getByRole("radio", { name: CBEC }).isChecked()).toBe(true);
      await fillAddress(shopper, "12345");
      await shopper.getByLabel(/^真实姓名/).fill("张三");
      await shopper.getByLabel(/^身份证号/).fill("110105194912310021");
      const place = shopper.getByRole("button", { name: /^下单/ });
      await place.click();
      await shopper.getByText("请填写有效的中国大陆手机号（11 位）。").waitFor();
      await shopper.getByText("身份证号校验位不正确，请核对。").waitFor();

      await shopper.getByLabel("手机号").fill("13800138000");
      await shopper.getByLabel(/^身份证号/).fill("11010519491231002X");
      await place.click();
      await shopper.waitForURL(/\/orders\/[^/?]+\?unpaid=1$/, { timeout: 15_000 });
      expect(await shopper.getByTestId("order-status").textContent()).toBe("待支付");
      await context.close();
    },
  );

  test(
    "with JavaScript: extra protection is priced at once, charged with the order and shown on the order page",
    { timeout: 120_000 },
    async () => {
      const context = await browser.context();
      const shopper = await context.newPage();
      await signUpShopper(shopper, "checkout-packing");
      await topUp(shopper, () => browser.context(), 1000);
      const balanceBefore = await walletBalanceFen(shopper);
      await openCheckout(shopper);
      await chooseLine(shopper, { name: POSTAL, code: "jp-postal-ems" });
      const plainFen = fen(await shopper.getByTestId("checkout-total").textContent());
      // What happens to the parcel at the warehouse is stated before paying.
      expect(await shopper.getByTestId("storage-terms").textContent()).toContain("免费仓储 30 天");

      const protection = shopper.getByRole("checkbox", { name: /加固防护/ });
      expect(await protection.isChecked()).toBe(false);
      await protection.check();
      await shopper.waitForFunction(
        (expected) => document.querySelector("[data-testid=quote-packing]")?.textContent?.includes(expected) ?? false,
        "加固防护",
      );
      const total = (await shopper.getByTestId("checkout-total").textContent()) ?? "";
      expect(fen(total)).toBe(plainFen + 1_200);

      await fillAddress(shopper);
      await shopper.getByRole("button", { name: `下单并用钱包支付 ${total}` }).click();
      await shopper.waitForURL(/\/orders\/[^/?]+$/);
      expect(await shopper.getByTestId("order-total").textContent()).toBe(total);
      expect(await shopper.getByTestId("quote-packing").textContent()).toBe("包装：加固防护，¥12.00（已含在国际运费中）");
      expect(await shopper.getByTestId("storage-terms").textContent()).toContain("免费仓储 30 天");
      expect(balanceBefore - (await walletBalanceFen(shopper))).toBe(plainFen + 1_200);
      await context.close();
    },
  );
});
