import { beforeAll, describe, expect, test } from "vitest";
import { loader as queueLoader } from "~/routes/agent.orders";
import { loader as orderLoader } from "~/routes/orders.$id";
import { getOrder } from "~/services/orders.server";
import { getRequest, respond } from "./helpers";
import {
  ADDRESS,
  asActor,
  deposit,
  IDENTITY,
  lockedCheckout,
  move,
  placeInput,
  placeNewOrder,
  seedOrderWorld,
  sessionUser,
  US_CBEC,
} from "./order-fixtures";
import { placeOrder } from "~/services/checkout.server";

// The shopper's delivery address, phone and resident id, as each viewer's page receives them. The
// probe: any agent opened an unassigned (even unpaid) order's page and read the shopper's full address
// and phone. Now an agent reads them only on an order they claimed, never while it is unpaid; admins
// and the shopper see them as before.

type Person = Awaited<ReturnType<typeof sessionUser>>;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

let listingId = "";
let shopper: Person;
let agent: Person;
let otherAgent: Person;
let admin: Person;
let unpaidId = "";
let paidCbecId = "";

/** What the order page's loader sends to `person`'s browser, as text. */
async function pageData(person: Person, orderId: string) {
  const response = await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, person.cookie), { id: orderId })));
  return { status: response.status, text: response.status === 200 ? await response.text() : "" };
}

const SECRETS = [ADDRESS.mobile, ADDRESS.street, ADDRESS.recipientName, ADDRESS.district];

function expectNoDelivery(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/1101\*+/);
}

beforeAll(async () => {
  ({ listingId } = await seedOrderWorld());
  [shopper, agent, otherAgent, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
  // Unpaid: the wallet is empty when it is placed.
  const unpaid = await placeOrder(shopper, placeInput((await lockedCheckout(shopper, listingId)).id));
  if (!unpaid.ok || unpaid.paid) throw new Error("expected an unpaid order");
  unpaidId = unpaid.orderId;
  await deposit(shopper.id, 1_000_000);
  paidCbecId = (await placeNewOrder(shopper, listingId, { lineCode: US_CBEC })).orderId;
});

describe("delivery details on the order page", () => {
  test("an agent opening an unassigned unpaid order sees neither address, phone nor resident id", async () => {
    const page = await pageData(agent, unpaidId);
    expect(page.status).toBe(200);
    expectNoDelivery(page.text);
    expect(JSON.parse(page.text)).toMatchObject({ order: { address: null, identityMasked: null } });
  });

  test("an agent opening an unassigned paid order sees them only after claiming it; another agent never", async () => {
    expectNoDelivery((await pageData(agent, paidCbecId)).text);
    expectNoDelivery((await pageData(otherAgent, paidCbecId)).text);

    await move(asActor(agent), paidCbecId, "PURCHASING");
    const claimed = await pageData(agent, paidCbecId);
    for (const secret of SECRETS) expect(claimed.text).toContain(secret);
    expect(JSON.parse(claimed.text).order.identityMasked).toMatch(/^张\*丰 1101\*{10}\w{4}$/);
    expect(claimed.text).not.toContain(IDENTITY.residentId);
    // Once claimed it is no longer another agent's to open at all.
    expect((await pageData(otherAgent, paidCbecId)).status).toBe(404);
  });

  test("the shopper sees their own, admins see every order's, as before", async () => {
    for (const person of [shopper, admin]) {
      for (const id of [unpaidId, paidCbecId]) {
        const page = await pageData(person, id);
        expect(page.status).toBe(200);
        expect(page.text).toContain(ADDRESS.mobile);
        expect(page.text).toContain(ADDRESS.street);
      }
    }
    expect((await getOrder(admin, paidCbecId))?.identityMasked).toMatch(/^张\*丰/);
  });

  test("the agents' queue never carries delivery details, in any view", async () => {
    for (const view of ["unassigned", "mine", "all"]) {
      const response = await respond(() => queueLoader(args(getRequest(`/agent/orders?view=${view}`, agent.cookie))));
      expect(response.status).toBe(200);
      expectNoDelivery(await response.text());
    }
  });
});
