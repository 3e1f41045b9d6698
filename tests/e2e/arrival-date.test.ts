import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { checkOutCart, LIVE, signUpShopper, topUp } from "./order-flow";

// Issue 17, point 5, in Chromium: checkout shows the day the parcel is expected, beside the line's usual
// range, and the order page keeps showing it, stage by stage, while the order moves.

const browser = setupBrowser();
const CAR = /1:64 合金仿真小车/;
const JP_CBEC = { name: /日本跨境电商专线/, code: "jp-cbec-bonded", cbec: true };
const EXPECTED = /^预计 \d{1,2}月\d{1,2}日送达 · 通常 \d+–\d+ 天$/;

describe("the expected delivery date", () => {
  test("on checkout, then on the order page as it moves", { timeout: 120_000 }, async () => {
    const shopper = await (await browser.context()).newPage();
    const pageErrors: string[] = [];
    shopper.on("pageerror", (error) => pageErrors.push(error.message));
    await signUpShopper(shopper, "arrival");
    await topUp(shopper, () => browser.context(), 1000);
    await shopper.goto("/c/toys");
    await shopper.getByRole("link", { name: CAR }).first().click();
    await shopper.getByRole("button", { name: "加入购物车" }).click();
    await shopper.waitForURL(/\/cart$/);
    await shopper.goto(`/checkout?line=${JP_CBEC.code}`);
    expect(await shopper.getByTestId(`line-arrival-${JP_CBEC.code}`).textContent()).toMatch(EXPECTED);
    expect(await shopper.getByTestId("checkout-arrival").textContent()).toMatch(EXPECTED);

    await shopper.goto("/cart");
    const order = await checkOutCart(shopper, JP_CBEC);
    expect(await shopper.getByTestId("order-arrival").textContent()).toMatch(EXPECTED);
    // The line's own window stays beside it.
    expect(await shopper.getByTestId("order-eta").textContent()).toMatch(/付款后 \d+–\d+ 天/);

    const agent = await (await browser.context()).newPage();
    await logIn(agent, DEMO.agent);
    await agent.goto(order.url);
    await agent.getByRole("form", { name: "认领并开始采购" }).getByRole("button", { name: "认领并开始采购" }).click();
    // The shopper's open page follows: still a date, the buying stage running.
    await expect.poll(() => shopper.getByTestId("order-status").textContent(), LIVE).toBe("采购中");
    expect(await shopper.getByTestId("order-arrival").textContent()).toMatch(EXPECTED);
    expect(await shopper.locator('[data-testid="arrival-stages"] li[data-state="current"]').textContent()).toMatch(
      /^已下单：预计 \d{1,2}月\d{1,2}日（进行中）$/,
    );
    expect(pageErrors).toEqual([]);
  });
});
