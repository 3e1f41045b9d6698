import { keys } from "../alipay-test-keys";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { previousChinaDay } from "~/domain/payments/reconcile";
import { billCsv, billZip } from "../../fixtures/alipay-bill";
import { ecbFixture, erApiJson, fixtureRates } from "../../mocks/fx-providers";

// msw does not reach a child process: the CLI talks to a real loopback server instead.
type Reply = { status: number; type: string; body: string | Uint8Array };
const replies: Record<string, Reply> = {};
const provider = http.createServer((request, response) => {
  // By the whole URL, or by its path alone (a signed gateway query changes with every call).
  const reply = replies[request.url ?? ""] ??
    replies[new URL(request.url ?? "/", "http://loopback").pathname] ?? { status: 404, type: "text/plain", body: "no" };
  response.writeHead(reply.status, { "Content-Type": reply.type });
  response.end(reply.body);
});
let origin = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

beforeEach(async () => {
  await db.fxSnapshot.deleteMany();
  await db.jobLease.deleteMany();
  replies["/ecb.xml"] = { status: 200, type: "text/xml", body: ecbFixture };
  replies["/er.json"] = { status: 200, type: "application/json", body: erApiJson() };
});

// Async on purpose: spawnSync would block this process, and with it the provider server.
function runCli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    FX_ECB_URL: `${origin}/ecb.xml`,
    FX_FALLBACK_URL: `${origin}/er.json`,
    ALIPAY_GATEWAY: `${origin}/gateway.do`,
    ALLOW_PRIVATE_STORE_HOSTS: "1",
  };
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["jobs/cli/job.ts", ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run job -- rates", () => {
  test("--json prints exactly the stored snapshot and exits 0; progress goes to stderr", async () => {
    const { code, stdout, stderr } = await runCli("rates", "--json");
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { snapshot: { rates: Record<string, string> } };
    expect(Object.keys(printed)).toEqual(["snapshot"]);
    expect(printed.snapshot).toMatchObject({ base: "EUR", asOf: "2024-03-13", source: "ECB" });
    expect(Object.keys(printed.snapshot)).toEqual(["base", "asOf", "source", "rates"]);
    expect(printed.snapshot.rates.USD).toBe("1.0939");
    expect(stderr).toContain("fetching ECB");
    expect(await db.jobRun.findFirst({ where: { job: "rates", trigger: "CLI", outcome: "OK" } })).not.toBeNull();

    const readable = await runCli("rates", "--lang", "en");
    expect(readable.code).toBe(0);
    expect(readable.stdout).toContain("Rates unchanged: 2024-03-13 (ECB)");
  });

  test("both providers failing prints the error JSON, exits 2 and stores nothing", async () => {
    replies["/ecb.xml"] = { status: 404, type: "text/plain", body: "gone" }; // 404 is not retried: keeps the test fast
    replies["/er.json"] = { status: 200, type: "application/json", body: "{ truncated" };
    const { code, stdout } = await runCli("rates", "--json");
    expect(code).toBe(2);
    const { error } = JSON.parse(stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe("RATES_UNAVAILABLE");
    expect(error.message).toContain("ECB: NOT_FOUND");
    expect(await db.fxSnapshot.count()).toBe(0);
  }, 60_000);

  test("held rates exit 2 with RATES_HELD; the readable line is Chinese by default", async () => {
    await db.fxSnapshot.create({
      data: { base: "EUR", asOf: "2024-03-12", source: "ECB", rates: JSON.stringify({ ...fixtureRates(), USD: "2" }), status: "ACTIVE" },
    });
    replies["/er.json"] = { status: 404, type: "text/plain", body: "gone" };
    const json = await runCli("rates", "--json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe("RATES_HELD");
    const readable = await runCli("rates");
    expect(readable.code).toBe(2);
    expect(readable.stderr).toContain("已暂缓");
  });

  test("an unknown job or a bad flag prints the usage and exits 2", async () => {
    const unknown = await runCli("nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /unknown job: nope\nusage: npm run job -- <rates\|prices\|orders-complete\|orders-nudge\|mailer\|landed-prices\|housekeeping\|search-index\|payments-check\|payments-reconcile\|campaigns\|check-ins\|reorder-reminders\|storage-reminders>/,
    );
    const badDate = await runCli("payments-reconcile", "--date", "2026-02-30");
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain("--date 2026-02-30: not a day (yyyy-MM-dd)");
    const dateElsewhere = await runCli("rates", "--date", "2026-12-01");
    expect(dateElsewhere.code).toBe(2);
    expect(dateElsewhere.stderr).toContain("--date is only for the payments-reconcile job");
    const badProvider = await runCli("payments-reconcile", "--provider", "paypal");
    expect(badProvider.code).toBe(2);
    expect(badProvider.stderr).toContain("--provider paypal: alipay or wechat");
    expect(badProvider.stderr).toContain("[--provider alipay|wechat]");
    const providerElsewhere = await runCli("rates", "--provider", "wechat");
    expect(providerElsewhere.code).toBe(2);
    expect(providerElsewhere.stderr).toContain("--provider is only for the payments-reconcile job");
    const flag = await runCli("rates", "--frobnicate");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("usage");
    expect((await runCli()).code).toBe(2);
  });
});

describe("npm run job -- prices", () => {
  test("--json prints the summary, progress goes to stderr, and --store limits the run; --store on rates is refused", async () => {
    await db.taxCategory.upsert({
      where: { code: "sports" },
      create: {
        code: "sports",
        nameZh: "运动",
        nameEn: "Sports",
        postalRate: "0.2",
        cbecVat: "0.13",
        cbecConsumption: "0",
        mfnTariff: "0.08",
      },
      update: {},
    });
    await db.category.upsert({
      where: { slug: "sports" },
      create: { slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 },
      update: {},
    });
    const store = await db.store.create({
      data: { slug: "cli-store", name: "CLI Store", country: "US", currency: "USD", platform: "SHOPIFY", baseUrl: origin },
      select: { id: true },
    });
    await db.listing.create({
      data: {
        storeId: store.id,
        categorySlug: "sports",
        sourceUrl: `${origin}/products/cli-shoe`,
        title: "Shoe",
        description: "d",
        titleZh: "鞋",
        descriptionZh: "d",
        status: "PUBLISHED",
        price: "50.00",
        currency: "USD",
        available: true,
        weightGrams: 500,
        taxCategory: "sports",
      },
    });
    const product = {
      id: 1,
      title: "Shoe",
      handle: "cli-shoe",
      body_html: "",
      vendor: "V",
      product_type: "Shoes",
      tags: "",
      images: [],
      variants: [{ id: 11, title: "Default Title", price: "45.00", sku: "S1", grams: 500, weight: 500, weight_unit: "g" }],
    };
    replies["/products/cli-shoe.json"] = { status: 200, type: "application/json", body: JSON.stringify({ product }) };
    replies["/products/cli-shoe.js"] = {
      status: 200,
      type: "application/json",
      body: JSON.stringify({ ...product, variants: [{ ...product.variants[0], price: 4500, available: true }] }),
    };

    const { code, stdout, stderr } = await runCli("prices", "--json", "--store", "cli-store");
    expect(code).toBe(0);
    const { summary } = JSON.parse(stdout) as { summary: Record<string, number> };
    expect(summary).toMatchObject({ checked: 1, changed: 1, failed: 0 });
    expect(stderr).toMatch(/\[#+\] 100% 1\/1/);
    expect((await db.listing.findFirstOrThrow({ where: { storeId: store.id } })).price).toBe("45.00");

    const misuse = await runCli("rates", "--store", "cli-store");
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toContain("--store");
  }, 60_000);
});

describe("npm run job -- housekeeping", () => {
  test("prunes in its own process with progress on stderr, the summary as JSON, and its run recorded", async () => {
    const user = await db.user.create({ data: { email: `hk-${Date.now()}@example.com`, name: "HK", passwordHash: "x", role: "SHOPPER" } });
    await db.session.createMany({ data: Array.from({ length: 3 }, () => ({ userId: user.id, expiresAt: new Date(Date.now() - 60_000) })) });
    const { code, stdout, stderr } = await runCli("housekeeping", "--json");
    expect(code).toBe(0);
    expect(stderr).toContain("housekeeping: sessions: 3 deleted");
    expect((JSON.parse(stdout) as { summary: Record<string, number> }).summary).toMatchObject({
      sessions: 3,
      jobRuns: 0,
      quotes: 0,
      mail: 0,
    });
    expect(await db.jobRun.findFirst({ where: { job: "housekeeping", trigger: "CLI", outcome: "OK" } })).not.toBeNull();
    const readable = await runCli("housekeeping", "--lang", "en");
    expect(readable.stdout).toContain("Housekeeping deleted 0 job runs, 0 expired sessions");
  });
});

describe("npm run job -- payments-reconcile", () => {
  test("--date reconciles that day with progress on stderr; the readable line counts the differences", async () => {
    const day = previousChinaDay(new Date(Date.now() - 86_400_000));
    const inner = JSON.stringify({ code: "10000", msg: "Success", bill_download_url: `${origin}/bill.zip?day=${day}` });
    const sign = crypto.sign("RSA-SHA256", Buffer.from(inner), keys.alipayPrivate).toString("base64");
    replies["/gateway.do"] = {
      status: 200,
      type: "text/html;charset=utf-8",
      body: `{"alipay_data_dataservice_bill_downloadurl_query_response":${inner},"sign":"${sign}"}`,
    };
    const csv = billCsv([{ providerTradeNo: "2026120122001400099", outTradeNo: "TUNEVERCREDITED", amount: "12.00" }], { billDate: day });
    replies["/bill.zip"] = { status: 200, type: "application/zip", body: billZip(csv, day) };
    const { code, stdout, stderr } = await runCli("payments-reconcile", "--date", day, "--lang", "en");
    expect(stderr).toContain(`downloading Alipay's bill of ${day}`);
    expect(code).toBe(0);
    expect(stdout).toContain(`Reconciled ${day}: 0 matched, 1 differences to review at /admin/reconciliation (ALIPAY DIFFERENCES).`);
    const run = await db.reconciliationRun.findUniqueOrThrow({ where: { provider_billDate: { provider: "ALIPAY", billDate: day } } });
    expect(run).toMatchObject({ status: "DIFFERENCES", differences: 1 });
    expect(await db.jobRun.findFirst({ where: { job: "payments-reconcile", trigger: "CLI", outcome: "OK" } })).not.toBeNull();
  });
});
