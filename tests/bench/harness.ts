import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

export type BenchRow = { name: string; value: string; unit: string; note?: string };

export async function load(url: string, options: { connections?: number; seconds?: number; method?: "GET" | "POST"; body?: string; headers?: Record<string, string> } = {}) {
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
  console.log(`\n${"benchmark".padEnd(width)}  ${"value".padStart(12)} ${"unit".padEnd(10)} note\n${"-".repeat(width + 40)}\n${lines.join("\n")}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const report = { at: new Date().toISOString(), node: process.version, cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency, rows };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}
