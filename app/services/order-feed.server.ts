import { eventStream } from "remix-utils/sse/server";
import { EventEmitter } from "node:events";

// Wakes the live timelines of an order in this process the moment an event is committed. Other
// web processes' events reach their watchers through the timeline stream's slower database poll.

type FeedHub = EventEmitter;
const globalForFeed = globalThis as unknown as { __orderFeed?: FeedHub };
const hub: FeedHub = (globalForFeed.__orderFeed ??= new EventEmitter().setMaxListeners(0));

export function publishOrderChange(orderId: string) {
  hub.emit(orderId);
}

export function subscribeToOrder(orderId: string, listener: () => void) {
  hub.on(orderId, listener);
  return () => void hub.off(orderId, listener);
}

export function watcherCount(orderId: string) {
  return hub.listenerCount(orderId);
}

const POLL_MS = 5_000;
const KEEPALIVE_MS = 25_000;

/**
 * A page's live feed (Server-Sent Events): an event named "change" whenever the timeline of `topic`
 * moves. This process's changes are pushed at once without a database read (access was checked when
 * the page connected; 50 open pages must not mean 50 reads per change); a slow poll of `readMark`
 * catches changes made by other web processes.
 */
export function timelineStream(signal: AbortSignal, topic: string, first: string, readMark: () => Promise<string | null>) {
  return eventStream(signal, (send) => {
    let last: string | null = first;
    let pushes = 0;
    let checking = false;
    const poll = async () => {
      if (checking) return;
      checking = true;
      try {
        const mark = await readMark();
        // After a push the mark is re-read silently: that change has been told already.
        if (mark !== null && last !== null && mark !== last) send({ event: "change", data: mark });
        last = mark;
      } finally {
        checking = false;
      }
    };
    const unsubscribe = subscribeToOrder(topic, () => {
      last = null;
      send({ event: "change", data: `push-${(pushes += 1)}` });
    });
    const pollTimer = setInterval(() => void poll(), POLL_MS);
    const keepAlive = setInterval(() => send({ event: "ping", data: "" }), KEEPALIVE_MS);
    return () => {
      unsubscribe();
      clearInterval(pollTimer);
      clearInterval(keepAlive);
    };
  });
}
