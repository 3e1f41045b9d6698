import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

// Flags from PLATFORM.md: without them Chromium floods the closed network with refused connections.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function setupBrowser() {
  const state: { browser?: Browser } = {};
  let userDataDir = "";
  beforeAll(async () => {
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daigou-e2e-"));
    state.browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: FLAGS });
  });
  afterAll(async () => {
    await state.browser?.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  });
  return {
    async context(options: { javaScriptEnabled?: boolean; locale?: string; baseURL?: string } = {}): Promise<BrowserContext> {
      if (!state.browser) throw new Error("browser not started");
      return state.browser.newContext({
        baseURL: options.baseURL ?? baseUrl(),
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        locale: options.locale ?? "zh-CN",
        viewport: { width: 390, height: 844 },
      });
    },
  };
}

export const DEMO = { shopper: "shopper@example.com", agent: "agent@example.com", admin: "admin@example.com", password: "daigou-demo-1" };

/** Logs a demo account in through the real form (Chinese UI) and waits until the header shows it. */
export async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(DEMO.password);
  await page.getByRole("button", { name: "登录" }).click();
  await waitForSignedIn(page);
}

/** Waits until the page is rendered for a signed-in user (the header says so in data-signed-in). */
export async function waitForSignedIn(page: Page) {
  await page.locator('header[data-signed-in="true"]').waitFor({ state: "attached" });
}

/** Logs out the way a phone user does: the 我的 tab, then 退出登录 at the bottom of that page. */
export async function logOut(page: Page) {
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的" }).click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.locator('header[data-signed-in="false"]').waitFor({ state: "attached" });
}

/** Opens the staff's 工作台 menu in the header (a <details>), where the agent's and admin's pages are. */
export async function openWorkbench(page: Page) {
  await page.locator(".workbench-menu > summary").click();
}

/** The e2e output folder: screenshots a reviewer (and the README) can look at after a run. */
export const SCREENSHOT_DIR = path.resolve("tests/.tmp/screenshots");

/** Saves a phone screenshot (the full page unless told the first screen only) as tests/.tmp/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
