import { describe, expect, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";
import { LIVE } from "./order-flow";

// A session holds only a few live timelines open (the server answers the next with 429 and
// Retry-After: tests/integration/live-streams.test.ts). The page whose stream was refused still
// follows the order: it reloads its data on a slow beat instead. This server runs with RATE_LIMITS=off,
// so the refusal is played by the browser's network layer, the way the server sends it.

const browser = setupBrowser();

describe("an order page whose live stream is refused", () => {
  test("still shows a message the admin posts, by polling; the page with a stream shows it at once", { timeout: 120_000 }, async () => {
    const buyerContext = await browser.context();
    const live = await buyerContext.newPage();
    await logIn(live, "buyer@example.com");
    await live.goto("/orders");
    const href = (await live.locator('a[href^="/orders/"]').first().getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/orders\/[^/]+$/);
    await live.goto(href);

    const refused = await buyerContext.newPage();
    let refusals = 0;
    await refused.route("**/orders/*/events", async (route) => {
      refusals += 1;
      await route.fulfill({ status: 429, headers: { "Retry-After": "30", "Content-Type": "text/plain" }, body: "Too many live timelines" });
    });
    await refused.goto(href);
    await expect.poll(() => refusals, LIVE).toBeGreaterThanOrEqual(1);

    const adminContext = await browser.context();
    const admin = await adminContext.newPage();
    await logIn(admin, DEMO.admin);
    await admin.goto(href);
    const text = `e2e live fallback ${Date.now()}`;
    await admin.locator("#message-text").fill(text);
    await admin.getByRole("button", { name: "发送" }).click();
    await admin.getByText(text).waitFor();

    await live.getByText(text).waitFor({ timeout: LIVE.timeout });
    // The refused page's beat is 15 s.
    await refused.getByText(text).waitFor({ timeout: 30_000 });
    await adminContext.close();
    await buyerContext.close();
  });
});
