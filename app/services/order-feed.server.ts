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
