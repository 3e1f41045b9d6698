import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { RULES_2024 } from "../fixtures/customs-rules";
import { headphones, seedPricing, SPEC_NOW } from "./pricing-fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quote-cli-"));

function writeDoc(name: string, content: unknown) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function runCli(...args: string[]) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["jobs/cli/quote.ts", ...args], { encoding: "utf8", env: process.env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  await seedPricing(db);
});

describe("npm run quote", () => {
  const doc = { request: { items: [headphones], insurance: true }, context: { now: SPEC_NOW, shippingLine: "us-postal-ems" } };

  test("--json prints the spec's quote and exits 0", () => {
    const { code, stdout } = runCli(writeDoc("ok.json", doc), "--json");
    expect(code).toBe(0);
    const quote = JSON.parse(stdout);
    expect(quote.total).toBe("2592.40");
    expect(quote.lines.map((line: { code: string }) => line.code)).toEqual([
      "goods",
      "domestic_shipping",
      "service_fee",
      "international_shipping",
      "insurance",
      "import_tax",
    ]);
  });

  test("without --json it prints a readable breakdown in Chinese, or English with --lang en", () => {
    const zh = runCli(writeDoc("ok-zh.json", doc));
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("进口税");
    expect(zh.stdout).toMatch(/到手价\s+¥2,592\.40/);
    const en = runCli(writeDoc("ok-en.json", doc), "--lang", "en");
    expect(en.stdout).toMatch(/Landed price\s+CN¥2,592\.40/);
  });

  test("the breakdown names the packing and its fee, inside international shipping", () => {
    const packed = { ...doc, request: { ...doc.request, packing: { removeBoxes: true, extraProtection: true } } };
    const zh = runCli(writeDoc("packed-zh.json", packed));
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("包装（去除外箱、加固防护）：¥17.00，已含在国际运费中。");
    const en = runCli(writeDoc("packed-en.json", packed), "--lang", "en");
    expect(en.stdout).toContain("Packing (outer boxes removed, extra protection): CN¥17.00, included in international shipping.");
  });

  test("the breakdown names the customs rules it used; a document may carry its own", () => {
    const zh = runCli(writeDoc("rules-zh.json", doc));
    expect(zh.stdout).toContain("海关规则：2019 年行邮税及跨境电商零售进口政策，2019-04-09 起施行");
    const december = {
      ...doc,
      context: {
        ...doc.context,
        now: "2025-01-10T09:00:00Z",
        fx: { base: "EUR", asOf: "2025-01-09", rates: { USD: "1.0939", CNY: "7.8678" } },
      },
    };
    expect(runCli(writeDoc("rules-en.json", december), "--lang", "en").stdout).toContain(
      "Customs rules: GACC Announcement 2024 No. 176, in force from 2024-12-01",
    );
    const own = { ...doc, context: { ...doc.context, customs: { ...RULES_2024, source: "My test rules", postalParcelLimit: "1000.00" } } };
    expect(runCli(writeDoc("rules-own.json", own)).stdout).toContain("海关规则：My test rules，2024-12-01 起施行");
    const twoShirts = {
      request: { items: [{ ...headphones, price: "120.00", quantity: 2, taxCategory: "clothing" }] },
      context: own.context,
    };
    const refused = runCli(writeDoc("rules-own-limit.json", twoShirts), "--json");
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: "POSTAL_PARCEL_LIMIT", details: { limit: "1000.00" } });
  });

  test("a rule error exits 2 and still prints the error JSON with --json", () => {
    const twoShirts = {
      request: { items: [{ ...headphones, price: "120.00", quantity: 2, taxCategory: "clothing" }] },
      context: { now: SPEC_NOW, shippingLine: "us-postal-ems" },
    };
    const { code, stdout } = runCli(writeDoc("limit.json", twoShirts), "--json");
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error.code).toBe("POSTAL_PARCEL_LIMIT");
  });

  test("a missing file, broken JSON or unknown flag exits 2 with a message", () => {
    const missing = runCli(path.join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
    const broken = runCli(writeDoc("broken.json", "{ request:"), "--json");
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout).error.code).toBe("INVALID_INPUT");
    const flag = runCli(writeDoc("flag.json", doc), "--frobnicate");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("usage");
  });
});
