import { describe, expect, test } from "vitest";
import { action as quoteAction } from "~/routes/api.quotes";
import { db } from "~/utils/db.server";
import { createRateLimiter, rules, type RateLimitRule } from "~/utils/rate-limit.server";
import { BASE } from "./helpers";

// Rate limits hold across instances: two limiters are two processes (each with its own memory and
// batching); only the count in the database can make them agree.
const rule = (name: string, limit: number): RateLimitRule => ({ name: `test-${name}`, limit, windowSeconds: 60 });

describe("rate limits shared by every instance", () => {
  test("two instances together allow exactly the limit, however the hits arrive", async () => {
    const [a, b] = [createRateLimiter(), createRateLimiter()];
    const limit = rule("together", 10);
    const now = new Date();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit(limit, "203.0.113.7", now)));
    expect(answers.filter((wait) => wait === null)).toHaveLength(10);
    for (const wait of answers.filter((wait) => wait !== null)) expect(wait).toBeGreaterThan(0);
    // Hit by hit, one after the other, the same: another instance sees the count the first one left.
    const sequential = rule("one-by-one", 3);
    const results: (number | null)[] = [];
    for (let i = 0; i < 6; i += 1) results.push(await (i % 2 ? a : b).hit(sequential, "203.0.113.8", now));
    expect(results.map((wait) => wait === null)).toEqual([true, true, true, false, false, false]);
  });

  test("a new window starts a new count; another address has its own", async () => {
    const limiter = createRateLimiter();
    const limit = rule("windows", 1);
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1_000);
    expect(await limiter.hit(limit, "198.51.100.1", now)).toBeNull();
    expect(await limiter.hit(limit, "198.51.100.1", now)).toBe(59);
    expect(await limiter.hit(limit, "198.51.100.2", now)).toBeNull();
    expect(await limiter.hit(limit, "198.51.100.1", new Date(now.getTime() + 60_000))).toBeNull();
  });

  test("once over the limit, further hits in that window are refused without a database write", async () => {
    const limiter = createRateLimiter();
    const limit = rule("flood", 2);
    const now = new Date();
    await Promise.all(Array.from({ length: 3 }, () => limiter.hit(limit, "192.0.2.9", now)));
    const key = `${limit.name}:192.0.2.9`;
    const counted = await db.rateLimitWindow.findFirstOrThrow({ where: { key }, select: { count: true } });
    const flood = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(limit, "192.0.2.9", now)));
    expect(flood.every((wait) => wait !== null)).toBe(true);
    expect(await db.rateLimitWindow.findFirstOrThrow({ where: { key }, select: { count: true } })).toEqual(counted);
  });

  test("a hit given back (a successful login is not a failure) frees its place, for every instance", async () => {
    const [a, b] = [createRateLimiter(), createRateLimiter()];
    const limit = rule("release", 2);
    const now = new Date();
    expect(await a.hit(limit, "user@example.com 192.0.2.40", now)).toBeNull();
    expect(await b.hit(limit, "user@example.com 192.0.2.40", now)).toBeNull();
    await a.release(limit, "user@example.com 192.0.2.40", now);
    expect(await b.hit(limit, "user@example.com 192.0.2.40", now)).toBeNull();
    expect(await a.hit(limit, "user@example.com 192.0.2.40", now)).not.toBeNull();
    // Never below zero: giving back more than was counted does not bank hits for later.
    const other = rule("release-floor", 1);
    await a.release(other, "192.0.2.41", now);
    expect(await a.hit(other, "192.0.2.41", now)).toBeNull();
    await a.release(other, "192.0.2.41", now);
    await a.release(other, "192.0.2.41", now);
    expect(await a.hit(other, "192.0.2.41", now)).toBeNull();
    expect(await a.hit(other, "192.0.2.41", now)).not.toBeNull();
  });

  test("the quote API refuses an address that used its 600 quotes a minute on another instance (429, Retry-After)", async () => {
    const ip = "203.0.113.200";
    const windowMs = rules.quotesPerIp.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
    // What the other instance counted for this address this minute.
    await db.rateLimitWindow.create({ data: { key: `${rules.quotesPerIp.name}:${ip}`, windowStart, count: rules.quotesPerIp.limit } });
    const request = new Request(`${BASE}/api/quotes`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-client-ip": ip },
      body: "{}",
    });
    const response = await quoteAction({ request, params: {}, context: {} });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });
});
