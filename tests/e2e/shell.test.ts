import { describe, expect, test } from "vitest";
import { baseUrl, DEMO, logIn, logOut, openWorkbench, setupBrowser, waitForSignedIn } from "./browser";
import { signUpShopper } from "./order-flow";

const browser = setupBrowser();

describe("storefront and language", () => {
  test("the home page renders in Chinese with categories and featured listings", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("海外好物，到手价一次算清");
    expect(await page.locator(".category-grid li").count()).toBeGreaterThanOrEqual(8);
    const cards = page.locator(".listing-card");
    expect(await cards.count()).toBeGreaterThanOrEqual(8);
    // every card shows the original price with its currency code
    expect(await cards.first().locator(".currency-code").textContent()).toMatch(/^[A-Z]{3}$/);
    await context.close();
  });

  test("switching to English changes the page and sticks across visits", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Goods from abroad, one landed price");
    await page.goto("/c/electronics");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: "中文" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    expect(new URL(page.url()).pathname).toBe("/c/electronics");
    await context.close();
  });

  test("a browser asking for English gets English; an unknown locale cookie falls back to Chinese", async () => {
    const english = await browser.context({ locale: "en-US" });
    const page = await english.newPage();
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await english.close();

    const response = await fetch(`${baseUrl()}/`, { headers: { Cookie: "lng=xx-YY" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('lang="zh-CN"');
  });

  test("an unknown page shows the localized 404 page", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("页面不存在");
    await context.close();
  });
});

describe("accounts", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`the demo shopper logs in and out (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.context({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/");
      await page.getByRole("link", { name: "登录" }).click();
      await page.getByLabel("电子邮箱").fill(DEMO.shopper);
      await page.getByLabel("密码").fill(DEMO.password);
      await page.getByRole("button", { name: "登录" }).click();
      await waitForSignedIn(page);
      expect(new URL(page.url()).pathname).toBe("/");
      await logOut(page);
      await page.getByRole("link", { name: "登录" }).waitFor();
      await page.goto("/account");
      expect(new URL(page.url()).pathname).toBe("/login");
      await context.close();
    });
  }

  test("a wrong password shows a localized error and keeps the email", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("电子邮箱").fill(DEMO.shopper);
    await page.getByLabel("密码").fill("wrong-password-1");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("alert").filter({ hasText: "邮箱或密码不正确。" }).waitFor();
    expect(await page.getByLabel("电子邮箱").inputValue()).toBe(DEMO.shopper);
    await context.close();
  });

  test("the admin sees the workspace entry points; a guest is sent to log in", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    await page.goto("/login?redirectTo=/admin");
    await page.getByLabel("电子邮箱").fill(DEMO.admin);
    await page.getByLabel("密码").fill(DEMO.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "管理后台" }).waitFor();
    await openWorkbench(page);
    expect(await page.getByRole("link", { name: "代购工作台" }).count()).toBe(1);
    await context.close();

    const shopper = await fetch(`${baseUrl()}/admin`, { redirect: "manual" });
    expect(shopper.status).toBe(302);
  });
});

describe("bad input on forms", () => {
  test("signup without JavaScript: a registered email gets the same 'check your mail' page as a new one; a weak or common password a localized error with focus", async () => {
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    const answers: string[] = [];
    for (const email of [DEMO.shopper, `fresh-${Date.now()}@example.com`]) {
      await page.goto("/signup");
      await page.getByLabel("电子邮箱").fill(email);
      await page.getByLabel("昵称").fill("重复的人");
      await page.getByLabel("密码", { exact: true }).fill("longer-pass-1");
      await page.getByLabel("确认密码").fill("longer-pass-1");
      await page.getByRole("button", { name: "创建账户" }).click();
      await page.getByRole("heading", { name: "请查收邮件" }).waitFor();
      answers.push(((await page.locator("main").textContent()) ?? "").replace(email, "<email>"));
    }
    expect(answers[0]).toContain("我们已向 <email> 发送了一个链接，打开它即可完成注册。");
    expect(answers[0]).toBe(answers[1]);

    await page.goto("/signup");
    await page.getByLabel("电子邮箱").fill("fresh-person@example.com");
    await page.getByLabel("昵称").fill("新人");
    await page.getByLabel("密码", { exact: true }).fill("short");
    await page.getByLabel("确认密码").fill("short");
    await page.getByRole("button", { name: "创建账户" }).click();
    await page.getByText("密码至少需要 8 位。").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");

    await page.getByLabel("密码", { exact: true }).fill("1qaz2wsx");
    await page.getByLabel("确认密码").fill("1qaz2wsx");
    await page.getByRole("button", { name: "创建账户" }).click();
    await page.getByText("这个密码太常见了，请换一个。").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");
    await context.close();
  });

  test("forgot password: the link waits in the outbox, where the admin reads it; the owner opens it, sets a new password and is logged in", async () => {
    const context = await browser.context();
    const owner = await context.newPage();
    const email = await signUpShopper(owner, "reset-e2e");
    await logOut(owner);
    await owner.getByRole("link", { name: "登录" }).waitFor();
    await owner.goto("/login");
    await owner.getByRole("link", { name: "忘记密码？" }).click();
    await owner.getByRole("heading", { name: "忘记密码" }).waitFor();
    await owner.getByLabel("电子邮箱").fill(email);
    await owner.getByRole("button", { name: "发送重设链接" }).click();
    await owner.getByText(`如果 ${email} 注册过账户，我们已向它发送了重设密码的链接`).waitFor();

    const adminContext = await browser.context();
    const admin = await adminContext.newPage();
    await logIn(admin, DEMO.admin);
    await admin.goto("/admin/outbox?status=PENDING");
    const mail = admin.locator("article", { hasText: email }).filter({ hasText: "重设环球代购密码" });
    const body = (await mail.locator(".mail-body").textContent()) ?? "";
    const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
    expect(link).toBeDefined();
    await adminContext.close();

    await owner.goto(new URL(link ?? "").pathname);
    await owner.getByLabel("新密码").fill("New-e2e-pass-2024");
    await owner.getByLabel("确认密码").fill("New-e2e-pass-2024");
    await owner.getByRole("button", { name: "设置新密码并登录" }).click();
    await waitForSignedIn(owner);
    // The link worked once.
    await owner.goto(new URL(link ?? "").pathname);
    await owner.getByText("这个重设链接无效、已经用过或已过期。").waitFor();
    await context.close();
  });
});

describe("request guards", () => {
  test("a cross-site POST is refused before it reaches the app", async () => {
    const response = await fetch(`${baseUrl()}/signup`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "csrf@example.com", name: "x", password: "longer-pass-1", confirmPassword: "longer-pass-1" }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    // the same form from our own origin is accepted, so the refusal above was the origin check
    const own = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "csrf@example.com", password: "longer-pass-1" }),
      redirect: "manual",
    });
    expect(own.status).toBe(400);
  });

  test("an oversized body gets 413", async () => {
    const response = await fetch(`${baseUrl()}/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=" + "a".repeat(2_000_000),
    });
    expect(response.status).toBe(413);
  });

  test("/healthz checks the database", async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("OK");
  });
});
