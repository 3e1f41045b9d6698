import { delay, http, HttpResponse } from "msw";
import { describe, expect, test, vi } from "vitest";
import { createHttpClient } from "~/integrations/http/http-client.server";
import { SharedHostGate, type SharedGateOptions } from "~/integrations/http/shared-host-gate.server";
import { db } from "~/utils/db.server";
import { pauseHost, releaseHostSlot, renewHostSlot, reserveHostStart, takeHostSlot } from "~/utils/host-slots.server";
import { server } from "../../mocks/server";

// Two gates on one database stand for two processes (a web instance and a worker): each has its own
// memory, so only the database rows can keep them to the limits together.
const store = { take: takeHostSlot, renew: renewHostSlot, release: releaseHostSlot, reserveStart: reserveHostStart, pause: pauseHost };
const gate = (intervalMs = 0, options: SharedGateOptions = {}) =>
  new SharedHostGate({ concurrency: 2, intervalMs }, store, { pollMs: 10, maxPollMs: 50, ...options });
const client = (g: SharedHostGate) => createHttpClient({ userAgent: "test", allowPrivate: true, backoffMs: 5, gate: g });

/** A store whose every answer takes `ms`, recording how many requests were in flight at most and when each started. */
function slowStore(origin: string, ms: number) {
  const seen = { inFlight: 0, most: 0, starts: [] as number[] };
  server.use(
    http.get(`${origin}/*`, async () => {
      seen.inFlight += 1;
      seen.most = Math.max(seen.most, seen.inFlight);
      seen.starts.push(Date.now());
      await delay(ms);
      seen.inFlight -= 1;
      return HttpResponse.json({ ok: true });
    }),
  );
  return seen;
}

describe("the store politeness gate across processes", () => {
  test("two processes never have more than 2 requests in flight to one store host, and all their requests finish", async () => {
    const origin = "https://busy-store.example";
    const seen = slowStore(origin, 40);
    const [a, b] = [client(gate()), client(gate())];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).fetchText(`${origin}/p/${i}.json`, { accept: ["application/json"] })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(seen.most).toBe(2);
    // Released as each request ended (in the background, so the count may take a moment to reach 0).
    await vi.waitFor(async () =>
      expect(await db.storeHostSlot.count({ where: { host: "busy-store.example", holder: { not: null } } })).toBe(0),
    );
  });

  test("another store host is not held up by a busy one", async () => {
    const busy = slowStore("https://slow-one.example", 400);
    const quick = slowStore("https://quick-one.example", 0);
    const g = gate();
    const slow = Promise.all([1, 2, 3].map((i) => client(g).fetchText(`https://slow-one.example/${i}`)));
    await delay(50);
    const started = Date.now();
    expect((await client(gate()).fetchText("https://quick-one.example/x")).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(300);
    await slow;
    expect([busy.most, quick.most]).toEqual([2, 1]);
  });

  test("both processes together start no more requests to one host than one every interval", async () => {
    const origin = "https://paced-store.example";
    const seen = slowStore(origin, 0);
    const [a, b] = [client(gate(100)), client(gate(100))];
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).fetchText(`${origin}/${i}`)));
    // Each start is reserved 100 ms after the one before it, whichever process reserved that. The store
    // sees a request a little after its reserved start (more on a busy machine): the first one late
    // by up to 100 ms still leaves the span far above the ~0 ms of six unpaced requests.
    const starts = seen.starts.sort((x, y) => x - y);
    expect((starts.at(-1) as number) - (starts[0] as number)).toBeGreaterThanOrEqual(5 * 100 - 100);
  });

  test("a 429's Retry-After seen by one process holds the other's next request to that host", async () => {
    const origin = "https://strict-store.example";
    const starts: number[] = [];
    let first = true;
    server.use(
      http.get(`${origin}/*`, () => {
        starts.push(Date.now());
        if (first) {
          first = false;
          return new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } });
        }
        return HttpResponse.json({ ok: true });
      }),
    );
    // The first process gives up at once (it may not wait that long); the second must still wait for the store.
    const impatient = createHttpClient({ userAgent: "test", allowPrivate: true, retries: 0, gate: gate() });
    expect(await impatient.fetchText(`${origin}/a`)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    await delay(50); // the pause is written in the background
    expect((await client(gate()).fetchText(`${origin}/b`)).ok).toBe(true);
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(900);
  });

  test("a slot held by a process that died frees itself when its lease passes: no job waits forever", async () => {
    const host = "crashed-store.example";
    const seen = slowStore(`https://${host}`, 0);
    // Both slots taken by a process that is gone (it will never release or renew them).
    for (const slot of [0, 1]) {
      await db.storeHostSlot.upsert({
        where: { host_slot: { host, slot } },
        create: { host, slot, holder: "dead:1", leaseUntil: new Date(Date.now() + 500) },
        update: { holder: "dead:1", leaseUntil: new Date(Date.now() + 500) },
      });
    }
    const started = Date.now();
    expect((await client(gate()).fetchText(`https://${host}/x`)).ok).toBe(true);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(400);
    expect(waited).toBeLessThan(3_000);
    expect(seen.starts).toHaveLength(1);
  });

  test("a request that outlasts its lease keeps its slot (the holder renews it), so the limit still holds", async () => {
    const origin = "https://long-store.example";
    const seen = slowStore(origin, 700);
    const short = { leaseMs: 300 };
    const [a, b] = [client(gate(0, short)), client(gate(0, short))];
    await Promise.all(Array.from({ length: 4 }, (_, i) => (i % 2 ? a : b).fetchText(`${origin}/${i}`)));
    expect(seen.most).toBe(2);
  });
});
