// Arrival dates as bench rows: how far the predicted delivery date is from the real one, against the
// fixed range midpoint the pages showed before. Pure (no server, no database): a generated history
// of orders from several stores on several lines, each with its own real stage durations plus noise
// (a seeded RNG, so every run sees the same history), is split in time; the model learns from the
// orders delivered before the split and predicts, at payment, each later order's delivery.
// `npm run bench -- --only arrival`, or alone: `npx tsx tests/bench/arrival-bench.ts`.
import { pathToFileURL } from "node:url";
import {
  ARRIVAL_MILESTONES,
  buildArrivalModel,
  median,
  predictArrival,
  stageSamplesOf,
  type LineEta,
  type Milestone,
} from "~/domain/orders/arrival-prediction";
import type { BenchRow } from "./harness";

const DAY = 86_400_000;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What the lines advertise, and what they really take per stage (days), which is not the same. */
const LINES: Record<string, LineEta & { stages: number[] }> = {
  "us-postal-ems": { etaDaysMin: 10, etaDaysMax: 20, stages: [1.5, 4, 1, 6, 4.5] },
  "us-cbec-bonded": { etaDaysMin: 7, etaDaysMax: 12, stages: [1.5, 4, 0.5, 2, 1.5] },
  "jp-air": { etaDaysMin: 4, etaDaysMax: 8, stages: [1, 2, 0.5, 2, 2.5] },
  "de-sea": { etaDaysMin: 30, etaDaysMax: 45, stages: [2, 3, 2, 28, 6] },
};
/** Stores differ in how fast they ship to the warehouse (and how long their agents take to buy). */
const STORES = [
  { id: "fast-store", buy: 0.5, domestic: 0.6 },
  { id: "average-store", buy: 1, domestic: 1 },
  { id: "slow-store", buy: 2, domestic: 1.8 },
  { id: "marketplace", buy: 1.5, domestic: 2.5 },
  { id: "boutique", buy: 3, domestic: 1.2 },
  { id: "outlet", buy: 1, domestic: 0.8 },
];

type GeneratedOrder = { storeId: string; lineCode: string; reached: Record<Milestone, Date> };

/** `count` orders paid over `days` days; each stage: the line's time × the store's factor × lognormal noise, sometimes a long delay. */
export function generateHistory(count: number, options: { seed?: number; days?: number; start?: Date } = {}): GeneratedOrder[] {
  const random = rng(options.seed ?? 17);
  const start = (options.start ?? new Date("2026-01-01T00:00:00Z")).getTime();
  const span = (options.days ?? 240) * DAY;
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lineCodes = Object.keys(LINES);
  const orders: GeneratedOrder[] = [];
  for (let n = 0; n < count; n += 1) {
    const store = STORES[Math.floor(random() * STORES.length)] ?? STORES[0]!;
    const lineCode = lineCodes[Math.floor(random() * lineCodes.length)] ?? lineCodes[0]!;
    const line = LINES[lineCode]!;
    let at = start + random() * span;
    const reached = { PAID: new Date(at) } as Record<Milestone, Date>;
    line.stages.forEach((base, stage) => {
      const factor = stage === 0 ? store.buy : stage === 1 ? store.domestic : 1;
      // Lognormal noise (σ 0.35), and one stage in 25 held up for 2–10 days (customs, a lost scan).
      let days = base * factor * Math.exp(0.35 * gaussian());
      if (random() < 0.04) days += 2 + 8 * random();
      at += days * DAY;
      reached[ARRIVAL_MILESTONES[stage + 1] as Milestone] = new Date(at);
    });
    orders.push({ storeId: store.id, lineCode, reached });
  }
  return orders.sort((a, b) => a.reached.PAID.getTime() - b.reached.PAID.getTime());
}

export function measureArrival(count = 4_000, trainShare = 0.7) {
  const orders = generateHistory(count);
  const split = orders[Math.floor(orders.length * trainShare)]?.reached.PAID ?? new Date();
  // Only what was known at the split teaches: orders paid before it and already delivered.
  const train = orders.filter((order) => order.reached.PAID < split && order.reached.DELIVERED <= split);
  const test = orders.filter((order) => order.reached.PAID >= split);
  const etas = new Map(Object.entries(LINES).map(([code, line]) => [code, { etaDaysMin: line.etaDaysMin, etaDaysMax: line.etaDaysMax }]));
  const model = buildArrivalModel(train.flatMap(stageSamplesOf), etas);
  const predicted: number[] = [];
  const fixed: number[] = [];
  const afterShipping: number[] = [];
  for (const order of test) {
    const paid = order.reached.PAID;
    const actual = order.reached.DELIVERED.getTime();
    const atPayment = predictArrival({ ...order, status: "PAID", reached: { PAID: paid } }, paid, model);
    if (!atPayment) continue;
    predicted.push(Math.abs(atPayment.deliveredAt.getTime() - actual) / DAY);
    const line = LINES[order.lineCode]!;
    fixed.push(Math.abs(paid.getTime() + ((line.etaDaysMin + line.etaDaysMax) / 2) * DAY - actual) / DAY);
    // Updated as stages pass: the same order seen the moment it was shipped.
    const { PAID, PURCHASED, AT_WAREHOUSE, SHIPPED } = order.reached;
    const shipped = predictArrival({ ...order, status: "SHIPPED", reached: { PAID, PURCHASED, AT_WAREHOUSE, SHIPPED } }, SHIPPED, model);
    if (shipped) afterShipping.push(Math.abs(shipped.deliveredAt.getTime() - actual) / DAY);
  }
  return {
    trained: train.length,
    tested: predicted.length,
    predicted: median(predicted),
    fixed: median(fixed),
    afterShipping: median(afterShipping),
  };
}

export function arrivalRows(): BenchRow[] {
  const result = measureArrival();
  const history = `${result.trained} delivered orders trained, ${result.tested} held out; ${STORES.length} stores × ${Object.keys(LINES).length} lines`;
  return [
    {
      name: "Arrival prediction: median abs error",
      value: result.predicted.toFixed(2),
      unit: "days",
      note: `predicted at payment; ${(result.predicted / result.fixed).toFixed(2)}× the fixed range's error; ${result.afterShipping.toFixed(2)} days once shipped; ${history}`,
    },
    {
      name: "Fixed range midpoint: median abs error",
      value: result.fixed.toFixed(2),
      unit: "days",
      note: "the line's (etaDaysMin + etaDaysMax) / 2 from payment, as shown before",
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of arrivalRows()) console.log(`${row.name}: ${row.value} ${row.unit} (${row.note ?? ""})`);
}
