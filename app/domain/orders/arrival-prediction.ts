import { chinaDay } from "~/domain/china-time";
import { STATUS_ORDER, type OrderStatus } from "./status-machine";

// When an order will really arrive, learned from how long past orders took. A line's fixed ETA range
// says nothing about the store (a slow seller adds days before the agent can buy) nor about where the
// order is now (a parcel stuck in customs is late whatever the range said). So the path is cut into
// stages between the happy path's milestones, each stage's duration is predicted from recent
// deliveries of the same store and line, and the stages still ahead are added to what already
// happened. Pure: the caller reads the history and the clock and passes them in.

const DAY_MS = 86_400_000;

/**
 * The milestones a delivery passes, in order: the happy path from payment to delivery. PURCHASING
 * (and a wait for the shopper) are the inside of the buying stage, not a milestone of their own: the
 * clock that matters to the shopper runs from payment to the goods being bought.
 */
export const ARRIVAL_MILESTONES = [
  "PAID",
  "PURCHASED",
  "AT_WAREHOUSE",
  "SHIPPED",
  "IN_CUSTOMS",
  "DELIVERED",
] as const satisfies readonly (typeof STATUS_ORDER)[number][];
export type Milestone = (typeof ARRIVAL_MILESTONES)[number];

export type ArrivalStage = { index: number; from: Milestone; to: Milestone; key: string };
export const ARRIVAL_STAGES: readonly ArrivalStage[] = ARRIVAL_MILESTONES.slice(0, -1).map((from, index) => {
  const to = ARRIVAL_MILESTONES[index + 1] as Milestone;
  return { index, from, to, key: `${from}>${to}` };
});

/**
 * How a line's advertised ETA splits over the stages when nothing has been learned yet (a new line or
 * a line with no delivered order): buying and the domestic leg are short, the international leg and
 * customs take most of it. The shares sum to 1, so the default total is the range's midpoint.
 */
export const DEFAULT_STAGE_SHARES: readonly number[] = [0.1, 0.25, 0.1, 0.3, 0.25];

export type StageSample = {
  storeId: string | null;
  lineCode: string;
  /** ARRIVAL_STAGES[n].index */
  stage: number;
  days: number;
  /** When the stage ended: the newest samples are the ones kept. */
  endedAt: Date;
};

export type LineEta = { etaDaysMin: number; etaDaysMax: number };

export type ArrivalModelOptions = {
  /** The newest samples kept per (store, line, stage) and per (line, stage): old habits fade. */
  maxSamplesPerKey?: number;
  /**
   * How many samples the fallback counts as: with n samples of median m and a fallback f the stage
   * takes (n·m + k·f) / (n + k), so two odd orders do not move a line's estimate by much, and fifty
   * do not need the fallback any more.
   */
  priorWeight?: number;
};

export type StageEstimate = { days: number; source: "store" | "line" | "default"; samples: number };

export type ArrivalModel = {
  lines: ReadonlyMap<string, LineEta>;
  /** median and count per "line|stage" and per "store|line|stage" */
  byLine: ReadonlyMap<string, { median: number; count: number }>;
  byStore: ReadonlyMap<string, { median: number; count: number }>;
  priorWeight: number;
};

const lineKey = (lineCode: string, stage: number) => `${lineCode}|${stage}`;
const storeKey = (storeId: string, lineCode: string, stage: number) => `${storeId}|${lineCode}|${stage}`;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function summarize(groups: Map<string, StageSample[]>, maxPerKey: number) {
  const out = new Map<string, { median: number; count: number }>();
  for (const [key, samples] of groups) {
    // Newest first; equal end times by duration, so the same history gives the same model in any order.
    const recent = [...samples]
      .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime() || a.days - b.days)
      .slice(0, maxPerKey)
      .map((sample) => sample.days);
    out.set(key, { median: median(recent), count: recent.length });
  }
  return out;
}

/** The model: the median of each key's recent samples, and the lines' ranges for the defaults. */
export function buildArrivalModel(
  samples: readonly StageSample[],
  lines: ReadonlyMap<string, LineEta> | Record<string, LineEta>,
  options: ArrivalModelOptions = {},
): ArrivalModel {
  const maxPerKey = options.maxSamplesPerKey ?? 50;
  const byLine = new Map<string, StageSample[]>();
  const byStore = new Map<string, StageSample[]>();
  for (const sample of samples) {
    // A negative or absurd duration is a clock or data error, never a prediction.
    if (!Number.isFinite(sample.days) || sample.days < 0 || !ARRIVAL_STAGES[sample.stage]) continue;
    const push = (map: Map<string, StageSample[]>, key: string) => {
      const list = map.get(key);
      if (list) list.push(sample);
      else map.set(key, [sample]);
    };
    push(byLine, lineKey(sample.lineCode, sample.stage));
    if (sample.storeId) push(byStore, storeKey(sample.storeId, sample.lineCode, sample.stage));
  }
  return {
    lines: lines instanceof Map ? new Map(lines) : new Map(Object.entries(lines)),
    byLine: summarize(byLine, maxPerKey),
    byStore: summarize(byStore, maxPerKey),
    priorWeight: options.priorWeight ?? 3,
  };
}

/** The stage's share of the line's advertised midpoint; a line the model does not know gets 10 days in all. */
export function defaultStageDays(line: LineEta | undefined, stage: number): number {
  const total = line ? (line.etaDaysMin + line.etaDaysMax) / 2 : 10;
  return total * (DEFAULT_STAGE_SHARES[stage] ?? 0);
}

const shrink = (summary: { median: number; count: number }, fallback: number, weight: number) =>
  (summary.count * summary.median + weight * fallback) / (summary.count + weight);

/** One stage's expected duration in days: store and line, shrunk toward the line's, shrunk toward the default. */
export function stageEstimate(model: ArrivalModel, at: { storeId: string | null; lineCode: string; stage: number }): StageEstimate {
  const fallback = defaultStageDays(model.lines.get(at.lineCode), at.stage);
  const line = model.byLine.get(lineKey(at.lineCode, at.stage));
  const lineDays = line ? shrink(line, fallback, model.priorWeight) : fallback;
  const store = at.storeId ? model.byStore.get(storeKey(at.storeId, at.lineCode, at.stage)) : undefined;
  if (store) return { days: shrink(store, lineDays, model.priorWeight), source: "store", samples: store.count };
  if (line) return { days: lineDays, source: "line", samples: line.count };
  return { days: fallback, source: "default", samples: 0 };
}

/**
 * When each milestone was first reached, from an order's status events (any order). A milestone
 * skipped in the record (an old order, a fix by an admin) is left out; a milestone reached again
 * after a step back keeps its first time, since that is when the shopper saw it.
 */
export function milestonesFromEvents(events: readonly { toStatus: string | null; createdAt: Date }[], paidAt?: Date | null) {
  const reached: Partial<Record<Milestone, Date>> = {};
  for (const event of [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const milestone = ARRIVAL_MILESTONES.find((name) => name === event.toStatus);
    if (milestone && !reached[milestone]) reached[milestone] = event.createdAt;
  }
  if (!reached.PAID && paidAt) reached.PAID = paidAt;
  return reached;
}

/** A delivered order's stage durations, for the model: only stages whose both ends are known and in order. */
export function stageSamplesOf(order: {
  storeId: string | null;
  lineCode: string;
  reached: Partial<Record<Milestone, Date>>;
}): StageSample[] {
  const samples: StageSample[] = [];
  for (const stage of ARRIVAL_STAGES) {
    const start = order.reached[stage.from];
    const end = order.reached[stage.to];
    if (!start || !end || end < start) continue;
    samples.push({
      storeId: order.storeId,
      lineCode: order.lineCode,
      stage: stage.index,
      days: (end.getTime() - start.getTime()) / DAY_MS,
      endedAt: end,
    });
  }
  return samples;
}

/**
 * A stage running past its prediction is not about to end this very minute: it is given at least
 * this share of its predicted length again (a stuck parcel's date moves out day by day, never to
 * "today" and never into the past).
 */
export const OVERDUE_REMAINING_SHARE = 0.25;

export type PredictedStage = ArrivalStage & {
  state: "done" | "current" | "upcoming";
  /** When it ended (done) or is expected to end. */
  endsAt: Date;
  /** endsAt's day in China, e.g. "2026-12-18". */
  endsOn: string;
  estimate: StageEstimate | null;
};

export type ArrivalPrediction = {
  /** Delivered, or the date it is expected. */
  deliveredAt: Date;
  deliveredOn: string;
  delivered: boolean;
  /** Whether the clock starts now (an order not paid yet, or the checkout page). */
  fromNow: boolean;
  stages: PredictedStage[];
};

/** The statuses an order is delivered in, or that say nothing about arrival (no prediction). */
const AFTER_DELIVERY: readonly OrderStatus[] = ["DELIVERED", "COMPLETED"];

/**
 * The expected delivery date of an order — on the checkout page, one that does not exist yet — from
 * where it stands: stages already passed count with their real times, the running one with what is
 * left of its prediction (or, when late, a share of it from now), the rest with their predictions.
 * Null for a cancelled order.
 */
export function predictArrival(
  order: { storeId: string | null; lineCode: string; status: OrderStatus; reached: Partial<Record<Milestone, Date>> },
  now: Date,
  model: ArrivalModel,
): ArrivalPrediction | null {
  if (order.status === "CANCELLED") return null;
  const reached = { ...order.reached };
  // The status says how far it got even when an event is missing: the last milestone at or before it.
  const position = STATUS_ORDER.indexOf(order.status as (typeof STATUS_ORDER)[number]);
  const passed = ARRIVAL_MILESTONES.filter((name) => STATUS_ORDER.indexOf(name) <= position || reached[name] !== undefined);
  const lastIndex = passed.length === 0 ? -1 : Math.max(...passed.map((name) => ARRIVAL_MILESTONES.indexOf(name)));
  // A passed milestone without its own time happened no later than the next known one.
  for (let index = lastIndex; index >= 0; index -= 1) {
    const name = ARRIVAL_MILESTONES[index] as Milestone;
    if (!reached[name]) {
      const later = ARRIVAL_MILESTONES.slice(index + 1, lastIndex + 1)
        .map((next) => reached[next])
        .find((at) => at !== undefined);
      reached[name] = later ?? now;
    }
  }
  const fromNow = lastIndex < 0;
  let clock = reached.PAID ?? now;
  const stages: PredictedStage[] = ARRIVAL_STAGES.map((stage) => {
    const end = reached[stage.to];
    if (stage.index < lastIndex && end) {
      clock = end;
      return { ...stage, state: "done", endsAt: end, endsOn: chinaDay(end), estimate: null };
    }
    const estimate = stageEstimate(model, { storeId: order.storeId, lineCode: order.lineCode, stage: stage.index });
    const predicted = estimate.days * DAY_MS;
    const running = stage.index === lastIndex;
    let endsAt = new Date(clock.getTime() + predicted);
    if (running && endsAt.getTime() < now.getTime() + OVERDUE_REMAINING_SHARE * predicted)
      endsAt = new Date(now.getTime() + OVERDUE_REMAINING_SHARE * predicted);
    clock = endsAt;
    return { ...stage, state: running ? "current" : "upcoming", endsAt, endsOn: chinaDay(endsAt), estimate };
  });
  const delivered = AFTER_DELIVERY.includes(order.status) || reached.DELIVERED !== undefined;
  const deliveredAt = delivered && reached.DELIVERED ? reached.DELIVERED : clock;
  return { deliveredAt, deliveredOn: chinaDay(deliveredAt), delivered, fromNow, stages };
}
