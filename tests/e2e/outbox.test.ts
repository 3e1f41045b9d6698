import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { DEMO, logIn, setupBrowser } from "./browser";

const browser = setupBrowser();

/** A mail the running server's outbox holds; the dates copied from a row the server wrote, whatever their stored form. */
function queueMail(subject: string, status: "FAILED" | "PENDING", attempts: number, lastError: string) {
  const id = `e2e${randomUUID().replaceAll("-", "")}`.slice(0, 25);
  const db = new Database(inject("databaseFile"), { fileMustExist: true });
  try {
    db.prepare(
      `INSERT INTO "EmailOutbox" ("id", "to", "subject", "body", "status", "attempts", "nextAttemptAt", "lastError", "createdAt")
       SELECT ?, 'e2e-outbox@example.com', ?, 'body', ?, ?, CASE WHEN ? = 'PENDING' THEN "createdAt" END, ?, "createdAt"
       FROM "User" ORDER BY "createdAt" DESC LIMIT 1`,
    ).run(id, subject, status, attempts, status, lastError);
  } finally {
    db.close();
  }
  return id;
}

describe("/admin/outbox", () => {
  test("without JavaScript an admin sees a failed and a waiting mail's attempts and error, and retries them", async () => {
    const failedSubject = `e2e failed ${randomUUID()}`;
    const waitingSubject = `e2e waiting ${randomUUID()}`;
    queueMail(failedSubject, "FAILED", 16, "550 5.1.1 user unknown");
    queueMail(waitingSubject, "PENDING", 3, "421 4.3.2 try again later");
    const context = await browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, DEMO.admin);
    await page.goto("/admin/outbox?status=FAILED");

    const failed = page.locator("article", { hasText: failedSubject });
    expect(await failed.textContent()).toContain("550 5.1.1 user unknown");
    expect(await failed.textContent()).toContain("16");
    await failed.getByRole("button", { name: "立即重试" }).click();
    await page.getByText("这封邮件将在下一次邮件任务（一分钟内）中发送。").waitFor();
    expect(page.url()).toContain("status=FAILED");
    expect(await page.locator("article", { hasText: failedSubject }).count()).toBe(0);

    await page.goto("/admin/outbox?status=PENDING");
    const retried = page.locator("article", { hasText: failedSubject });
    expect(await retried.textContent()).toContain("待发送");
    expect(await retried.getByRole("button", { name: "立即重试" }).count()).toBe(0);
    const waiting = page.locator("article", { hasText: waitingSubject });
    expect(await waiting.textContent()).toContain("下次尝试");
    expect(await waiting.textContent()).toContain("421 4.3.2 try again later");
    await waiting.getByRole("button", { name: "立即重试" }).click();
    await page.getByText("这封邮件将在下一次邮件任务（一分钟内）中发送。").waitFor();
    const after = page.locator("article", { hasText: waitingSubject });
    expect(await after.textContent()).not.toContain("下次尝试");
    expect(await after.getByRole("button", { name: "立即重试" }).count()).toBe(0);
    await context.close();
  });
});
