import pg from "pg";

// One PostgreSQL connection that LISTENs on a channel for this whole process (not one per page), kept
// alive: when it drops it reconnects with a doubling back-off, and every (re)connect is reported, because
// notifications sent while it was away are lost and whoever relies on them must re-read what they watch.

export type PgListenerHandlers = {
  /** A notification's payload on the channel. */
  notify(payload: string): void;
  /** LISTEN is in effect again (the first time too): anything sent before now was not seen. */
  listening(): void;
};

export type PgListenerOptions = { minBackoffMs?: number; maxBackoffMs?: number; healthMs?: number };

export const LISTENER_APPLICATION_NAME = "daigou-feed-listener";

export type PgListener = {
  status(): { listening: boolean; connections: number; connects: number };
  close(): Promise<void>;
};

export function createPgListener(url: string, channel: string, handlers: PgListenerHandlers, options: PgListenerOptions = {}): PgListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const minBackoff = options.minBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  let backoff = minBackoff;
  let current: pg.Client | null = null;
  let listening = false;
  let connects = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const wait = backoff * (0.75 + Math.random() * 0.5);
    backoff = Math.min(backoff * 2, maxBackoff);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, wait);
    retryTimer.unref();
  };

  const drop = (client: pg.Client) => {
    if (current === client) {
      current = null;
      listening = false;
    }
    client.removeAllListeners("notification");
    void client.end().catch(() => undefined);
    scheduleReconnect();
  };

  async function connect() {
    if (closed) return;
    const client = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    let dropped = false;
    const once = () => {
      if (dropped) return;
      dropped = true;
      drop(client);
    };
    client.on("error", once);
    client.on("end", once);
    client.on("notification", (message) => {
      if (message.channel === channel && message.payload) handlers.notify(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch {
      once();
      return;
    }
    if (closed) {
      dropped = true;
      void client.end().catch(() => undefined);
      return;
    }
    current = client;
    listening = true;
    connects += 1;
    backoff = minBackoff;
    handlers.listening();
  }

  // A connection can die without a word (a half-open TCP socket): a cheap query now and then finds out.
  const health = setInterval(() => {
    const client = current;
    if (client) client.query("SELECT 1").catch(() => client.emit("error", new Error("listener health check failed")));
  }, options.healthMs ?? 15_000);
  health.unref();

  void connect();
  return {
    status: () => ({ listening, connections: current ? 1 : 0, connects }),
    async close() {
      closed = true;
      clearInterval(health);
      clearTimeout(retryTimer);
      const client = current;
      current = null;
      listening = false;
      if (client) {
        client.removeAllListeners();
        client.on("error", () => undefined);
        await client.end().catch(() => undefined);
      }
    },
  };
}
