import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TMP_DIR } from "../db-template";
import { startServer, type RunningServer } from "../server-process";
import { DEMO, logIn, screenshot, setupBrowser } from "./browser";

const browser = setupBrowser();
const modulesFile = path.join(TMP_DIR, "e2e-jobs-modules.txt");
let server: RunningServer;

// A server of its own: the shared one runs with WORKER=off, this one runs its worker inline (the
// `npm start` default), with every ES module it loads recorded by a module hook.
beforeAll(async () => {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  fs.rmSync(modulesFile, { force: true });
  server = await startServer({
    databaseFile: path.join(TMP_DIR, "e2e-jobs.db"),
    env: { WORKER: "inline", RATE_LIMITS: "off", RECORD_MODULES_FILE: modulesFile, UPLOAD_DIR: path.join(TMP_DIR, "e2e-jobs-uploads") },
    nodeArgs: ["--import", pathToFileURL(path.resolve("tests", "e2e", "support", "record-modules.mjs")).href],
  });
});
afterAll(async () => {
  await server?.stop();
});

describe("one copy of every module; run now is queued and run by the worker", () => {
  test("an admin's run now is queued, then the web process's own worker runs it and the page follows without a reload", async () => {
    const context = await browser.context({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await logIn(page, DEMO.admin);
    await page.goto("/admin/jobs");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "数据清理", level: 2 }) });
    await section.getByText("超过 30 天的已结束任务记录（每个任务始终保留最近 20 条）").waitFor();
    expect(await section.textContent()).toContain("超过 90 天且已失效、没有任何订单使用的报价");
    await section.getByRole("button", { name: "立即运行" }).click();
    await page.getByText("数据清理已排队：任务进程会在几秒内开始运行。").waitFor();
    // The worker polls every 2 s; the page looks again while a run is queued or running.
    const done = section.locator('tr[data-outcome="OK"]');
    await done.waitFor({ timeout: 10_000 });
    expect(await done.textContent()).toContain("手动");
    expect(await section.locator('tr[data-outcome="QUEUED"]').count()).toBe(0);
    await context.close();
  });

  test("the server process loaded the build once and no source file of the app (plain node, no tsx)", async () => {
    // Something from every part: pages, the quote API, the inline worker (it ran above).
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const loaded = fs.readFileSync(modulesFile, "utf8").trim().split("\n");
    const root = pathToFileURL(path.resolve(".")).href;
    const build = pathToFileURL(path.resolve("build", "index.js")).href;
    expect(loaded.filter((url) => url === build)).toHaveLength(1);
    const sources = loaded.filter(
      (url) => url.startsWith(`${root}/app/`) || url.startsWith(`${root}/jobs/`) || url.startsWith(`${root}/prisma/`),
    );
    expect(sources).toEqual([]);
    expect(loaded.filter((url) => url.includes("/node_modules/tsx/"))).toEqual([]);
    // Sanity: the hook did record the process's modules (the build and its packages).
    expect(loaded.some((url) => url.includes("/node_modules/express/"))).toBe(true);
  });

  test("on a phone the runs are cards in Chinese: times in China time, codes and errors explained, the original one tap away", async () => {
    const db = new Database(path.join(TMP_DIR, "e2e-jobs.db"));
    const insert = db.prepare(
      `INSERT INTO "JobRun" ("id", "job", "trigger", "startedAt", "finishedAt", "outcome", "counts", "error") VALUES (?, 'rates', 'SCHEDULE', ?, ?, ?, ?, ?)`,
    );
    insert.run(
      "run-e2e-failed",
      "2026-12-06T22:00:00.000+00:00",
      "2026-12-06T22:00:03.500+00:00",
      "FAILED",
      '{"status":"FAILED","failedProviders":1}',
      "ECB: fetch failed (getaddrinfo ENOTFOUND www.ecb.europa.eu)",
    );
    insert.run(
      "run-e2e-held",
      "2026-12-06T23:00:00.000+00:00",
      "2026-12-06T23:00:01.000+00:00",
      "PARTIAL",
      '{"status":"HELD","asOf":"2026-12-04","source":"ECB","currencies":30}',
      "ECB answered HTTP 503",
    );
    db.close();

    const context = await browser.context({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await logIn(page, DEMO.admin);
    await page.goto("/admin/jobs");
    const failed = page.locator('tr[data-outcome="FAILED"]').filter({ hasText: "无法连接数据来源" });
    await failed.waitFor();
    // 22:00 UTC is 06:00 the next morning in China.
    expect(await failed.locator('td[data-label="开始时间"]').textContent()).toBe("2026年12月7日 06:00");
    expect(await failed.textContent()).toContain("失败");
    expect(await failed.locator("code").isVisible()).toBe(false);
    await failed.getByText("技术细节（原文）").click();
    expect(await failed.locator("code").textContent()).toContain("ENOTFOUND");

    const held = page.locator('tr[data-outcome="PARTIAL"]').filter({ hasText: "HTTP 503" });
    expect(await held.textContent()).toContain("已暂扣，待管理员确认");
    expect(await held.textContent()).toContain("欧洲央行");
    expect(await held.textContent()).toContain("2026年12月4日");
    expect(await held.textContent()).not.toMatch(/2026-12-04|HELD/);

    // Nothing is wider than the phone: no sideways scrolling.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > 391)
        .slice(0, 8)
        .map((element) => `${element.tagName}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "admin-jobs-phone", { fullPage: false });
    await context.close();
  });
});
