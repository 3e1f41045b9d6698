import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchRow } from "./harness";

// Lighthouse 12 (the last major on Node 20) from the npm registry at bench time, driving Debian's
// Chromium offline against the local server; mobile form factor with its default simulated throttling.
const LIGHTHOUSE = "lighthouse@12.8.2";
const FLAGS =
  "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync";

/** `cookie`: the session a signed-in page (cart, order) is audited with. */
export function lighthouseRows(pages: { name: string; url: string; cookie?: string }[]): BenchRow[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lighthouse-"));
  const rows: BenchRow[] = [];
  for (const page of pages) {
    const output = path.join(dir, `${page.name}.json`);
    try {
      execFileSync(
        "npx",
        [
          "-y",
          LIGHTHOUSE,
          page.url,
          "--quiet",
          "--output=json",
          `--output-path=${output}`,
          "--only-categories=performance,accessibility",
          "--form-factor=mobile",
          `--chrome-flags=${FLAGS}`,
          ...(page.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: page.cookie })}`] : []),
        ],
        {
          env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
          stdio: ["ignore", "ignore", "pipe"],
          timeout: 180_000,
        },
      );
      const report = JSON.parse(fs.readFileSync(output, "utf8")) as {
        categories: Record<string, { score: number | null }>;
        audits: Record<string, { numericValue?: number }>;
      };
      const score = (key: string) => Math.round((report.categories[key]?.score ?? 0) * 100);
      // The simulated metrics behind the score, so a row that misses its target says where the time went.
      const ms = (key: string) => Math.round(report.audits[key]?.numericValue ?? Number.NaN);
      const cls = (report.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN).toFixed(3);
      rows.push({
        name: `Lighthouse mobile: ${page.name}`,
        value: `${score("performance")} / ${score("accessibility")}`,
        unit: "perf / a11y",
        note: `target 100 / 100; FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${cls}`,
      });
    } catch (error) {
      rows.push({
        name: `Lighthouse mobile: ${page.name}`,
        value: "n/a",
        unit: "",
        note: `could not run: ${(error as Error).message.split("\n")[0]}`,
      });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}
