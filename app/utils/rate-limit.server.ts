import { db } from "./db.server";
import { getEnv } from "./env.server";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const rules = {
  loginPerIp: { name: "login-ip", limit: 20, windowSeconds: 15 * 60 },
  loginPerAccount: { name: "login-account", limit: 8, windowSeconds: 15 * 60 },
  signupPerIp: { name: "signup-ip", limit: 10, windowSeconds: 60 * 60 },
  quotesPerIp: { name: "quotes-ip", limit: 600, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/**
 * Counts a hit in a fixed window stored in the database, so every web process shares the count.
 * Returns the seconds to wait when the limit is exceeded, or null when the hit is allowed.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<number | null> {
  if (getEnv().RATE_LIMITS === "off") return null;
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const row = await db.rateLimitWindow.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1 },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  if (row.count <= rule.limit) return null;
  return Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
}

const memoryWindows = new Map<string, { windowStart: number; count: number }>();

/**
 * The same fixed window kept in this process's memory, for hot public endpoints (the quote API)
 * where a database write per request would cost more than the work itself. Each process limits alone.
 */
export function hitMemoryRateLimit(rule: RateLimitRule, subject: string, now = Date.now()): number | null {
  if (getEnv().RATE_LIMITS === "off") return null;
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const entry = memoryWindows.get(key);
  if (!entry || entry.windowStart !== windowStart) {
    if (memoryWindows.size > 50_000) memoryWindows.clear(); // a flood of addresses cannot grow this without bound
    memoryWindows.set(key, { windowStart, count: 1 });
    return null;
  }
  entry.count += 1;
  return entry.count <= rule.limit ? null : Math.ceil((windowStart + windowMs - now) / 1000);
}

export function clientIp(request: Request): string {
  // Set by our own server from the socket (or X-Forwarded-For when TRUST_PROXY=1); never taken from the client here.
  return request.headers.get("x-client-ip") ?? "unknown";
}
