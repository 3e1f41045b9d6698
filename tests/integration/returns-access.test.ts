import { beforeAll, describe, expect, test } from "vitest";
import { loader as adminReturnsLoader } from "~/routes/admin.returns";
import { loader as queueLoader } from "~/routes/agent.returns";
import { action as returnFormAction, loader as returnFormLoader } from "~/routes/orders.$id_.return";
import { loader as eventsLoader } from "~/routes/returns.$id.events";
import { loader as photoLoader } from "~/routes/returns.$id.photos.$name";
import { action as returnAction, loader as returnLoader } from "~/routes/returns.$id";
import { loader as myReturnsLoader } from "~/routes/returns._index";
import { getReturn, listReturns } from "~/services/returns.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, deliveredOrder, file, multipartRequest, pngFile, returnRow, type Person } from "./returns-fixtures";

// Only the order's shopper files or sees their returns; an agent sees the returns of the orders
// assigned to them; an admin sees all. Anyone else gets a 404 (not a 403: a return's existence is
// not disclosed), and the returns queue is closed to shoppers.

let owner: Person;
let stranger: Person;
let agent: Person;
let otherAgent: Person;
let admin: Person;
let orderId: string;
let returnId: string;
let photo: string;
let otherReturnId: string;

beforeAll(async () => {
  const world = await seedOrderWorld();
  [owner, stranger, agent, otherAgent, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
  ({ orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 3 }], { shopper: owner }));
  // Filed through the form, so the photo is a real upload.
  const filed = await respond(() =>
    returnFormAction(
      args(
        multipartRequest(`/orders/${orderId}/return`, { reason: "DAMAGED", "qty-0": "1" }, { photos: [pngFile("dent.png")] }, owner.cookie),
        { id: orderId },
      ),
    ),
  );
  expect(filed.status).toBe(302);
  const row = await db.returnRequest.findFirstOrThrow({ where: { orderId }, include: { events: true } });
  returnId = row.id;
  photo = (JSON.parse(row.events[0]?.attachments ?? "[]") as string[])[0] ?? "";
  // Another shopper's return on another agent's order.
  const other = await deliveredOrder(otherAgent, [{ listingId: world.cheapListingId }], { shopper: stranger });
  otherReturnId = await file(stranger, other.orderId, { reason: "CHANGED_MIND", requested: [{ position: 0, quantity: 1 }] });
});

const page = (cookie: string, id = returnId) => respond(() => returnLoader(args(getRequest(`/returns/${id}`, cookie), { id })));
const events = (cookie: string, id = returnId) => respond(() => eventsLoader(args(getRequest(`/returns/${id}/events`, cookie), { id })));
const servedPhoto = (cookie: string, id = returnId, name = photo) =>
  respond(() => photoLoader(args(getRequest(`/returns/${id}/photos/${name}`, cookie), { id, name })));

describe("filing", () => {
  test("only the order's shopper opens the return form; another shopper gets 404, staff 403", async () => {
    expect(
      (await respond(() => returnFormLoader(args(getRequest(`/orders/${orderId}/return`, owner.cookie), { id: orderId })))).status,
    ).toBe(200);
    expect(
      (
        await respond(() =>
          returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=CHANGED_MIND&qty-0=1`, stranger.cookie), { id: orderId })),
        )
      ).status,
    ).toBe(404);
    for (const cookie of [agent.cookie, admin.cookie])
      expect((await respond(() => returnFormLoader(args(getRequest(`/orders/${orderId}/return`, cookie), { id: orderId })))).status).toBe(
        403,
      );
  });

  test("another shopper posting a return for the order gets 404 and nothing is written", async () => {
    const before = await db.returnRequest.count({ where: { orderId } });
    const response = await respond(() =>
      returnFormAction(
        args(multipartRequest(`/orders/${orderId}/return`, { reason: "CHANGED_MIND", "qty-0": "1" }, {}, stranger.cookie), { id: orderId }),
      ),
    );
    expect(response.status).toBe(404);
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(before);
  });

  test("signed out: the form sends to the login page", async () => {
    const response = await respond(() => returnFormLoader(args(getRequest(`/orders/${orderId}/return`), { id: orderId })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("seeing a return", () => {
  test("the shopper sees their return, its live feed and its photos; another shopper gets 404 for each", async () => {
    expect((await page(owner.cookie)).status).toBe(200);
    const feed = await events(owner.cookie);
    expect(feed.status).toBe(200);
    await feed.body?.cancel();
    expect((await servedPhoto(owner.cookie)).status).toBe(200);
    for (const run of [() => page(stranger.cookie), () => events(stranger.cookie), () => servedPhoto(stranger.cookie)])
      expect((await run()).status).toBe(404);
  });

  test("a photo of another return is not served through this one, nor a name that is not ours", async () => {
    expect((await servedPhoto(stranger.cookie, otherReturnId, photo)).status).toBe(404);
    expect((await servedPhoto(owner.cookie, returnId, "../../etc/passwd")).status).toBe(404);
    expect((await servedPhoto(owner.cookie, returnId, "0123456789abcdef0123456789abcdef.png")).status).toBe(404);
  });

  test("the order's agent and any admin see it; another agent gets 404", async () => {
    expect((await page(agent.cookie)).status).toBe(200);
    expect((await page(admin.cookie)).status).toBe(200);
    expect((await servedPhoto(agent.cookie)).status).toBe(200);
    for (const run of [() => page(otherAgent.cookie), () => events(otherAgent.cookie), () => servedPhoto(otherAgent.cookie)])
      expect((await run()).status).toBe(404);
    expect(await getReturn(otherAgent, returnId)).toBeNull();
  });

  test("my returns lists only the shopper's own", async () => {
    const body = (await (await respond(() => myReturnsLoader(args(getRequest("/returns", owner.cookie))))).json()) as {
      returns: { id: string }[];
    };
    expect(body.returns.map((entry) => entry.id)).toEqual([returnId]);
  });
});

describe("acting on a return", () => {
  test("another shopper's or another agent's move is a 404 and changes nothing", async () => {
    const before = await returnRow(returnId);
    for (const [cookie, to] of [
      [stranger.cookie, "CANCELLED"],
      [otherAgent.cookie, "APPROVED"],
      [otherAgent.cookie, "REJECTED"],
    ] as const) {
      const response = await respond(() =>
        returnAction(
          args(
            formRequest(
              `/returns/${returnId}`,
              { intent: "transition", to, version: String(before.version), note: "mine now" },
              { cookie },
            ),
            { id: returnId },
          ),
        ),
      );
      expect(response.status).toBe(404);
    }
    expect(await returnRow(returnId)).toEqual(before);
  });

  test("a shopper may not make staff moves on their own return: 403 with the reason", async () => {
    const before = await returnRow(returnId);
    const response = await respond(() =>
      returnAction(
        args(
          formRequest(
            `/returns/${returnId}`,
            { intent: "transition", to: "APPROVED", version: String(before.version) },
            { cookie: owner.cookie },
          ),
          { id: returnId },
        ),
      ),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ move: { message: "returns:errors.wrongRole" } });
    expect(await returnRow(returnId)).toEqual(before);
  });
});

describe("the returns queue", () => {
  test("refuses shoppers (403); an agent sees only returns of their orders; an admin sees all", async () => {
    expect((await respond(() => queueLoader(args(getRequest("/agent/returns", owner.cookie))))).status).toBe(403);
    expect((await respond(() => adminReturnsLoader(args(getRequest("/admin/returns", owner.cookie))))).status).toBe(403);
    expect((await respond(() => adminReturnsLoader(args(getRequest("/admin/returns", agent.cookie))))).status).toBe(403);

    const ids = async (cookie: string, query = "") =>
      (
        (await (await respond(() => queueLoader(args(getRequest(`/agent/returns${query}`, cookie))))).json()) as {
          returns: { id: string }[];
        }
      ).returns.map((entry) => entry.id);
    expect(await ids(agent.cookie)).toEqual([returnId]);
    expect(await ids(otherAgent.cookie)).toEqual([otherReturnId]);
    expect((await ids(admin.cookie)).sort()).toEqual([returnId, otherReturnId].sort());
    // The status filter narrows, a made-up status is ignored.
    expect(await ids(admin.cookie, "?status=APPROVED")).toEqual([]);
    expect((await ids(admin.cookie, "?status=NOT_A_STATUS")).sort()).toEqual([returnId, otherReturnId].sort());
    expect(await listReturns(stranger, {})).toEqual([expect.objectContaining({ id: otherReturnId })]);
  });
});
