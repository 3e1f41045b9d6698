import { beforeEach, describe, expect, test } from "vitest";
import { latestFxSnapshot } from "~/services/pricing-context.server";
import { invalidatePricingCache } from "~/services/pricing-context.server";
import { db } from "~/utils/db.server";
import { runRatesJob } from "../../../jobs/rates";
import { ecbFixture, ecbHandlers, ecbXml, erApiHandlers, erApiJson, fixtureRates } from "../../mocks/fx-providers";
import { server } from "../../mocks/server";

// Short timeouts and no retry pauses: each fault resolves in well under a second.
const fast = { timeoutMs: 300, retries: 1, backoffMs: 1 } as const;
const BASELINE = { base: "EUR", asOf: "2024-03-12", source: "ECB", rates: JSON.stringify(fixtureRates()), status: "ACTIVE" };

async function baseline() {
  return db.fxSnapshot.create({ data: BASELINE, select: { id: true } });
}

async function lastRun() {
  const run = await db.jobRun.findFirstOrThrow({ where: { job: "rates" }, orderBy: { startedAt: "desc" } });
  return { ...run, counts: JSON.parse(run.counts ?? "{}") as Record<string, unknown> };
}

async function activeNow() {
  invalidatePricingCache();
  return latestFxSnapshot();
}

beforeEach(async () => {
  await db.fxSnapshot.deleteMany();
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
});

describe("rates job: the happy path", () => {
  test("stores the ECB file as the ACTIVE snapshot with its source and date, once", async () => {
    server.use(ecbHandlers.ok());
    const run = await runRatesJob({ ...fast, trigger: "CLI", holder: "test" });
    expect(run.outcome).toBe("OK");
    const active = await activeNow();
    expect(active).toMatchObject({ base: "EUR", asOf: "2024-03-13", source: "ECB" });
    expect(active?.rates).toMatchObject({ USD: "1.0939", CNY: "7.8678", EUR: "1" });
    const recorded = await lastRun();
    expect(recorded).toMatchObject({ trigger: "CLI", outcome: "OK", error: null });
    expect(recorded.counts).toMatchObject({ status: "ACTIVE", asOf: "2024-03-13", source: "ECB", currencies: 31 });
    expect(recorded.finishedAt).not.toBeNull();

    const again = await runRatesJob({ ...fast, holder: "test" });
    expect(again.outcome).toBe("OK");
    expect((await lastRun()).counts.status).toBe("UNCHANGED");
    expect(await db.fxSnapshot.count()).toBe(1);
  });
});

// Each fault of the ECB answer, with the JSON provider's counterpart for the "both fail" case.
const faults: [string, () => ReturnType<typeof ecbHandlers.ok>, () => ReturnType<typeof erApiHandlers.ok>, RegExp][] = [
  ["provider down (network error)", () => ecbHandlers.fail("down"), () => erApiHandlers.fail("down"), /NETWORK_ERROR/],
  ["HTTP 500", () => ecbHandlers.fail(500), () => erApiHandlers.fail(500), /500/],
  ["a timeout", () => ecbHandlers.fail("timeout"), () => erApiHandlers.fail("timeout"), /TIMEOUT/],
  ["truncated content", () => ecbHandlers.ok(ecbFixture.slice(0, 700)), () => erApiHandlers.ok(erApiJson().slice(0, 300)), /FX_MALFORMED/],
  [
    "a rate of 0",
    () => ecbHandlers.ok(ecbFixture.replace("rate='1.0939'", "rate='0'")),
    () => erApiHandlers.ok(erApiJson().replace('"USD":1.0939', '"USD":0')),
    /invalid rate for USD/,
  ],
  [
    "a duplicate currency",
    () => ecbHandlers.ok(ecbFixture.replace("currency='JPY'", "currency='USD'")),
    () => erApiHandlers.ok(erApiJson().replace('"JPY":161.83', '"USD":1.5')),
    /duplicate/,
  ],
  [
    "a non-ISO currency code",
    () => ecbHandlers.ok(ecbFixture.replace("currency='USD'", "currency='usd'")),
    () => erApiHandlers.ok(erApiJson().replace('"USD":', '"usd":')),
    /invalid currency code/,
  ],
  [
    "a date in the future",
    () => ecbHandlers.ok(ecbXml({ date: "2999-01-01" })),
    () => erApiHandlers.ok(erApiJson({ unix: 32_000_000_000 })),
    /future/,
  ],
  [
    "hostile XML (entity expansion)",
    () => {
      let entities = `<!ENTITY a0 "${"x".repeat(10)}">`;
      for (let level = 1; level < 10; level += 1) entities += `<!ENTITY a${level} "${`&a${level - 1};`.repeat(10)}">`;
      return ecbHandlers.ok(
        `<?xml version="1.0"?><!DOCTYPE lolz [${entities}]>${ecbFixture.replace(/^<\?xml[^>]*>/, "").replace("rate='1.0939'", "rate='&a9;'")}`,
      );
    },
    () => erApiHandlers.ok('{"result":"error","error-type":"quota-reached"}'),
    /FX_MALFORMED/,
  ],
];

describe.each(faults)("rates job when the answer has %s", (_label, ecbFault, erApiFault, reason) => {
  test("the fallback provider's rates are used and the primary's failure is recorded", async () => {
    await baseline();
    server.use(ecbFault(), erApiHandlers.ok());
    const run = await runRatesJob({ ...fast, holder: "test" });
    expect(run.outcome).toBe("OK");
    expect(await activeNow()).toMatchObject({ asOf: "2024-03-13", source: "open.er-api.com" });
    const recorded = await lastRun();
    expect(recorded.outcome).toBe("OK");
    expect(recorded.error).toMatch(/^ECB: /);
    expect(recorded.error).toMatch(reason);
  });

  test("when both providers fail the run is FAILED with the reasons and the last good snapshot stays", async () => {
    await baseline();
    server.use(ecbFault(), erApiFault());
    const run = await runRatesJob({ ...fast, holder: "test" });
    expect(run.outcome).toBe("FAILED");
    const recorded = await lastRun();
    expect(recorded.outcome).toBe("FAILED");
    expect(recorded.error).toMatch(reason);
    expect(recorded.error).toContain("ECB: ");
    expect(recorded.error).toContain("open.er-api.com: ");
    expect(await activeNow()).toMatchObject({ asOf: "2024-03-12", source: "ECB" });
    expect(await db.fxSnapshot.count()).toBe(1);
  });
});

describe("rates job: a 50% jump", () => {
  test("is held when the fallback disagrees; quotes keep the last ACTIVE snapshot", async () => {
    await baseline();
    server.use(ecbHandlers.ok(ecbXml({ factors: { USD: 1.5 } })), erApiHandlers.ok());
    const run = await runRatesJob({ ...fast, holder: "test" });
    expect(run.outcome).toBe("PARTIAL");
    const held = await db.fxSnapshot.findFirstOrThrow({ where: { status: "HELD" } });
    expect(held).toMatchObject({ asOf: "2024-03-13", source: "ECB" });
    expect(held.reason).toMatch(/USD 1\.0939 → 1\.64085 \(\+50\.0%\)/);
    expect(held.reason).toContain("open.er-api.com disagrees on USD");
    expect(await activeNow()).toMatchObject({ asOf: "2024-03-12" });
    expect((await lastRun()).error).toContain("USD");

    // The 17:15 retry sees the same file: no second HELD row.
    await runRatesJob({ ...fast, holder: "test" });
    expect(await db.fxSnapshot.count({ where: { status: "HELD" } })).toBe(1);
  });

  test("is held when the fallback is unreachable", async () => {
    await baseline();
    server.use(ecbHandlers.ok(ecbXml({ factors: { USD: 1.5 } })), erApiHandlers.fail(503));
    expect((await runRatesJob({ ...fast, holder: "test" })).outcome).toBe("PARTIAL");
    expect((await db.fxSnapshot.findFirstOrThrow({ where: { status: "HELD" } })).reason).toContain(
      "open.er-api.com unavailable (HTTP_ERROR)",
    );
  });

  test("is stored ACTIVE, naming both sources, when the fallback agrees within 1%", async () => {
    await baseline();
    server.use(ecbHandlers.ok(ecbXml({ factors: { USD: 1.5 } })), erApiHandlers.ok(erApiJson({ factors: { USD: 1.505 } })));
    const run = await runRatesJob({ ...fast, holder: "test" });
    expect(run.outcome).toBe("OK");
    expect(await activeNow()).toMatchObject({
      asOf: "2024-03-13",
      source: "ECB confirmed by open.er-api.com",
      rates: expect.objectContaining({ USD: "1.64085" }),
    });
  });

  test("a held snapshot becomes ACTIVE (same row) once a later run finds the fallback agreeing", async () => {
    await baseline();
    server.use(ecbHandlers.ok(ecbXml({ factors: { JPY: 0.5 } })), erApiHandlers.fail(500));
    await runRatesJob({ ...fast, holder: "test" });
    const held = await db.fxSnapshot.findFirstOrThrow({ where: { status: "HELD" } });
    server.use(erApiHandlers.ok(erApiJson({ factors: { JPY: 0.5 } })));
    await runRatesJob({ ...fast, holder: "test" });
    const active = await activeNow();
    expect(active?.id).toBe(held.id);
    expect(active?.source).toBe("ECB confirmed by open.er-api.com");
    expect(await db.fxSnapshot.count()).toBe(2);
  });

  test("rates an admin rejected are not held again: the fallback is tried instead", async () => {
    await baseline();
    await db.fxSnapshot.create({ data: { ...BASELINE, asOf: "2024-03-13", rates: "{}", status: "REJECTED", reason: "rejected by admin" } });
    server.use(ecbHandlers.ok(), erApiHandlers.ok());
    expect((await runRatesJob({ ...fast, holder: "test" })).outcome).toBe("OK");
    expect(await activeNow()).toMatchObject({ source: "open.er-api.com" });
    expect((await lastRun()).error).toContain("rejected by an admin");
  });

  test("a currency missing from the new rates counts as a large move", async () => {
    await baseline();
    server.use(
      ecbHandlers.ok(ecbFixture.replace("<Cube currency='KRW' rate='1439.01'/>", "")),
      erApiHandlers.ok(erApiJson({ factors: { KRW: 3 } })),
    );
    expect((await runRatesJob({ ...fast, holder: "test" })).outcome).toBe("PARTIAL");
    expect((await db.fxSnapshot.findFirstOrThrow({ where: { status: "HELD" } })).reason).toContain("KRW missing");
  });
});

describe("rates job: weekends", () => {
  test("once the ECB's rates are past half their allowed age, the daily fallback's newer rates are taken", async () => {
    server.use(ecbHandlers.ok(), erApiHandlers.ok(erApiJson({ unix: Date.parse("2024-03-16T00:00:01Z") / 1000 })));
    await runRatesJob({ ...fast, holder: "test", now: new Date("2024-03-13T18:00:00Z") });
    expect((await activeNow())?.source).toBe("ECB");

    // Saturday evening: the ECB still says 2024-03-13, 66 hours ago (over half of 72)
    const saturday = await runRatesJob({ ...fast, holder: "test", now: new Date("2024-03-16T18:00:00Z") });
    expect(saturday.outcome).toBe("OK");
    const active = await activeNow();
    expect(active).toMatchObject({ asOf: "2024-03-16", source: "open.er-api.com" });
  });

  test("a fresh ECB snapshot is kept without asking anyone else, and older rates are never taken", async () => {
    server.use(ecbHandlers.ok());
    await runRatesJob({ ...fast, holder: "test", now: new Date("2024-03-13T18:00:00Z") });
    server.use(ecbHandlers.fail(500), erApiHandlers.ok(erApiJson({ unix: Date.parse("2024-03-12T00:00:01Z") / 1000 })));
    const run = await runRatesJob({ ...fast, holder: "test", now: new Date("2024-03-14T08:00:00Z") });
    expect(run.outcome).toBe("OK");
    expect((await lastRun()).counts.status).toBe("UNCHANGED");
    expect(await activeNow()).toMatchObject({ asOf: "2024-03-13", source: "ECB" });
  });
});
