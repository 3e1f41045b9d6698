import { fromJsonColumn, storedDecimalsSchema } from "~/domain/stored";
import type { FxSnapshotData } from "~/domain/fx/ecb-xml";
import { describeMoves, findDisagreements, findLargeMoves, PLATFORM_CURRENCIES, type RateMove } from "~/domain/fx/rate-moves";
import { confirmedSource, providerOf } from "~/domain/fx/sources";
import { staleness } from "~/domain/landed-cost/fx";
import { asOfInstant } from "~/domain/landed-cost/schema";
import { createRateProviders, type ProviderOptions, type ProviderResult, type RateProvider } from "~/integrations/fx/rate-providers.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { runWithLease, type JobCounts, type JobResult, type JobTrigger } from "./jobs.server";
import { requestLandedRecompute } from "./landed-prices-job.server";
import { invalidatePricingCache, loadFees } from "./pricing-context.server";

export const RATES_JOB = "rates";
// Two providers × (3 attempts × 15 s + backoff) stay well under this; the lease is renewed meanwhile.
export const RATES_LEASE_MS = 5 * 60_000;
/** The other provider must agree this closely to confirm a large move. */
export const CONFIRM_TOLERANCE = 0.01;

export type StoredSnapshot = {
  id: string;
  base: string;
  asOf: string;
  source: string;
  status: string;
  reason: string | null;
  rates: Record<string, string>;
  createdAt: Date;
};

export type RatesOutcome =
  | { status: "ACTIVE"; snapshot: StoredSnapshot; notes: string[] }
  | { status: "UNCHANGED"; snapshot: StoredSnapshot; notes: string[] }
  | { status: "HELD"; snapshot: StoredSnapshot; reason: string; notes: string[] }
  | { status: "FAILED"; reason: string; notes: string[] };

export type RefreshOptions = ProviderOptions & {
  now?: Date;
  providers?: RateProvider[];
  maxMove?: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
};

const snapshotSelect = {
  id: true,
  base: true,
  asOf: true,
  source: true,
  status: true,
  reason: true,
  rates: true,
  createdAt: true,
} as const;

function toStored(row: { rates: string } & Omit<StoredSnapshot, "rates">): StoredSnapshot {
  return { ...row, rates: fromJsonColumn(storedDecimalsSchema, "FxSnapshot.rates", row.rates) };
}

async function currentActive(): Promise<StoredSnapshot | null> {
  const row = await db.fxSnapshot.findFirst({ where: { status: "ACTIVE" }, orderBy: { createdAt: "desc" }, select: snapshotSelect });
  return row ? toStored(row) : null;
}

/** The ECB publishes in Frankfurt: its date is the day there, which is never behind UTC. */
function providerToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The platform's currencies plus every store's: a move in any of them changes what shoppers pay. */
async function watchedCurrencies(): Promise<string[]> {
  const stores = await db.store.findMany({ select: { currency: true }, distinct: ["currency"] });
  return [...new Set([...PLATFORM_CURRENCIES, ...stores.map((store) => store.currency)])];
}

/** New rates reprice every listing's landed price, in the background (the caller is not held). */
function afterActivation() {
  invalidatePricingCache();
  requestLandedRecompute();
}

/**
 * Stores `data` as ACTIVE, re-using a HELD row of the same day and provider if there is one.
 * createdAt orders ACTIVE snapshots (latestFxSnapshot), so an activated row is stamped now.
 */
async function activate(data: FxSnapshotData, source: string, heldId: string | null, now: Date): Promise<StoredSnapshot> {
  const fields = { base: data.base, asOf: data.asOf, source, rates: JSON.stringify(data.rates), status: "ACTIVE", createdAt: now };
  const row = heldId
    ? await db.fxSnapshot.update({ where: { id: heldId }, data: fields, select: snapshotSelect })
    : await db.fxSnapshot.create({ data: { ...fields, reason: null }, select: snapshotSelect });
  return toStored(row);
}

async function hold(data: FxSnapshotData, source: string, reason: string, heldId: string | null): Promise<StoredSnapshot> {
  const row = heldId
    ? await db.fxSnapshot.update({ where: { id: heldId }, data: { reason }, select: snapshotSelect })
    : await db.fxSnapshot.create({
        data: { base: data.base, asOf: data.asOf, source, rates: JSON.stringify(data.rates), status: "HELD", reason },
        select: snapshotSelect,
      });
  return toStored(row);
}

/**
 * Fetches the day's rates (ECB first, the JSON provider if it fails), validates them, and stores a
 * snapshot: ACTIVE when no watched currency moved more than FX_MAX_MOVE or the other provider
 * agrees within 1%, HELD otherwise. When every provider fails nothing is written.
 */
export async function refreshRates(options: RefreshOptions = {}): Promise<RatesOutcome> {
  const now = options.now ?? new Date();
  const maxMove = options.maxMove ?? getEnv().FX_MAX_MOVE;
  const providers = options.providers ?? createRateProviders(options);
  const progress = options.onProgress ?? (() => undefined);
  const today = providerToday(now);
  const [active, watched, fees] = await Promise.all([currentActive(), watchedCurrencies(), loadFees()]);
  const notes: string[] = [];
  // The ECB publishes on working days only: by Monday morning Friday's rates are ~3 days old. Once
  // the active rates are past half their allowed age, a provider with nothing newer is not the end
  // of the search: the next one (which publishes daily) may have newer rates.
  const halfLife = ((fees?.ratesMaxAgeHours ?? 72) * 3_600_000) / 2;
  const ageing = active ? now.getTime() - asOfInstant(active.asOf) > halfLife : false;
  let unchanged: StoredSnapshot | null = null;

  const answers = new Map<RateProvider, Promise<ProviderResult>>();
  const fetchFrom = (provider: RateProvider) => {
    options.signal?.throwIfAborted();
    let answer = answers.get(provider);
    if (!answer) {
      progress(`fetching ${provider.source}`);
      answer = provider.fetchRates(today);
      answers.set(provider, answer);
    }
    return answer;
  };

  for (const provider of providers) {
    const result = await fetchFrom(provider);
    if (!result.ok) {
      notes.push(`${provider.source}: ${result.code} ${result.message}`);
      continue;
    }
    const { snapshot } = result;
    if (active && active.asOf === snapshot.asOf && providerOf(active.source) === provider.source) {
      if (!ageing) return { status: "UNCHANGED", snapshot: active, notes };
      unchanged = active;
      notes.push(`${provider.source}: nothing newer than ${active.asOf}; asking the next provider before these rates go stale`);
      continue;
    }
    if (active && asOfInstant(snapshot.asOf) <= asOfInstant(active.asOf)) {
      // Never step back to older rates than the ones in use.
      unchanged = active;
      notes.push(`${provider.source}: ${snapshot.asOf} is not newer than ${active.asOf}`);
      continue;
    }
    const earlier = await db.fxSnapshot.findFirst({
      where: { asOf: snapshot.asOf, source: provider.source, status: { in: ["HELD", "REJECTED"] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true },
    });
    if (earlier?.status === "REJECTED") {
      notes.push(`${provider.source}: the rates of ${snapshot.asOf} were rejected by an admin`);
      continue;
    }
    const heldId = earlier?.id ?? null;
    const moves = active ? findLargeMoves(active.rates, snapshot.rates, maxMove, watched) : [];
    if (moves.length === 0) {
      return { status: "ACTIVE", snapshot: await activate(snapshot, provider.source, heldId, now), notes };
    }

    progress(`${provider.source}: ${describeMoves(moves, maxMove)}; asking another provider`);
    const doubts: string[] = [];
    // Another provider can vouch for a rate, not for one this provider stopped listing.
    const missing = moves.filter((move) => move.to === null).map((move) => move.currency);
    if (missing.length > 0) doubts.push(`${missing.join(", ")} missing: only an admin can accept that`);
    for (const witness of missing.length > 0 ? [] : providers.filter((other) => other !== provider)) {
      const second = await fetchFrom(witness);
      if (!second.ok) {
        doubts.push(`${witness.source} unavailable (${second.code})`);
        continue;
      }
      const disagreeing = findDisagreements(snapshot.rates, second.snapshot.rates, CONFIRM_TOLERANCE, watched);
      if (disagreeing.length === 0) {
        return {
          status: "ACTIVE",
          snapshot: await activate(snapshot, confirmedSource(provider.source, witness.source), heldId, now),
          notes,
        };
      }
      doubts.push(`${witness.source} disagrees on ${disagreeing.join(", ")}`);
    }
    const reason = `${describeMoves(moves, maxMove)}; ${doubts.join("; ") || "no other provider to confirm"}`;
    return { status: "HELD", snapshot: await hold(snapshot, provider.source, reason, heldId), reason, notes };
  }
  if (unchanged) return { status: "UNCHANGED", snapshot: unchanged, notes };
  return { status: "FAILED", reason: notes.join("; ") || "no rate provider configured", notes };
}

function countsOf(outcome: RatesOutcome): JobCounts {
  const base: JobCounts = { status: outcome.status, failedProviders: outcome.notes.length };
  if (outcome.status === "FAILED") return base;
  const { snapshot } = outcome;
  return { ...base, asOf: snapshot.asOf, source: snapshot.source, currencies: Object.keys(snapshot.rates).length };
}

/** The rates job's body: one refresh, summarised for JobRun. */
export async function ratesJobBody(options: RefreshOptions): Promise<JobResult<RatesOutcome>> {
  const outcome = await refreshRates(options);
  if (outcome.status === "ACTIVE") afterActivation();
  const notes = outcome.notes.join("; ") || null;
  if (outcome.status === "FAILED") return { outcome: "FAILED", error: outcome.reason, counts: countsOf(outcome), value: outcome };
  if (outcome.status === "HELD")
    return { outcome: "PARTIAL", error: [outcome.reason, notes].filter(Boolean).join("; "), counts: countsOf(outcome), value: outcome };
  // A fallback success is a success; the primary's failure stays visible in the run's error column.
  return { outcome: "OK", error: notes, counts: countsOf(outcome), value: outcome };
}

/** What the worker, the CLI and the admin page's "run now" all call. */
export function runRatesRefresh(trigger: JobTrigger, holder: string, options: Omit<RefreshOptions, "signal"> = {}) {
  return runWithLease(RATES_JOB, trigger, ({ signal }) => ratesJobBody({ ...options, signal }), { ttlMs: RATES_LEASE_MS, holder });
}

export type HeldSnapshot = StoredSnapshot & { moves: RateMove[] };

/** HELD snapshots with what moved against the current ACTIVE one (admin page). */
export async function listHeldSnapshots(): Promise<HeldSnapshot[]> {
  const [rows, active, watched] = await Promise.all([
    db.fxSnapshot.findMany({ where: { status: "HELD" }, orderBy: { createdAt: "desc" }, select: snapshotSelect, take: 20 }),
    currentActive(),
    watchedCurrencies(),
  ]);
  const maxMove = getEnv().FX_MAX_MOVE;
  return rows.map(toStored).map((row) => ({ ...row, moves: active ? findLargeMoves(active.rates, row.rates, maxMove, watched) : [] }));
}

export type RatesHealth = { active: Omit<StoredSnapshot, "rates"> | null; maxAgeHours: number; stale: boolean; ageHours: number | null };

/** Stale exactly when quotes would be refused (same rule as the calculator). */
export async function ratesHealth(now = new Date()): Promise<RatesHealth> {
  const [active, fees] = await Promise.all([
    currentActive(),
    db.feeSchedule.findUnique({ where: { id: "default" }, select: { ratesMaxAgeHours: true } }),
  ]);
  const maxAgeHours = fees?.ratesMaxAgeHours ?? 72;
  if (!active) return { active: null, maxAgeHours, stale: true, ageHours: null };
  const { rates, ...summary } = active;
  const ageHours = Math.max(0, Math.floor((now.getTime() - asOfInstant(active.asOf)) / 3_600_000));
  return {
    active: summary,
    maxAgeHours,
    stale: staleness({ base: active.base, asOf: active.asOf, rates }, now.toISOString(), maxAgeHours).stale,
    ageHours,
  };
}

export type ReviewOutcome = { ok: true } | { ok: false; reason: "notFound" | "notHeld" };

/**
 * An admin confirms a HELD snapshot: it becomes the ACTIVE one (audited). It is stamped now, as
 * the newest ACTIVE row is what quotes use; the page shows its date so the admin sees what they pick.
 */
export async function confirmHeldSnapshot(actor: SessionUser, id: string, now = new Date()): Promise<ReviewOutcome> {
  const outcome = await db.$transaction(async (tx): Promise<ReviewOutcome> => {
    const held = await tx.fxSnapshot.findUnique({ where: { id }, select: { status: true, asOf: true, source: true } });
    if (!held) return { ok: false, reason: "notFound" };
    // Conditional on HELD, so two admins clicking at once cannot both act on it.
    const changed = await tx.fxSnapshot.updateMany({ where: { id, status: "HELD" }, data: { status: "ACTIVE", createdAt: now } });
    if (changed.count !== 1) return { ok: false, reason: "notHeld" };
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        entity: "FxSnapshot",
        entityId: id,
        action: "confirm",
        before: JSON.stringify({ status: "HELD" }),
        after: JSON.stringify({ status: "ACTIVE", asOf: held.asOf, source: held.source }),
      },
    });
    return { ok: true };
  });
  if (outcome.ok) afterActivation();
  return outcome;
}

/** An admin rejects a HELD snapshot: it is kept for the record and never used (audited). */
export async function rejectHeldSnapshot(actor: SessionUser, id: string): Promise<ReviewOutcome> {
  return db.$transaction(async (tx): Promise<ReviewOutcome> => {
    const held = await tx.fxSnapshot.findUnique({ where: { id }, select: { reason: true, asOf: true, source: true } });
    if (!held) return { ok: false, reason: "notFound" };
    const reason = `rejected by ${actor.email}${held.reason ? ` (held: ${held.reason})` : ""}`;
    const changed = await tx.fxSnapshot.updateMany({ where: { id, status: "HELD" }, data: { status: "REJECTED", reason } });
    if (changed.count !== 1) return { ok: false, reason: "notHeld" };
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        entity: "FxSnapshot",
        entityId: id,
        action: "reject",
        before: JSON.stringify({ status: "HELD" }),
        after: JSON.stringify({ status: "REJECTED", asOf: held.asOf, source: held.source }),
      },
    });
    return { ok: true };
  });
}
