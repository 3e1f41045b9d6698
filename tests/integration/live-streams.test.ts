import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loader as eventsLoader } from "~/routes/orders.$id.events";
import { closeFeed, MAX_STREAMS_PER_SESSION, watcherCount } from "~/services/order-feed.server";
import { postOrderMessage } from "~/services/orders.server";
import { createUserSession } from "~/utils/auth.server";
import { cookieFrom, getRequest } from "./helpers";
import { deposit, placeNewOrder, seedOrderWorld, sessionUser } from "./order-fixtures";

// Live timelines per login session. The probe: one shopper held 200 open streams of one order page,
// each a subscription and a timer in the server. Now a session holds MAX_STREAMS_PER_SESSION (5); the
// next is 429 with Retry-After, and closing one frees its slot.

type Stream = { response: Response; close: () => void; changes: () => number };

async function openStream(orderId: string, cookie: string): Promise<Stream> {
  const controller = new AbortController();
  const request = new Request(getRequest(`/orders/${orderId}/events`, cookie), { signal: controller.signal });
  const response = (await eventsLoader({ request, params: { id: orderId }, context: {} })) as Response;
  let changes = 0;
  if (response.status === 200) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        changes += (decoder.decode(value).match(/^event: change$/gm) ?? []).length;
      }
    })().catch(() => undefined);
  }
  return { response, close: () => controller.abort(), changes: () => changes };
}

let orderId = "";
let owner: Awaited<ReturnType<typeof sessionUser>>;
const opened: Stream[] = [];

beforeAll(async () => {
  const { listingId } = await seedOrderWorld();
  owner = await sessionUser("SHOPPER");
  await deposit(owner.id, 500_000);
  ({ orderId } = await placeNewOrder(owner, listingId));
});

afterAll(async () => {
  for (const stream of opened) stream.close();
  await closeFeed();
});

describe("live timelines per session", () => {
  test("a session opening 200 streams gets 5; the 6th and later are 429 with Retry-After; closing one frees its slot", async () => {
    const streams = await Promise.all(Array.from({ length: 200 }, () => openStream(orderId, owner.cookie)));
    opened.push(...streams);
    const accepted = streams.filter((stream) => stream.response.status === 200);
    const refused = streams.filter((stream) => stream.response.status === 429);
    expect(accepted).toHaveLength(MAX_STREAMS_PER_SESSION);
    expect(refused).toHaveLength(200 - MAX_STREAMS_PER_SESSION);
    expect(refused[0]?.response.headers.get("Retry-After")).toBe("30");
    expect(watcherCount(orderId)).toBe(MAX_STREAMS_PER_SESSION);

    // The open ones still work.
    expect(await postOrderMessage(owner, orderId, "still live?")).toEqual({ ok: true });
    await vi.waitFor(() => expect(accepted.every((stream) => stream.changes() >= 1)).toBe(true), { timeout: 5_000, interval: 20 });

    accepted[0]?.close();
    await vi.waitFor(() => expect(watcherCount(orderId)).toBe(MAX_STREAMS_PER_SESSION - 1));
    const next = await openStream(orderId, owner.cookie);
    opened.push(next);
    expect(next.response.status).toBe(200);
    const over = await openStream(orderId, owner.cookie);
    expect(over.response.status).toBe(429);

    for (const stream of accepted) stream.close();
    next.close();
    await vi.waitFor(() => expect(watcherCount(orderId)).toBe(0));
    const fresh = await openStream(orderId, owner.cookie);
    opened.push(fresh);
    expect(fresh.response.status).toBe(200);
  });

  test("another login session of the same shopper has slots of its own; a closed stream's slot is not counted twice", async () => {
    for (const stream of opened) stream.close();
    await vi.waitFor(() => expect(watcherCount(orderId)).toBe(0));
    const other = cookieFrom(await createUserSession(owner.id, "/"));
    const mine = await Promise.all(Array.from({ length: MAX_STREAMS_PER_SESSION }, () => openStream(orderId, owner.cookie)));
    const theirs = await openStream(orderId, other);
    opened.push(...mine, theirs);
    expect(mine.map((stream) => stream.response.status)).toEqual(Array(MAX_STREAMS_PER_SESSION).fill(200));
    expect(theirs.response.status).toBe(200);
    mine[0]?.close();
    mine[0]?.close();
    await vi.waitFor(() => expect(watcherCount(orderId)).toBe(MAX_STREAMS_PER_SESSION));
    const again = await Promise.all([openStream(orderId, owner.cookie), openStream(orderId, owner.cookie)]);
    opened.push(...again);
    expect(again.map((stream) => stream.response.status).sort()).toEqual([200, 429]);
  });
});
