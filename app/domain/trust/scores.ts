// The credit scores on store pages and agent profiles (README "Credit, explained"). Each score says
// what it was computed from; below the admin-set minimum sample it has no number at all ("暂无足够评价"),
// because a share of two orders says nothing about a store.

/** A share of a sample: `count` of `of`, or no number when the sample is too small. */
export type Share = { count: number; of: number; enough: boolean; percent: number | null };

/** `count` of `of`, as a percentage to one decimal, when `of` reaches `minimumSample`. */
export function shareOf(count: number, of: number, minimumSample: number): Share {
  const enough = of >= minimumSample && of > 0;
  return { count, of, enough, percent: enough ? Math.round((count / of) * 1000) / 10 : null };
}

/** When an order reached each status, from its timeline (the first time it did). */
export type StageTimes = {
  paidAt: Date | null;
  purchasedAt: Date | null;
  atWarehouseAt: Date | null;
  shippedAt: Date | null;
};

export type OnTimeTargets = { procurementTargetHours: number; dispatchTargetHours: number };

/** One measured stage of one order. */
export type StageMeasure = { stage: "PROCUREMENT" | "DISPATCH"; hours: number; onTime: boolean };

const HOUR_MS = 3_600_000;

/**
 * The stages of an order that can be measured: PAID → PURCHASED (the agent's procurement) and
 * AT_WAREHOUSE → SHIPPED (the dispatch), each against its target. A stage still under way is not
 * measured yet — unless it is already late at `now`, which counts as late (so an agent cannot improve the
 * rate by leaving slow orders unfinished).
 */
export function measureStages(times: StageTimes, targets: OnTimeTargets, now: Date): StageMeasure[] {
  const measures: StageMeasure[] = [];
  const measure = (stage: StageMeasure["stage"], start: Date | null, end: Date | null, targetHours: number) => {
    if (!start) return;
    const hours = ((end ?? now).getTime() - start.getTime()) / HOUR_MS;
    if (end || hours > targetHours)
      measures.push({ stage, hours: Math.round(hours * 10) / 10, onTime: end !== null && hours <= targetHours });
  };
  measure("PROCUREMENT", times.paidAt, times.purchasedAt, targets.procurementTargetHours);
  measure("DISPATCH", times.atWarehouseAt, times.shippedAt, targets.dispatchTargetHours);
  return measures;
}

export type OnTimeRate = Share & {
  /** How many orders the measured stages came from. */
  orders: number;
  procurement: Share;
  dispatch: Share;
};

/** The on-time rate over every measured stage of the orders (each order gives up to two stages). */
export function onTimeRate(orders: readonly StageTimes[], targets: OnTimeTargets, minimumSample: number, now: Date): OnTimeRate {
  const measured = orders.map((times) => measureStages(times, targets, now)).filter((stages) => stages.length > 0);
  const stages = measured.flat();
  const of = (stage: StageMeasure["stage"]) => {
    const these = stages.filter((candidate) => candidate.stage === stage);
    return shareOf(these.filter((candidate) => candidate.onTime).length, these.length, minimumSample);
  };
  // The sample that must reach the minimum is orders, not stages: two stages of one order are one experience.
  const total = shareOf(stages.filter((stage) => stage.onTime).length, stages.length, 1);
  const enough = measured.length >= minimumSample;
  return {
    ...total,
    enough,
    percent: enough ? total.percent : null,
    orders: measured.length,
    procurement: of("PROCUREMENT"),
    dispatch: of("DISPATCH"),
  };
}

/** The complaint outcomes that find fault with the agent (and so count against them and the store). */
export const UPHELD_OUTCOMES = ["APOLOGY", "COMPENSATION", "WARNING"] as const;
