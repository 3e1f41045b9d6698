import { db, Prisma } from "./db.server";
import { getEnv } from "./env.server";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const rules = {
  // Login attempts from one address, whatever the account (counted before the password is checked).
  loginPerIp: { name: "login-ip", limit: 20, windowSeconds: 15 * 60 },
  // Failed logins of one account from one address: past the limit that address gets 429 for that account,
  // while its owner, from anywhere else, still logs in. A successful login is given back (releaseRateLimit).
  loginFailuresPerAccountAndIp: { name: "login-account-ip", limit: 5, windowSeconds: 15 * 60 },
  // Failed logins of one account from every address: past the limit every attempt on it waits
  // LOGIN_SLOWDOWN_MS before it is answered (a delay, not a wall: the right password still gets in).
  loginFailuresPerAccount: { name: "login-account", limit: 20, windowSeconds: 15 * 60 },
  signupPerIp: { name: "signup-ip", limit: 10, windowSeconds: 60 * 60 },
  // Mails one address is sent by sign-ups and reset requests: past the limit the answer is the same, no mail.
  signupPerEmail: { name: "signup-email", limit: 3, windowSeconds: 60 * 60 },
  passwordResetPerIp: { name: "reset-ip", limit: 10, windowSeconds: 60 * 60 },
  passwordResetPerEmail: { name: "reset-email", limit: 3, windowSeconds: 60 * 60 },
  quotesPerIp: { name: "quotes-ip", limit: 600, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/** How long every login attempt on an account waits once `loginFailuresPerAccount` is past its limit. */
export const LOGIN_SLOWDOWN_MS = 2_000;

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Adds `hits` to a window's shared count in one statement and returns the count after it. */
async function addHits(key: string, windowStart: Date, hits: number): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const row = await db.rateLimitWindow.upsert({
        where: { key_windowStart: { key, windowStart } },
        create: { key, windowStart, count: hits },
        update: { count: { increment: hits } },
        select: { count: true },
      });
      return row.count;
    } catch (error) {
      // Two processes created the window at once: it exists now, so the increment goes through next time.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

type Waiter = { resolve: (position: number) => void; reject: (error: unknown) => void };

/**
 * Fixed-window rate limits counted in the database (RateLimitWindow), so every web process shares each
 * count: "600 quotes a minute from one address" means across all instances. Hits of one window that
 * arrive together are added in one statement (the quote API is the hottest path there is, and stores its
 * quotes the same way), and each hit learns its exact place in the shared count from the total that
 * statement returns. Once a window is over its limit this process refuses it without writing until the
 * window ends: a flood costs no database writes.
 */
export function createRateLimiter() {
  const pending = new Map<string, { key: string; windowStart: Date; waiters: Waiter[] }>();
  const overUntil = new Map<string, number>();
  let scheduled = false;

  function flush() {
    scheduled = false;
    const batches = [...pending.values()];
    pending.clear();
    for (const batch of batches) {
      addHits(batch.key, batch.windowStart, batch.waiters.length).then(
        (total) => batch.waiters.forEach((waiter, index) => waiter.resolve(total - batch.waiters.length + 1 + index)),
        (error) => batch.waiters.forEach((waiter) => waiter.reject(error)),
      );
    }
  }

  /** Counts a hit; returns the seconds to wait when the limit is exceeded, or null when the hit is allowed. */
  async function hit(rule: RateLimitRule, subject: string, now = new Date()): Promise<number | null> {
    if (getEnv().RATE_LIMITS === "off") return null;
    const { key, windowStart, windowEnd, id } = windowOf(rule, subject, now);
    const wait = Math.ceil((windowEnd - now.getTime()) / 1000);
    const over = overUntil.get(id);
    if (over !== undefined) {
      if (over > now.getTime()) return wait;
      overUntil.delete(id);
    }
    const position = await new Promise<number>((resolve, reject) => {
      const batch = pending.get(id) ?? { key, windowStart, waiters: [] };
      batch.waiters.push({ resolve, reject });
      pending.set(id, batch);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
    if (position <= rule.limit) return null;
    if (overUntil.size > 50_000) overUntil.clear(); // a flood of addresses cannot grow this without bound
    overUntil.set(id, windowEnd);
    return wait;
  }

  /**
   * Takes back one hit that `hit` allowed at `now` (pass the same `now`): a limit on failures counts every
   * attempt before it is checked, so parallel attempts cannot slip past it, and gives a success back.
   */
  async function release(rule: RateLimitRule, subject: string, now: Date): Promise<void> {
    if (getEnv().RATE_LIMITS === "off") return;
    const { key, windowStart } = windowOf(rule, subject, now);
    await db.rateLimitWindow.updateMany({ where: { key, windowStart, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  }

  return { hit, release };
}

function windowOf(rule: RateLimitRule, subject: string, now: Date) {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${rule.name}:${subject.toLowerCase()}`;
  return { key, windowStart, windowEnd: windowStart.getTime() + windowMs, id: `${key}@${windowStart.getTime()}` };
}

const shared = createRateLimiter();

/** This process's limiter (see createRateLimiter): login, signup, imports, top-ups and the quote API. */
export const hitRateLimit = shared.hit;
export const releaseRateLimit = shared.release;

export function clientIp(request: Request): string {
  // Set by our own server from the socket (or X-Forwarded-For when TRUST_PROXY=1); never taken from the client here.
  return request.headers.get("x-client-ip") ?? "unknown";
}
