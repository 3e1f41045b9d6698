import { db, Prisma } from "./db.server";

// The database half of the store politeness gate (app/integrations/http/shared-host-gate.server.ts): every
// web process and worker takes a store host's request slots and start times from the same rows, so the
// limits hold across processes. Plain conditional updates, the same on SQLite and PostgreSQL: no lock is
// held across the HTTP request, only a lease that its holder renews and that passes if the holder dies.

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// Hosts whose slot rows this process has seen exist (rows are never deleted, so once is enough).
const knownHosts = new Set<string>();

async function ensureSlotRows(host: string, slots: number) {
  if (knownHosts.has(`${host}#${slots}`)) return;
  const existing = await db.storeHostSlot.findMany({ where: { host }, select: { slot: true } });
  const have = new Set(existing.map((row) => row.slot));
  for (let slot = 0; slot < slots; slot += 1) {
    if (have.has(slot)) continue;
    try {
      await db.storeHostSlot.create({ data: { host, slot, holder: null, leaseUntil: new Date(0) } });
    } catch (error) {
      // Another process created it first: it exists, which is all this needs.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  knownHosts.add(`${host}#${slots}`);
}

/**
 * Takes a free slot of `host` (no holder, or a lease that passed) for `holder`, trying each of the
 * `slots` once from `first`: one conditional update each, so two processes never take the same slot.
 * Returns the slot, or null when all are held.
 */
export async function takeHostSlot(host: string, slots: number, holder: string, leaseMs: number, first = 0): Promise<number | null> {
  await ensureSlotRows(host, slots);
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  for (let index = 0; index < slots; index += 1) {
    const slot = (first + index) % slots;
    const taken = await db.storeHostSlot.updateMany({
      where: { host, slot, OR: [{ holder: null }, { leaseUntil: { lt: now } }] },
      data: { holder, leaseUntil },
    });
    if (taken.count === 1) return slot;
  }
  return null;
}

/** Extends a slot's lease while its request runs; false when the slot is no longer this holder's. */
export async function renewHostSlot(host: string, slot: number, holder: string, leaseMs: number): Promise<boolean> {
  const renewed = await db.storeHostSlot.updateMany({
    where: { host, slot, holder },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  return renewed.count === 1;
}

/** Frees a slot, only if this holder still has it (an expired lease may have passed to another). */
export async function releaseHostSlot(host: string, slot: number, holder: string): Promise<void> {
  await db.storeHostSlot.updateMany({ where: { host, slot, holder }, data: { holder: null, leaseUntil: new Date() } });
}

/**
 * Reserves the next start time of a request to `host`, at least `intervalMs` after the one reserved
 * before it by any process, and never before a pause: a compare-and-set on the host's row, retried
 * when another process moved it first. Returns the start (epoch ms), which may be in the future.
 */
export async function reserveHostStart(host: string, intervalMs: number): Promise<number> {
  for (;;) {
    const now = Date.now();
    const row = await db.storeHostPace.findUnique({ where: { host }, select: { nextStartAt: true } });
    if (!row) {
      try {
        await db.storeHostPace.create({ data: { host, nextStartAt: new Date(now + intervalMs) } });
        return now;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue;
      }
    }
    const start = Math.max(now, row.nextStartAt.getTime());
    const moved = await db.storeHostPace.updateMany({
      where: { host, nextStartAt: row.nextStartAt },
      data: { nextStartAt: new Date(start + intervalMs) },
    });
    if (moved.count === 1) return start;
  }
}

/** No request to `host` starts before `untilMs` (a 429's Retry-After), in any process. */
export async function pauseHost(host: string, untilMs: number): Promise<void> {
  const until = new Date(untilMs);
  for (;;) {
    const moved = await db.storeHostPace.updateMany({ where: { host, nextStartAt: { lt: until } }, data: { nextStartAt: until } });
    if (moved.count === 1) return;
    if (await db.storeHostPace.findUnique({ where: { host }, select: { host: true } })) return; // already paused as long or longer
    try {
      await db.storeHostPace.create({ data: { host, nextStartAt: until } });
      return;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
