import { EventEmitter } from "node:events";
import { eventStream } from "remix-utils/sse/server";
import { db, dbProvider } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createPgListener, type PgListener } from "~/utils/pg-listener.server";

// Wakes the live timelines (orders, returns) the moment a change is committed.
// - PostgreSQL: a change is published with NOTIFY on FEED_CHANNEL (payload: the topic), and each process
//   holds ONE listening connection that wakes its own pages watching that topic, whichever instance or
//   worker made the change. No page polls the database; a page re-reads its mark when it connects, after
//   each wake (to know where it is) and whenever the listener (re)connects (notifications sent while it
//   was away are lost, so every page compares).
// - SQLite: one process normally serves everything, so an in-process EventEmitter; a second process on
//   the same file (WORKER=off + `npm run worker`) reaches pages through each page's slow poll.

export const FEED_CHANNEL = "order_feed";
const RESYNC = Symbol("listener (re)connected");
const POLL_MS = 5_000;
const KEEPALIVE_MS = 25_000;

// Open live timelines per session, counted in this process (each stream lives on the process that
// serves it; behind a load balancer a session may hold this many on each instance). The next one is
// refused with 429 and Retry-After, and its page falls back to polling (use-live-timeline.ts). Closing a
// stream frees its slot. RATE_LIMITS=off (the bench, end-to-end tests) lifts it like the other limits.
export const MAX_STREAMS_PER_SESSION = 5;
export const STREAM_RETRY_AFTER_SECONDS = 30;

type FeedState = { hub: EventEmitter; listener?: PgListener; streams: Map<string, number> };
const globalForFeed = globalThis as unknown as { __orderFeedState?: FeedState };
const state: FeedState = (globalForFeed.__orderFeedState ??= { hub: new EventEmitter().setMaxListeners(0), streams: new Map() });
state.streams ??= new Map(); // a state made by an older module version in the same process (dev reloads)

/** Takes one of the session's stream slots; the release function gives it back (once). Null when all are taken. */
function takeStreamSlot(sessionKey: string): (() => void) | null {
  const open = state.streams.get(sessionKey) ?? 0;
  if (open >= MAX_STREAMS_PER_SESSION && getEnv().RATE_LIMITS !== "off") return null;
  state.streams.set(sessionKey, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (state.streams.get(sessionKey) ?? 1) - 1;
    if (left > 0) state.streams.set(sessionKey, left);
    else state.streams.delete(sessionKey);
  };
}

/** How many live timelines the session holds open in this process. */
export function openStreamCount(sessionKey: string) {
  return state.streams.get(sessionKey) ?? 0;
}

const onPostgres = () => dbProvider === "postgresql";

function ensureListener() {
  if (!onPostgres() || state.listener) return;
  state.listener = createPgListener(getEnv().DATABASE_URL, FEED_CHANNEL, {
    notify: (topic) => state.hub.emit(topic),
    listening: () => state.hub.emit(RESYNC),
  });
}

/**
 * Tells every page watching `topic`, on every instance, that its timeline moved. Call it after the
 * transaction that made the change has committed (a page woken earlier would re-read the old state).
 * Never throws: a lost notice costs a page its live update, not the request its answer.
 */
export async function publishOrderChange(topic: string): Promise<void> {
  if (!onPostgres()) {
    state.hub.emit(topic);
    return;
  }
  // This process's own pages hear the change through its listener like everyone else's; while that is
  // not connected they are told directly (and compare their marks when it is back).
  if (!state.listener?.status().listening) state.hub.emit(topic);
  try {
    await db.$executeRaw`SELECT pg_notify(${FEED_CHANNEL}, ${topic})`;
  } catch (error) {
    console.error(`live timeline notice for ${topic} not sent: ${(error as Error).message}`);
  }
}

export function subscribeToOrder(topic: string, listener: () => void) {
  ensureListener();
  state.hub.on(topic, listener);
  return () => void state.hub.off(topic, listener);
}

export function watcherCount(topic: string) {
  return state.hub.listenerCount(topic);
}

/** For a health or debug endpoint: how this process follows changes, its listening connections and open pages. */
export function feedStatus() {
  const listener = state.listener?.status() ?? { listening: false, connections: 0, connects: 0 };
  const topics = state.hub.eventNames().filter((name): name is string => typeof name === "string");
  return {
    provider: dbProvider,
    mode: onPostgres() ? ("listen-notify" as const) : ("in-process" as const),
    listening: listener.listening,
    listenerConnections: listener.connections,
    listenerConnects: listener.connects,
    topics: topics.length,
    watchers: topics.reduce((sum, topic) => sum + state.hub.listenerCount(topic), 0),
  };
}

/** Closes this process's listening connection (shutdown, tests); the next page to connect opens it again. */
export async function closeFeed() {
  const listener = state.listener;
  state.listener = undefined;
  await listener?.close();
}

/**
 * A page's live feed (Server-Sent Events): an event named "change" whenever the timeline of `topic`
 * moves. A wake is pushed at once without a database read (access was checked when the page connected;
 * 50 open pages must not mean 50 reads before the change shows). `sessionKey` (the login session) holds
 * at most MAX_STREAMS_PER_SESSION open at once: the next is a 429 with Retry-After.
 */
export function timelineStream(
  signal: AbortSignal,
  topic: string,
  first: string,
  readMark: () => Promise<string | null>,
  sessionKey: string,
) {
  const release = takeStreamSlot(sessionKey);
  if (!release)
    return new Response("Too many live timelines open in this session", {
      status: 429,
      headers: { "Retry-After": String(STREAM_RETRY_AFTER_SECONDS), "Content-Type": "text/plain; charset=utf-8" },
    });
  return eventStream(signal, (send) => {
    // The mark this page is known to be at; null right after a push, until it is read again.
    let last: string | null = first;
    let pushes = 0;
    let closed = false;
    let reads: Promise<void> = Promise.resolve();
    let silentQueued = false;

    // Reads run one after another. `tell`: say "change" if the mark moved from the one known (an unknown
    // one counts as moved only on PostgreSQL, where no poll comes later to settle it).
    const check = (tell: boolean) => {
      reads = reads.then(async () => {
        if (!tell) silentQueued = false;
        if (closed) return;
        const mark = await readMark().catch(() => undefined);
        if (mark === undefined || closed) return;
        const moved = mark !== null && mark !== last && (last !== null || onPostgres());
        if (tell && moved) send({ event: "change", data: mark });
        last = mark;
      });
    };

    const onChange = () => {
      last = null;
      send({ event: "change", data: `push-${(pushes += 1)}` });
      // One re-read per burst of wakes, so a listener reconnect later compares against the real mark.
      if (onPostgres() && !silentQueued) {
        silentQueued = true;
        check(false);
      }
    };
    const onResync = () => check(true);
    const unsubscribe = subscribeToOrder(topic, onChange);
    state.hub.on(RESYNC, onResync);
    let pollTimer: NodeJS.Timeout | undefined;
    if (onPostgres())
      check(true); // a change committed between the page's first read and this subscription
    else pollTimer = setInterval(() => check(true), POLL_MS);
    const keepAlive = setInterval(() => send({ event: "ping", data: "" }), KEEPALIVE_MS);
    return () => {
      closed = true;
      release();
      unsubscribe();
      state.hub.off(RESYNC, onResync);
      clearInterval(pollTimer);
      clearInterval(keepAlive);
    };
  });
}
