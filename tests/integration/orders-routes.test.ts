import { beforeAll, describe, expect, test } from "vitest";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as eventsLoader } from "~/routes/orders.$id.events";
import { loader as photoLoader } from "~/routes/orders.$id.photos.$name";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$id";
import { loader as queueLoader } from "~/routes/agent.orders";
import { fileStorage } from "~/services/storage/storage.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createTestUser, formRequest, getRequest, respond } from "./helpers";
import { ADDRESS, asActor, deposit, lockedCheckout, move, placeNewOrder, purchase, seedOrderWorld } from "./order-fixtures";

// The order pages as a browser reaches them: through the route modules, with session cookies.

type Person = SessionUser & { cookie: string };

async function person(role: SessionUser["role"]): Promise<Person> {
  const user = await createTestUser(role);
  return { id: user.id, email: user.email, name: `${role} tester`, role, cookie: user.cookie };
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let owner: Person;
let stranger: Person;
let agent: Person;
let otherAgent: Person;
let admin: Person;
let orderId: string;

beforeAll(async () => {
  world = await seedOrderWorld();
  [owner, stranger, agent, otherAgent, admin] = await Promise.all([
    person("SHOPPER"),
    person("SHOPPER"),
    person("AGENT"),
    person("AGENT"),
    person("ADMIN"),
  ]);
  await deposit(owner.id, 500_000);
  orderId = (await placeNewOrder(owner, world.listingId)).orderId;
});

describe("who may open an order", () => {
  test("the shopper who placed it sees it; another shopper gets 404 for the page, the live feed and its photos", async () => {
    expect((await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, owner.cookie), { id: orderId })))).status).toBe(200);
    for (const run of [
      () => orderLoader(args(getRequest(`/orders/${orderId}`, stranger.cookie), { id: orderId })),
      () => eventsLoader(args(getRequest(`/orders/${orderId}/events`, stranger.cookie), { id: orderId })),
      () =>
        photoLoader(
          args(getRequest(`/orders/${orderId}/photos/0123456789abcdef0123456789abcdef.png`, stranger.cookie), {
            id: orderId,
            name: "0123456789abcdef0123456789abcdef.png",
          }),
        ),
    ]) {
      expect((await respond(run)).status).toBe(404);
    }
  });

  test("an agent sees an unassigned order and their own, not another agent's; an admin sees all", async () => {
    const response = await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, agent.cookie), { id: orderId })));
    expect(response.status).toBe(200);
    await move(asActor(agent), orderId, "PURCHASING");
    expect((await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, otherAgent.cookie), { id: orderId })))).status).toBe(404);
    expect((await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, agent.cookie), { id: orderId })))).status).toBe(200);
    expect((await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, admin.cookie), { id: orderId })))).status).toBe(200);
  });

  test("the order queue is for agents and admins only", async () => {
    expect((await respond(() => queueLoader(args(getRequest("/agent/orders", owner.cookie))))).status).toBe(403);
    const mine = await respond(() => queueLoader(args(getRequest("/agent/orders?view=mine&status=NOT_A_STATUS", agent.cookie))));
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as { orders: { id: string }[]; filter: { status?: string } };
    expect(body.orders.map((order) => order.id)).toContain(orderId);
    expect(body.filter.status).toBeUndefined();
  });

  test("a stranger's move on someone else's order is a 404 and writes nothing", async () => {
    const before = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, version: true } });
    const response = await respond(() =>
      orderAction(
        args(
          formRequest(
            `/orders/${orderId}`,
            { intent: "transition", to: "CANCELLED", version: String(before.version) },
            { cookie: stranger.cookie },
          ),
          { id: orderId },
        ),
      ),
    );
    expect(response.status).toBe(404);
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, version: true } })).toEqual(before);
  });
});

describe("bad input at checkout", () => {
  test("a tampered total in the form is ignored: the order charges the locked quote's total", async () => {
    const shopper = await person("SHOPPER");
    await deposit(shopper.id, 500_000);
    const locked = await lockedCheckout(shopper, world.cheapListingId);
    const response = await respond(() =>
      checkoutAction(
        args(
          formRequest(
            "/checkout",
            {
              intent: "place",
              quoteId: locked.id,
              idempotencyKey: locked.id,
              line: locked.lineCode,
              total: "0.01",
              price: "0.01",
              totalFen: "1",
              ...ADDRESS,
            },
            { cookie: shopper.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(302);
    const order = await db.order.findFirstOrThrow({
      where: { userId: shopper.id },
      select: { totalFen: true, paidFen: true, status: true },
    });
    expect(order).toEqual({ totalFen: locked.totalFen, paidFen: locked.totalFen, status: "PAID" });
    expect((await db.walletAccount.findUniqueOrThrow({ where: { userId: shopper.id } })).balanceFen).toBe(500_000 - locked.totalFen);
  });

  test("another shopper's quote id is refused with a message and no order", async () => {
    const thief = await person("SHOPPER");
    const victim = await person("SHOPPER");
    const locked = await lockedCheckout(victim, world.cheapListingId);
    const response = await respond(() =>
      checkoutAction(
        args(
          formRequest(
            "/checkout",
            { intent: "place", quoteId: locked.id, idempotencyKey: locked.id, line: locked.lineCode, ...ADDRESS },
            { cookie: thief.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("orders:errors.quoteNotFound");
    expect(await db.order.count({ where: { OR: [{ userId: thief.id }, { userId: victim.id }] } })).toBe(0);
  });

  test("a CBEC line with a wrong ID checksum is refused on the field, nothing written", async () => {
    const shopper = await person("SHOPPER");
    const locked = await lockedCheckout(shopper, world.cheapListingId, { lineCode: "us-cbec-bonded" });
    const response = await respond(() =>
      checkoutAction(
        args(
          formRequest(
            "/checkout",
            {
              intent: "place",
              quoteId: locked.id,
              idempotencyKey: locked.id,
              line: locked.lineCode,
              ...ADDRESS,
              realName: "张三丰",
              residentId: "110105194912310021",
            },
            { cookie: shopper.cookie },
          ),
        ),
      ),
    );
    expect(response.status).toBe(400);
    const body = JSON.stringify(await response.json());
    expect(body).toContain("orders:errors.residentIdChecksum");
    // The submitted address comes back so the shopper loses nothing.
    expect(body).toContain("科技园路1号");
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
  });

  test("a CBEC order stores the identity encrypted and shows it masked; only the owner and admins can reveal it", async () => {
    const shopper = await person("SHOPPER");
    await deposit(shopper.id, 500_000);
    const placed = await placeNewOrder(shopper, world.cheapListingId, { lineCode: "us-cbec-bonded" });
    const raw = await db.order.findUniqueOrThrow({
      where: { id: placed.orderId },
      select: { identityCipher: true, identityMasked: true, address: true },
    });
    expect(raw.identityCipher).not.toContain("11010519491231002");
    expect(raw.identityMasked).toMatch(/^张\*丰 1101\*+002/);
    const reveal = (cookie: string) =>
      respond(() => orderAction(args(formRequest(`/orders/${placed.orderId}`, { intent: "reveal" }, { cookie }), { id: placed.orderId })));
    expect(JSON.stringify(await (await reveal(shopper.cookie)).json())).toContain("11010519491231002");
    expect(JSON.stringify(await (await reveal(admin.cookie)).json())).toContain("11010519491231002");
    expect((await reveal(agent.cookie)).status).toBe(404);
    expect(await db.auditLog.count({ where: { entityId: placed.orderId, action: "reveal-identity" } })).toBe(1);
  });
});

describe("bad input on an order", () => {
  test("a status skip and a wrong role are refused with a clear message and nothing written", async () => {
    const shopper = await person("SHOPPER");
    await deposit(shopper.id, 500_000);
    const placed = await placeNewOrder(shopper, world.cheapListingId);
    const before = await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: { status: true, version: true } });
    const post = (cookie: string, to: string) =>
      respond(() =>
        orderAction(
          args(formRequest(`/orders/${placed.orderId}`, { intent: "transition", to, version: String(before.version) }, { cookie }), {
            id: placed.orderId,
          }),
        ),
      );
    const skip = await post(admin.cookie, "DELIVERED");
    expect(skip.status).toBe(400);
    expect(JSON.stringify(await skip.json())).toContain("orders:errors.transitionNotAllowed");
    const wrongRole = await post(shopper.cookie, "PURCHASING");
    expect(wrongRole.status).toBe(403);
    expect(JSON.stringify(await wrongRole.json())).toContain("orders:errors.wrongRole");
    expect(await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: { status: true, version: true } })).toEqual(before);
  });

  test("a move made on an outdated page is a 409 telling the agent to reload", async () => {
    const shopper = await person("SHOPPER");
    await deposit(shopper.id, 500_000);
    const placed = await placeNewOrder(shopper, world.cheapListingId);
    const response = await respond(() =>
      orderAction(
        args(formRequest(`/orders/${placed.orderId}`, { intent: "transition", to: "PURCHASING", version: "0" }, { cookie: agent.cookie }), {
          id: placed.orderId,
        }),
      ),
    );
    expect(response.status).toBe(409);
    expect(JSON.stringify(await response.json())).toContain("orders:errors.conflict");
  });

  test("a message goes on the timeline and tells the other side", async () => {
    const response = await respond(() =>
      orderAction(
        args(formRequest(`/orders/${orderId}`, { intent: "message", text: "请确认颜色是黑色" }, { cookie: owner.cookie }), { id: orderId }),
      ),
    );
    expect(response.status).toBe(302);
    expect(await db.orderEvent.count({ where: { orderId, kind: "MESSAGE", note: "请确认颜色是黑色" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: agent.id, kind: "ORDER_MESSAGE" } })).toBe(1);
    const empty = await respond(() =>
      orderAction(args(formRequest(`/orders/${orderId}`, { intent: "message", text: "   " }, { cookie: owner.cookie }), { id: orderId })),
    );
    expect(empty.status).toBe(400);
  });
});

describe("warehouse photos", () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

  function warehouseRequest(id: string, version: number, photo: { bytes: Buffer; name: string; type: string }, cookie: string) {
    const form = new FormData();
    for (const [key, value] of Object.entries({
      intent: "transition",
      to: "AT_WAREHOUSE",
      version: String(version),
      weightGrams: "500",
      lengthCm: "20",
      widthCm: "15",
      heightCm: "10",
    }))
      form.set(key, value);
    form.append("photos", new File([new Uint8Array(photo.bytes)], photo.name, { type: photo.type }));
    return new Request(`http://localhost:3000/orders/${id}`, { method: "POST", body: form, headers: { Cookie: cookie } });
  }

  async function purchasedOrder() {
    const shopper = await person("SHOPPER");
    await deposit(shopper.id, 500_000);
    const placed = await placeNewOrder(shopper, world.listingId);
    await move(asActor(agent), placed.orderId, "PURCHASING");
    await purchase(asActor(agent), placed.orderId, { foreignOrderNumber: "US-7", actualCost: "100.00" });
    return { shopper, orderId: placed.orderId };
  }

  // Whichever driver stores them: files under UPLOAD_DIR (SQLite) or StoredFile rows (PostgreSQL).
  const storedFiles = () => fileStorage().listBefore(new Date(Date.now() + 3600_000), { take: 100_000 });

  test("a text file named .jpg and a 20 MB photo are refused with a clear message; nothing is stored or moved", async () => {
    const { orderId: id } = await purchasedOrder();
    const before = await db.order.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } });
    const filesBefore = await storedFiles();
    const fake = await respond(() =>
      orderAction(
        args(
          warehouseRequest(
            id,
            before.version,
            { bytes: Buffer.from("<script>alert(1)</script>"), name: "photo.jpg", type: "image/jpeg" },
            agent.cookie,
          ),
          { id },
        ),
      ),
    );
    expect(fake.status).toBe(400);
    expect(JSON.stringify(await fake.json())).toContain("orders:errors.photoNotImage");
    const huge = await respond(() =>
      orderAction(
        args(
          warehouseRequest(
            id,
            before.version,
            { bytes: Buffer.alloc(20_000_000, 0xff), name: "huge.jpg", type: "image/jpeg" },
            agent.cookie,
          ),
          { id },
        ),
      ),
    );
    expect(huge.status).toBe(413);
    expect(JSON.stringify(await huge.json())).toContain("orders:errors.photoTooLarge");
    expect(await db.order.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } })).toEqual(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  test("a real photo moves the order to the warehouse and is served to the shopper, not to a stranger", async () => {
    const { shopper, orderId: id } = await purchasedOrder();
    const { version } = await db.order.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const moved = await respond(() =>
      orderAction(args(warehouseRequest(id, version, { bytes: PNG, name: "parcel.png", type: "image/png" }, agent.cookie), { id })),
    );
    expect(moved.status).toBe(302);
    const event = await db.orderEvent.findFirstOrThrow({ where: { orderId: id, toStatus: "AT_WAREHOUSE" }, select: { attachments: true } });
    const [name] = JSON.parse(event.attachments) as string[];
    expect(name).toMatch(/^[a-f0-9]{32}\.png$/);
    const served = await respond(() =>
      photoLoader(args(getRequest(`/orders/${id}/photos/${name}`, shopper.cookie), { id, name: name ?? "" })),
    );
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Cache-Control")).toMatch(/^private/);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(
      (await respond(() => photoLoader(args(getRequest(`/orders/${id}/photos/${name}`, stranger.cookie), { id, name: name ?? "" }))))
        .status,
    ).toBe(404);
    // A photo the timeline names but the storage lost is a 404 for its shopper too, never a 500.
    await fileStorage().delete([name ?? ""]);
    expect(
      (await respond(() => photoLoader(args(getRequest(`/orders/${id}/photos/${name}`, shopper.cookie), { id, name: name ?? "" })))).status,
    ).toBe(404);
  });
});
