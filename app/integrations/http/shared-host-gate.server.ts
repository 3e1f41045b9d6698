import crypto from "node:crypto";
import { HostGate, type HostLimits, type RequestGate } from "./host-gate.server";

// The politeness gate across processes: a request to a store holds one of the host's slots in the
// database (a lease its holder renews, which passes if the holder dies, so nothing waits forever) and
// starts no sooner than the host's shared next start. In front of that, an in-memory gate of the same
// size queues this process's own requests, so at most `concurrency` of them ask the database at a time.

/** Where the slots and start times live (app/utils/host-slots.server.ts; a test may pass another). */
export type HostSlotStore = {
  take(host: string, slots: number, holder: string, leaseMs: number, first: number): Promise<number | null>;
  renew(host: string, slot: number, holder: string, leaseMs: number): Promise<boolean>;
  release(host: string, slot: number, holder: string): Promise<void>;
  reserveStart(host: string, intervalMs: number): Promise<number>;
  pause(host: string, untilMs: number): Promise<void>;
};

export type SharedGateOptions = {
  /** How long a slot stays taken without a renewal: the longest a crashed holder blocks a host. */
  leaseMs?: number;
  /** The first wait before asking again for a host whose slots are all held elsewhere; it doubles up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SharedHostGate implements RequestGate {
  private readonly local: HostGate;
  private readonly processId = crypto.randomUUID();
  private requests = 0;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxPollMs: number;

  constructor(
    readonly limits: HostLimits,
    private readonly store: HostSlotStore,
    options: SharedGateOptions = {},
  ) {
    this.local = new HostGate({ concurrency: limits.concurrency, intervalMs: 0 });
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 50;
    this.maxPollMs = options.maxPollMs ?? 500;
  }

  async acquire(host: string): Promise<() => void> {
    const releaseLocal = await this.local.acquire(host);
    const holder = `${this.processId}:${(this.requests += 1)}`;
    let slot: number | null = null;
    let heartbeat: NodeJS.Timeout | undefined;
    try {
      const first = Math.floor(Math.random() * this.limits.concurrency);
      let wait = this.pollMs;
      while ((slot = await this.store.take(host, this.limits.concurrency, holder, this.leaseMs, first)) === null) {
        await sleep(wait * (0.5 + Math.random()));
        wait = Math.min(wait * 2, this.maxPollMs);
      }
      const held = slot;
      // Renewed well before it passes; a failed renewal is retried at the next beat.
      heartbeat = setInterval(() => void this.store.renew(host, held, holder, this.leaseMs).catch(() => undefined), this.leaseMs / 3);
      heartbeat.unref();
      const delay = (await this.store.reserveStart(host, this.limits.intervalMs)) - Date.now();
      if (delay > 0) await sleep(delay);
    } catch (error) {
      clearInterval(heartbeat);
      if (slot !== null) await this.store.release(host, slot, holder).catch(() => undefined);
      releaseLocal();
      throw error;
    }
    const held = slot;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      // If the database cannot be told, the lease passes by itself.
      void this.store
        .release(host, held, holder)
        .catch(() => undefined)
        .finally(releaseLocal);
    };
  }

  pause(host: string, ms: number) {
    void this.store.pause(host, Date.now() + ms).catch(() => undefined);
  }
}
