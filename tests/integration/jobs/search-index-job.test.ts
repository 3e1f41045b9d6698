import { spawn } from "node:child_process";
import path from "node:path";
import { createInstance } from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { CHINA_TIME_ZONE } from "~/domain/china-time";
import { parseSearchQuery } from "~/domain/search-query";
import { searchCatalog } from "~/services/catalog-search.server";
import { queueJobRun } from "~/services/jobs.server";
import { drainAllSearchQueue, searchQueueLength } from "~/services/search-index.server";
import { db, dbProvider } from "~/utils/db.server";
import { i18nConfig } from "~/utils/i18n-resources";
import { seedReference } from "../../../prisma/seed";
import { jobRegistry } from "../../../jobs/registry";
import { startWorker, type Worker } from "../../../jobs/worker";

// The search-index job (every minute: drain the whole queue) and `npm run search:rebuild`. Searches
// here are not used to check the index before the job ran: a search drains the queue itself.

const quiet = { info: () => undefined, error: () => undefined };
const workers: Worker[] = [];
let storeId = "";
let serial = 0;

async function createListings(count: number, word: string) {
  for (let index = 0; index < count; index += 1) {
    serial += 1;
    await db.listing.create({
      data: {
        storeId,
        categorySlug: "sj-things",
        sourceUrl: `https://sj-store.example.com/products/sj-${serial}`,
        title: `${word} item ${serial}`,
        titleZh: `测试${serial}`,
        description: "",
        descriptionZh: "",
        price: "10.00",
        currency: "USD",
        weightGrams: 500,
        taxCategory: "electronics",
        variants: { create: [{ title: "Default", titleZh: "默认", price: "10.00", position: 0 }] },
      },
    });
  }
}

const entries = async () => {
  const rows = await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM "ListingSearchEntry"`;
  return Number(rows[0]?.n ?? 0);
};

function spawnTsx(script: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), [script, ...args], { env: process.env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  // A child that hangs is killed with what it printed so far, rather than timing the test out silently.
  const timer = setTimeout(() => child.kill(), 40_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

beforeAll(async () => {
  await seedReference(db);
  await db.category.create({ data: { slug: "sj-things", nameZh: "杂物", nameEn: "Things", taxCategory: "electronics", sortOrder: 90 } });
  const store = await db.store.create({
    data: {
      slug: "sj-store",
      name: "Sj Store",
      country: "US",
      currency: "USD",
      platform: "MANUAL",
      baseUrl: "https://sj-store.example.com",
    },
  });
  storeId = store.id;
});

beforeEach(async () => {
  await drainAllSearchQueue();
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});

describe("the search-index job", () => {
  test("is registered to run every minute in China time, with a name and description in both languages", async () => {
    const job = jobRegistry["search-index"];
    expect(job?.schedules).toEqual(["* * * * *"]);
    expect(job?.timezone).toBe(CHINA_TIME_ZONE);
    for (const lng of ["zh-CN", "en"]) {
      const i18n = createInstance();
      await i18n.init({ ...i18nConfig, lng });
      const t = i18n.getFixedT(lng, "jobs");
      for (const key of ["names.search-index", "hints.search-index", "counts.indexed", "cli.searchIndexDone", "cli.searchIndexFailed"])
        expect(i18n.exists(`jobs:${key}`), `${lng} ${key}`).toBe(true);
      expect(t("cli.searchIndexDone", { indexed: 7 })).toContain("7");
    }
  });

  test("drains the whole queue, past one batch, and reports how many listings it indexed", async () => {
    const job = jobRegistry["search-index"];
    if (!job) throw new Error("no search-index job");
    const before = await entries();
    await createListings(520, "Fennelrook");
    expect(await searchQueueLength()).toBe(520);
    const progress: string[] = [];
    const run = await job.run({ trigger: "CLI", holder: "test", onProgress: (message) => progress.push(message) });
    expect(run.outcome).toBe("OK");
    expect(run.counts).toEqual({ indexed: 520 });
    expect(await searchQueueLength()).toBe(0);
    expect(await entries()).toBe(before + 520);
    expect(progress.at(-1)).toBe("520 indexed, 0 waiting");
    expect(job.report(run)).toEqual({ exitCode: 0, json: { summary: { indexed: 520 } }, key: "searchIndexDone", params: { indexed: 520 } });
    const stored = await db.jobRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(stored).toMatchObject({ job: "search-index", trigger: "CLI", outcome: "OK" });
    expect(JSON.parse(stored.counts ?? "{}")).toEqual({ indexed: 520 });
    expect((await searchCatalog(parseSearchQuery(new URLSearchParams({ q: "fennelrook" })))).total).toBe(520);

    const idle = await job.run({ trigger: "CLI", holder: "test" });
    expect(idle.counts).toEqual({ indexed: 0 });
  });

  test("a held lease skips the run and the CLI report says the job is busy", async () => {
    const job = jobRegistry["search-index"];
    if (!job) throw new Error("no search-index job");
    await createListings(2, "Lockwyn");
    await db.jobLease.create({ data: { job: "search-index", holder: "worker@elsewhere", expiresAt: new Date(Date.now() + 60_000) } });
    const run = await job.run({ trigger: "SCHEDULE", holder: "test" });
    expect(run.outcome).toBe("SKIPPED");
    expect(job.report(run)).toMatchObject({ exitCode: 2, key: "busy", json: { error: { code: "JOB_BUSY" } } });
    expect(await searchQueueLength()).toBe(2);
  });

  test("run now: a queued run is picked up by a worker with trigger MANUAL", async () => {
    const job = jobRegistry["search-index"];
    if (!job) throw new Error("no search-index job");
    await createListings(3, "Quillomer");
    const { run } = await queueJobRun("search-index");
    workers.push(startWorker({ holder: "worker-a", jobs: { "search-index": job }, catchUp: false, log: quiet, queuePollMs: 100 }));
    await vi.waitFor(async () => expect((await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).outcome).toBe("OK"), {
      timeout: 5_000,
      interval: 50,
    });
    const stored = await db.jobRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.trigger).toBe("MANUAL");
    expect(JSON.parse(stored.counts ?? "{}")).toEqual({ indexed: 3 });
  });

  test("npm run job -- search-index prints the count in Chinese by default, in English with --lang en, JSON with --json", async () => {
    await createListings(3, "Tindleberry");
    const zh = await spawnTsx("jobs/cli/job.ts", "search-index");
    expect(zh.code).toBe(0);
    expect(zh.stdout.trim()).toBe("已为搜索索引 3 个商品。");
    await createListings(2, "Tindleberry");
    const en = await spawnTsx("jobs/cli/job.ts", "search-index", "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stdout.trim()).toBe("Indexed 2 listings for search.");
    expect(en.stderr).toContain("search-index: 2 indexed, 0 waiting");
    const json = await spawnTsx("jobs/cli/job.ts", "search-index", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ summary: { indexed: 0 } });
  }, 60_000);
});

describe("npm run search:rebuild", () => {
  test("rebuilds a wiped index with progress on stderr and a summary on stdout, exit 0", async () => {
    await createListings(3, "Marrowgate");
    await drainAllSearchQueue();
    const published = await db.listing.count({ where: { status: "PUBLISHED" } });
    expect(await entries()).toBe(published);
    await db.$executeRawUnsafe(`DELETE FROM "ListingSearchEntry"`);
    if (dbProvider === "sqlite") await db.$executeRawUnsafe(`DELETE FROM "ListingSearchFts"`);

    const total = await db.listing.count();
    const en = await spawnTsx("jobs/cli/search-rebuild.ts", "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stderr).toContain(`Rebuilding the search index: ${total.toLocaleString("en")} indexed, 0 waiting`);
    expect(en.stdout).toMatch(new RegExp(`^Rebuilt the search index: ${total} listings re-indexed in \\d+\\.\\d s\\.\\n$`));
    expect(await entries()).toBe(published);
    expect(await searchQueueLength()).toBe(0);
    expect((await searchCatalog(parseSearchQuery(new URLSearchParams({ q: "marrowgate" })))).total).toBe(3);

    const zh = await spawnTsx("jobs/cli/search-rebuild.ts");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain(`搜索索引已重建：重新索引 ${total} 个商品`);

    const json = await spawnTsx("jobs/cli/search-rebuild.ts", "--json");
    expect(json.code).toBe(0);
    const printed = JSON.parse(json.stdout) as { summary: { indexed: number; durationMs: number } };
    expect(printed.summary.indexed).toBe(total);
    expect(typeof printed.summary.durationMs).toBe("number");
  }, 60_000);

  test("refuses any other argument with the usage line and exit 2, touching nothing", async () => {
    for (const args of [["everything"], ["--frobnicate"], ["--lang", "fr"]]) {
      const result = await spawnTsx("jobs/cli/search-rebuild.ts", ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("usage: npm run search:rebuild [-- [--json] [--lang zh-CN|en]]");
      expect(result.stdout).toBe("");
    }
    expect(await searchQueueLength()).toBe(0);
  }, 60_000);
});
