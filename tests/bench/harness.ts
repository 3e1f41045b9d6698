import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { TMP_DIR } from "../db-template";

export type BenchRow = { name: string; value: string; unit: string; note?: string };

/** The server the HTTP benchmarks measure: production mode, no rate limits, no scheduler, bench pages on. */
export const BENCH_SERVER_ENV = {
  NODE_ENV: "production",
  RATE_LIMITS: "off",
  BENCH_ROUTES: "1",
  WORKER: "off",
  // Known to the bench, which signs session cookies for the users it creates (tests/bench/orders-bench.ts).
  SESSION_SECRET: "bench-session-secret-0123456789",
  // Production refuses to start without its own key; this one only ever encrypts the bench's throwaway orders.
  IDENTITY_KEY: Buffer.alloc(32, 7).toString("base64"),
  UPLOAD_DIR: path.join(TMP_DIR, "bench-uploads"),
};

export async function load(
  url: string,
  options: { connections?: number; seconds?: number; method?: "GET" | "POST"; body?: string; headers?: Record<string, string> } = {},
) {
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.seconds ?? 5,
    method: options.method ?? "GET",
    body: options.body,
    headers: options.headers,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export function printAndSave(rows: BenchRow[], file = path.resolve("tests", "bench", "results", "latest.json")) {
  const width = Math.max(...rows.map((row) => row.name.length));
  const lines = rows.map((row) => `${row.name.padEnd(width)}  ${row.value.padStart(12)} ${row.unit.padEnd(10)} ${row.note ?? ""}`);
  console.log(
    `\n${"benchmark".padEnd(width)}  ${"value".padStart(12)} ${"unit".padEnd(10)} note\n${"-".repeat(width + 40)}\n${lines.join("\n")}`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
    rows,
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}
