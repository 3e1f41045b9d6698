import { beforeAll, describe, expect, test } from "vitest";
import { loader as agentLoader } from "~/routes/agents.$id";
import { loader as storeLoader } from "~/routes/stores.$slug";
import { db } from "~/utils/db.server";
import { getRequest, respond } from "./helpers";
import { createListing, seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, deliveredOrder, file, type Person } from "./returns-fixtures";

// Store pages and agent profiles compute their credit from the records: delivered orders, returns
// for the platform's fault, corrected reports, the order timelines. Below the minimum sample they say
// "not enough", never a number.

type StoreData = {
  store: { name: string; verificationStatus: string };
  platformFaultReturns: { count: number; of: number; enough: boolean; percent: number | null };
  listingCount: number;
  listings: { id: string }[];
};
type AgentData = { onTime: { enough: boolean; percent: number | null; orders: number; count: number; of: number } };

const storePage = async (slug: string, query = "") => {
  const response = await respond(() => storeLoader(args(getRequest(`/stores/${slug}${query}`), { slug })));
  return { status: response.status, data: response.status === 200 ? ((await response.json()) as StoreData) : null };
};
const agentPage = async (id: string) => {
  const response = await respond(() => agentLoader(args(getRequest(`/agents/${id}`), { id })));
  return { status: response.status, data: response.status === 200 ? ((await response.json()) as AgentData) : null };
};

let agent: Person;
let world: Awaited<ReturnType<typeof seedOrderWorld>>;
const orderIds: string[] = [];

beforeAll(async () => {
  world = await seedOrderWorld();
  agent = await sessionUser("AGENT");
  for (let index = 0; index < 3; index++) orderIds.push((await deliveredOrder(agent, [{ listingId: world.cheapListingId }])).orderId);
});

describe("a store's credit", () => {
  test("an unknown store is a 404", async () => {
    expect((await storePage("no-such-store")).status).toBe(404);
  });

  test("a new store without delivered orders says not enough, with its listings", async () => {
    const fresh = await db.store.create({
      data: { slug: "new-shop", name: "New Shop", country: "DE", currency: "EUR", platform: "MANUAL", baseUrl: "https://new-shop.example" },
    });
    await createListing(fresh.id, { price: "10.00", weightGrams: 100 });
    const { data } = await storePage("new-shop");
    expect(data?.platformFaultReturns).toEqual({ count: 0, of: 0, enough: false, percent: null });
    expect(data?.listingCount).toBe(1);
    expect(data?.listings).toHaveLength(1);
    expect(data?.store.verificationStatus).toBe("UNVERIFIED");
  });

  test("the platform-fault return share counts returns not refused, over delivered orders", async () => {
    const before = await storePage("us-audio");
    expect(before.data?.platformFaultReturns).toEqual({ count: 0, of: 3, enough: true, percent: 0 });
    const [first, second] = orderIds;
    await file({ id: (await db.order.findUniqueOrThrow({ where: { id: first ?? "" } })).userId }, first ?? "", {
      reason: "DEFECTIVE",
      description: "does not switch on",
      requested: [{ position: 0, quantity: 1 }],
    });
    // A change of mind is the shopper's doing: it does not count against the store.
    await file({ id: (await db.order.findUniqueOrThrow({ where: { id: second ?? "" } })).userId }, second ?? "", {
      reason: "CHANGED_MIND",
      requested: [{ position: 0, quantity: 1 }],
    });
    const after = await storePage("us-audio");
    expect(after.data?.platformFaultReturns).toEqual({ count: 1, of: 3, enough: true, percent: 33.3 });
  });

  test("the listing page's store is the store page's", async () => {
    const page = await storePage("us-audio", "?page=abc");
    expect(page.status).toBe(200);
    expect(page.data?.listings.map((listing) => listing.id)).toContain(world.cheapListingId);
  });
});

describe("an agent's on-time rate", () => {
  test("comes from the order timelines against the targets", async () => {
    const before = await agentPage(agent.id);
    expect(before.data?.onTime).toMatchObject({ enough: true, percent: 100, orders: 3, count: 6, of: 6 });
    // The first order took 60 hours from payment to purchase (the target is 48).
    const paid = await db.orderEvent.findFirstOrThrow({ where: { orderId: orderIds[0], toStatus: "PAID" }, select: { createdAt: true } });
    await db.orderEvent.updateMany({
      where: { orderId: orderIds[0], toStatus: "PURCHASED" },
      data: { createdAt: new Date(paid.createdAt.getTime() + 60 * 3_600_000) },
    });
    const after = await agentPage(agent.id);
    expect(after.data?.onTime).toMatchObject({ enough: true, percent: 83.3, count: 5, of: 6 });
  });

  test("a new agent has not enough orders for a figure", async () => {
    const newcomer = await sessionUser("AGENT");
    expect((await agentPage(newcomer.id)).data?.onTime).toMatchObject({ enough: false, percent: null, orders: 0 });
  });

  test("only agents have profiles", async () => {
    const shopper = await sessionUser("SHOPPER");
    expect((await agentPage(shopper.id)).status).toBe(404);
    expect((await agentPage("nobody")).status).toBe(404);
  });
});
