import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loader as eventsLoader } from "~/routes/orders.$id.events";
import { closeFeed, feedStatus } from "~/services/order-feed.server";
import { postOrderMessage } from "~/services/orders.server";
import { db, dbProvider } from "~/utils/db.server";
import { LISTENER_APPLICATION_NAME } from "~/utils/pg-listener.server";
import { getRequest } from "./helpers";
import { deposit, placeNewOrder, seedOrderWorld, sessionUser } from "./order-fixtures";

// The order page's live feed as a browser holds it open, on SQLite (one process: pushed in-process,
// another process's change through the page's poll) and on PostgreSQL (LISTEN/NOTIFY: pushed from any
// instance within a second, no poll).
const onPostgres = dbProvider === "postgresql";

type Feed = { changes: () => number; waitForChange: (count: number, timeoutMs: number) => Promise<number>; close: () => void };

/** Opens /orders/:id/events as `cookie` and counts the "change" events it sends, with the time each came. */
async function openFeed(orderId: string, cookie: string): Promise<Feed> {
  const controller = new AbortController();
  const request = new Request(getRequest(`/orders/${orderId}/events`, cookie), { signal: controller.signal });
  const response = (await eventsLoader({ request, params: { id: orderId }, context: {} })) as Response;
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const arrivals: number[] = [];
  let buffer = "";
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        if (/^event: change$/m.test(buffer.slice(0, end))) arrivals.push(Date.now());
        buffer = buffer.slice(end + 2);
      }
    }
  })().catch(() => undefined);
  return {
    changes: () => arrivals.length,
    async waitForChange(count, timeoutMs) {
      await vi.waitFor(() => expect(arrivals.length).toBeGreaterThanOrEqual(count), { timeout: timeoutMs, interval: 10 });
      return arrivals[count - 1] as number;
    },
    close: () => controller.abort(),
  };
}

/** A second instance of the app in its own process, on this test file's database. */
async function startOtherInstance(orderId: string, user: { id: string; role: string }) {
  const child: ChildProcessWithoutNullStreams = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["tests/integration/support/timeline-writer.ts", orderId, user.id, user.role],
    { env: process.env },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  lines.on("line", (line) => waiting.shift()?.resolve(line));
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  child.once("exit", (code) => {
    for (const waiter of waiting.splice(0)) waiter.reject(new Error(`the other instance exited (${code}): ${stderr}`));
  });
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  expect(await nextLine()).toBe("ready");
  return {
    /** Makes the change there; returns the time just before it started. */
    async change() {
      child.stdin.write("go\n");
      const start = await nextLine();
      expect(await nextLine()).toBe("done");
      return Number(start.split(" ")[1]);
    },
    stop: () => child.kill(),
  };
}

let orderId: string;
let owner: Awaited<ReturnType<typeof sessionUser>>;
let agent: Awaited<ReturnType<typeof sessionUser>>;

beforeAll(async () => {
  const world = await seedOrderWorld();
  [owner, agent] = await Promise.all([sessionUser("SHOPPER"), sessionUser("ADMIN")]);
  await deposit(owner.id, 500_000);
  orderId = (await placeNewOrder(owner, world.listingId)).orderId;
});

afterAll(() => closeFeed());

describe("the order page's live timeline", () => {
  test("a change made in this process reaches the open page at once", async () => {
    const feed = await openFeed(orderId, owner.cookie);
    await new Promise((resolve) => setTimeout(resolve, 200)); // connected and settled
    const before = feed.changes();
    const start = Date.now();
    await postOrderMessage(agent, orderId, "hello");
    const at = await feed.waitForChange(before + 1, 2_000);
    expect(at - start).toBeLessThan(500);
    feed.close();
  });

  test(
    onPostgres
      ? "a change made on another instance reaches the open page within a second"
      : "a change made by another process on the same file (a worker) reaches the open page through its poll",
    async () => {
      const other = await startOtherInstance(orderId, agent);
      const feed = await openFeed(orderId, owner.cookie);
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const delays: number[] = [];
        for (let round = 1; round <= (onPostgres ? 5 : 1); round += 1) {
          const before = feed.changes();
          const start = await other.change();
          delays.push((await feed.waitForChange(before + 1, 8_000)) - start);
        }
        console.info(`live timeline across processes (${dbProvider}): ${delays.map((ms) => `${ms} ms`).join(", ")}`);
        expect(Math.max(...delays)).toBeLessThan(onPostgres ? 1_000 : 5_500);
      } finally {
        feed.close();
        other.stop();
      }
    },
    30_000,
  );
});

describe.runIf(onPostgres)("one listening connection per process (PostgreSQL)", () => {
  const listenerBackends = async () =>
    (
      await db.$queryRaw<
        { pid: number }[]
      >`SELECT pid FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`
    ).length;

  test("many open pages share one listening connection", async () => {
    const feeds = await Promise.all([owner, owner, agent, agent].map((user) => openFeed(orderId, user.cookie)));
    await vi.waitFor(() => expect(feedStatus()).toMatchObject({ mode: "listen-notify", listening: true, listenerConnections: 1 }));
    expect(feedStatus().watchers).toBeGreaterThanOrEqual(4);
    expect(await listenerBackends()).toBe(1);
    for (const feed of feeds) feed.close();
    await vi.waitFor(() => expect(feedStatus().watchers).toBe(0));
  });

  test("when the listening connection drops it reconnects, and a change whose notice was lost meanwhile still reaches the page", async () => {
    const feed = await openFeed(orderId, owner.cookie);
    await vi.waitFor(() => expect(feedStatus().listening).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const connects = feedStatus().listenerConnects;
    const before = feed.changes();
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`;
    // Changed while nobody listens, with no notice at all: only the re-read after the reconnect can find it.
    await db.order.update({ where: { id: orderId }, data: { version: { increment: 1 } } });
    await feed.waitForChange(before + 1, 10_000);
    expect(feedStatus().listenerConnects).toBeGreaterThan(connects);
    expect(await listenerBackends()).toBe(1);
    feed.close();
  });
});
