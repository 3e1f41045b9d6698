import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TMP_DIR } from "../db-template";
import { startServer, type RunningServer } from "../server-process";
import { DEMO, logIn, setupBrowser } from "./browser";

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
});
