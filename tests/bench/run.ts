import path from "node:path";
import { execFileSync } from "node:child_process";
import { TMP_DIR } from "../db-template";
import { startServer } from "../server-process";
import { oneItem, tenItems, timeEngine } from "./engine";
import { load, printAndSave, type BenchRow } from "./harness";

// Every figure is a ratio measured in this one run against a reference in the same server,
// so it means something on any machine; absolute numbers vary by ±25% on shared 2-core hosts.
const rows: BenchRow[] = [];
const fmt = (value: number, digits = 0) => value.toFixed(digits);

const oneMicros = timeEngine(oneItem);
const tenMicros = timeEngine(tenItems);
const oneFreshMicros = timeEngine(oneItem, { freshContext: true });
rows.push(
  { name: "engine: 1-item quote", value: fmt(oneMicros, 1), unit: "µs/quote", note: `${fmt(1e6 / oneMicros)} quotes/s; target < 20 µs` },
  { name: "engine: 10-item quote", value: fmt(tenMicros, 1), unit: "µs/quote", note: `${fmt(1e6 / tenMicros)} quotes/s` },
  { name: "engine: 1-item, context re-validated", value: fmt(oneFreshMicros, 1), unit: "µs/quote", note: "a new context object every call" },
);

execFileSync(path.resolve("node_modules", ".bin", "remix"), ["build"], { stdio: "ignore" });
const server = await startServer({
  databaseFile: path.join(TMP_DIR, "bench.db"),
  env: { NODE_ENV: "production", RATE_LIMITS: "off" },
});
try {
  const trivial = await load(`${server.baseUrl}/api/ping`);
  const home = await load(`${server.baseUrl}/`);
  rows.push(
    { name: "trivial JSON route /api/ping", value: fmt(trivial.rps), unit: "req/s", note: `p50 ${trivial.p50} ms, p99 ${trivial.p99} ms` },
    { name: "home page /", value: fmt(home.rps), unit: "req/s", note: `p50 ${home.p50} ms, p99 ${home.p99} ms` },
    { name: "home page ÷ trivial route", value: fmt(home.rps / trivial.rps, 3), unit: "ratio", note: "server rendering is the cost" },
  );
  const apiBody = JSON.stringify({ request: oneItem, context: { shippingLine: "us-cbec-bonded" } });
  const api = await load(`${server.baseUrl}/api/quotes`, { method: "POST", body: apiBody, headers: { "Content-Type": "application/json" } });
  rows.push(
    { name: "POST /api/quotes (1 item, stored)", value: fmt(api.rps), unit: "req/s", note: `p50 ${api.p50} ms, p99 ${api.p99} ms` },
    { name: "quote API ÷ trivial route", value: fmt(api.rps / trivial.rps, 3), unit: "ratio", note: "target ≥ 0.5" },
  );
} finally {
  await server.stop();
}
printAndSave(rows);
