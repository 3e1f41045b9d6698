// Politeness towards each store: at most `concurrency` requests in flight per host and at least
// `intervalMs` between request starts. This one is in memory, for one process: the store client uses
// SharedHostGate (shared-host-gate.server.ts), which holds across processes and queues here first.
type Waiter = () => void;
type HostState = { active: number; nextStart: number; queue: Waiter[] };

export type HostLimits = { concurrency: number; intervalMs: number };

/** What the HTTP client needs of a gate: a slot per request (release it when done) and a pause after a 429. */
export interface RequestGate {
  readonly limits: HostLimits;
  acquire(host: string): Promise<() => void>;
  pause(host: string, ms: number): void;
}

export class HostGate implements RequestGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly limits: HostLimits) {}

  async acquire(host: string): Promise<() => void> {
    const state = this.hosts.get(host) ?? { active: 0, nextStart: 0, queue: [] };
    this.hosts.set(host, state);
    if (state.active >= this.limits.concurrency) await new Promise<void>((resolve) => state.queue.push(resolve));
    state.active += 1;
    const wait = state.nextStart - Date.now();
    state.nextStart = Math.max(Date.now(), state.nextStart) + this.limits.intervalMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.active -= 1;
      const next = state.queue.shift();
      if (next) next();
      else if (state.active === 0 && Date.now() > state.nextStart) this.hosts.delete(host);
    };
  }

  /** Pushes the host's next start back, e.g. after a 429 with Retry-After. */
  pause(host: string, ms: number) {
    const state = this.hosts.get(host) ?? { active: 0, nextStart: 0, queue: [] };
    state.nextStart = Math.max(state.nextStart, Date.now() + ms);
    this.hosts.set(host, state);
  }
}
