import { beforeAll, describe, expect, test } from "vitest";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.claims";
import { action as claimAction, loader as claimLoader } from "~/routes/claims.$id";
import { loader as eventsLoader } from "~/routes/claims.$id.events";
import { loader as photoLoader } from "~/routes/claims.$id.photos.$name";
import { loader as listLoader } from "~/routes/claims._index";
import { loader as orderLoader } from "~/routes/orders.$id";
import { action as fileAction, loader as fileLoader } from "~/routes/orders.$id_.claim";
import { DEFAULT_UNINSURED_CAP_FEN, getClaimSettings, updateClaimSettings } from "~/services/claims.server";
import { db } from "~/utils/db.server";
import { BASE, formRequest, getRequest, respond } from "./helpers";
import { balanceOf, seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, deliveredOrder, pngFile, storedFiles, type Person } from "./returns-fixtures";

// Claims through their pages on a real database: the shopper sees the payout table before filing, files
// (with photos for damage), an admin approves and the wallet gets exactly the table's amount; every
// refusal is a 4xx that writes and keeps nothing; a stranger gets 404 on the form, the claim, its photos
// and its live feed.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let owner: Person;
let stranger: Person;
let agent: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [owner, stranger, agent, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
});

/** The filing form as the browser posts it: fields, the ticked lines (one field per box), photos. */
function file(orderId: string, fields: Record<string, string>, cookie: string, photos: File[] = [], positions: string[] = []) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const position of positions) form.append("positions", position);
  for (const photo of photos) form.append("photos", photo);
  const request = new Request(`${BASE}/orders/${orderId}/claim`, { method: "POST", body: form, headers: { Cookie: cookie } });
  return respond(() => fileAction(args(request, { id: orderId })));
}
const formOf = (orderId: string, cookie: string) =>
  respond(() => fileLoader(args(getRequest(`/orders/${orderId}/claim`, cookie), { id: orderId })));
const page = (id: string, cookie: string) => respond(() => claimLoader(args(getRequest(`/claims/${id}`, cookie), { id })));
const decide = (id: string, person: Person, fields: Record<string, string>) =>
  respond(() => claimAction(args(formRequest(`/claims/${id}`, fields, { cookie: person.cookie }), { id })));
const version = async (id: string) =>
  String((await db.parcelClaim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version);
const claimIdOf = (response: Response) => response.headers.get("Location")?.split("/").pop() ?? "";

describe("a lost parcel, from the order page to the wallet", () => {
  test("the order links the form; the form shows the table; filing lands on the claim; the admin approves and the wallet gets exactly that", async () => {
    const { orderId, totalFen } = await deliveredOrder(agent, [{ listingId: world.listingId }], {
      shopper: owner,
      insurance: true,
      until: "SHIPPED",
    });
    const order = (await (
      await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, owner.cookie), { id: orderId })))
    ).json()) as {
      canClaim: boolean;
      claims: unknown[];
    };
    expect(order).toMatchObject({ canClaim: true, claims: [] });

    const form = await formOf(orderId, owner.cookie);
    expect(form.status).toBe(200);
    const shown = (await form.json()) as { reasons: string[]; insured: boolean; whole: { payoutFen: number } };
    expect(shown).toMatchObject({ reasons: ["LOST"], insured: true, whole: { payoutFen: totalFen } });

    const filed = await file(orderId, { reason: "LOST", description: "  物流停在洛杉矶三周了  " }, owner.cookie);
    expect(filed.status).toBe(302);
    const id = claimIdOf(filed);
    expect(await db.parcelClaim.findUniqueOrThrow({ where: { id }, select: { description: true, payoutFen: true } })).toEqual({
      description: "物流停在洛杉矶三周了",
      payoutFen: totalFen,
    });
    const afterFiling = (await (
      await respond(() => orderLoader(args(getRequest(`/orders/${orderId}`, owner.cookie), { id: orderId })))
    ).json()) as {
      canClaim: boolean;
      claims: { id: string }[];
    };
    expect(afterFiling.canClaim).toBe(false);
    expect(afterFiling.claims.map((claim) => claim.id)).toEqual([id]);

    const before = await balanceOf(owner.id);
    const approved = await decide(id, admin, { to: "APPROVED", version: await version(id), note: "承运商确认丢失" });
    expect(approved.status).toBe(302);
    expect(await balanceOf(owner.id)).toBe(before + totalFen);
    const claim = (await (await page(id, owner.cookie)).json()) as { claim: { status: string; decisionNote: string; moves: string[] } };
    expect(claim.claim).toMatchObject({ status: "PAID", decisionNote: "承运商确认丢失", moves: [] });

    // The same decision from a page left open is refused as stale, and nothing is paid twice.
    const stale = await decide(id, admin, { to: "APPROVED", version: "0", note: "" });
    expect(stale.status).toBe(409);
    expect(await balanceOf(owner.id)).toBe(before + totalFen);
  });
});

describe("a damaged parcel: photos and the damaged lines", () => {
  test("without a photo or a ticked line it is a 400 that keeps what was typed; with both it is filed and its photo is the claim's", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner });
    const noPhoto = await file(orderId, { reason: "DAMAGED", description: "外箱压坏" }, owner.cookie, [], ["0"]);
    expect(noPhoto.status).toBe(400);
    expect(await noPhoto.json()).toMatchObject({ errors: { "": ["claims:errors.photosRequired"] }, values: { description: "外箱压坏" } });

    const photosBefore = await storedFiles();
    const noLine = await file(orderId, { reason: "DAMAGED", description: "外箱压坏" }, owner.cookie, [pngFile()]);
    expect(noLine.status).toBe(400);
    expect(await noLine.json()).toMatchObject({ errors: { positions: ["claims:errors.itemsRequired"] } });
    expect(await storedFiles()).toEqual(photosBefore);

    const unknownLine = await file(orderId, { reason: "DAMAGED", description: "外箱压坏" }, owner.cookie, [pngFile()], ["5"]);
    expect(unknownLine.status).toBe(400);
    expect(await storedFiles()).toEqual(photosBefore);
    expect(await db.parcelClaim.count({ where: { orderId } })).toBe(0);

    const filed = await file(
      orderId,
      { reason: "DAMAGED", description: "外箱压坏，耳机壳裂了" },
      owner.cookie,
      [pngFile("crushed.png")],
      ["0"],
    );
    expect(filed.status).toBe(302);
    const id = claimIdOf(filed);
    const [photo] = (await storedFiles()).filter((name) => !photosBefore.includes(name));
    expect(photo).toBeDefined();
    const name = photo ?? "";
    expect((await respond(() => photoLoader(args(getRequest(`/claims/${id}/photos/${name}`, owner.cookie), { id, name })))).status).toBe(
      200,
    );
    expect((await respond(() => photoLoader(args(getRequest(`/claims/${id}/photos/${name}`, admin.cookie), { id, name })))).status).toBe(
      200,
    );
    expect((await respond(() => photoLoader(args(getRequest(`/claims/${id}/photos/${name}`, stranger.cookie), { id, name })))).status).toBe(
      404,
    );

    // A rejection needs a reason: a 400 that changes nothing, then the reason the shopper reads.
    const bare = await decide(id, admin, { to: "REJECTED", version: await version(id), note: "" });
    expect(bare.status).toBe(400);
    expect((await bare.json()) as unknown).toMatchObject({
      move: { to: "REJECTED", fieldErrors: { note: ["claims:errors.noteRequired"] } },
    });
    expect((await decide(id, admin, { to: "REJECTED", version: await version(id), note: "照片中的破损与运输无关" })).status).toBe(302);
    const shown = (await (await page(id, owner.cookie)).json()) as { claim: { status: string; decisionNote: string } };
    expect(shown.claim).toMatchObject({ status: "REJECTED", decisionNote: "照片中的破损与运输无关" });
  });
});

describe("access and bad input", () => {
  test("a stranger gets 404 on the form, the filing, the claim and its feed; shoppers and agents cannot decide", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner, until: "SHIPPED" });
    expect((await formOf(orderId, stranger.cookie)).status).toBe(404);
    expect((await file(orderId, { reason: "LOST", description: "不见了" }, stranger.cookie)).status).toBe(404);
    const filed = await file(orderId, { reason: "LOST", description: "不见了" }, owner.cookie);
    const id = claimIdOf(filed);
    expect((await page(id, stranger.cookie)).status).toBe(404);
    expect((await page(id, agent.cookie)).status).toBe(404);
    const controller = new AbortController();
    const feed = await respond(() =>
      eventsLoader({
        request: new Request(`http://localhost:3000/claims/${id}/events`, {
          headers: { Cookie: stranger.cookie },
          signal: controller.signal,
        }),
        params: { id },
        context: {},
      }),
    );
    expect(feed.status).toBe(404);
    for (const person of [owner, agent])
      expect((await decide(id, person, { to: "APPROVED", version: await version(id), note: "" })).status).toBe(404);
    expect((await db.parcelClaim.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe("FILED");
    const mine = (await (await respond(() => listLoader(args(getRequest("/claims", stranger.cookie))))).json()) as { claims: unknown[] };
    expect(mine.claims).toEqual([]);
  });

  test("an unknown reason, an empty story, a forged decision or an unknown status filter is a 400", async () => {
    const { orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }], { shopper: owner, until: "SHIPPED" });
    const badReason = await file(orderId, { reason: "STOLEN", description: "x" }, owner.cookie);
    expect(badReason.status).toBe(400);
    expect(await badReason.json()).toMatchObject({ errors: { reason: ["claims:errors.reasonRequired"] } });
    const empty = await file(orderId, { reason: "LOST", description: "   " }, owner.cookie);
    expect(await empty.json()).toMatchObject({ errors: { description: ["claims:errors.descriptionRequired"] } });
    expect(await db.parcelClaim.count({ where: { orderId } })).toBe(0);

    const id = claimIdOf(await file(orderId, { reason: "LOST", description: "不见了" }, owner.cookie));
    expect((await decide(id, admin, { to: "PAID", version: await version(id) })).status).toBe(400);
    expect((await decide(id, admin, { to: "APPROVED", version: "x" })).status).toBe(400);
    expect((await respond(() => listLoader(args(getRequest("/claims?status=LOST", owner.cookie))))).status).toBe(400);
    // Filing twice (a second tab) is a 409 that names the open claim's reason.
    const again = await file(orderId, { reason: "LOST", description: "不见了" }, owner.cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: { "": ["claims:errors.alreadyClaimed"] } });
  });

  test("only an admin opens the desk; the cap is validated, stored in fen and audited", async () => {
    expect((await respond(() => adminLoader(args(getRequest("/admin/claims", owner.cookie))))).status).toBeGreaterThanOrEqual(300);
    const desk = (await (await respond(() => adminLoader(args(getRequest("/admin/claims", admin.cookie))))).json()) as { cap: string };
    expect(desk.cap).toBe("500.00");
    const save = (cap: string, person = admin) =>
      respond(() => adminAction(args(formRequest("/admin/claims", { intent: "settings", uninsuredCap: cap }, { cookie: person.cookie }))));
    try {
      for (const bad of ["-1", "abc", "12.345", "100000.01", ""]) {
        const refused = await save(bad);
        expect(refused.status).toBe(400);
        expect(await refused.json()).toMatchObject({ errors: { uninsuredCap: ["claims:errors.capInvalid"] } });
      }
      expect((await getClaimSettings()).uninsuredCapFen).toBe(DEFAULT_UNINSURED_CAP_FEN);
      expect((await save("350.50")).status).toBe(200);
      expect((await getClaimSettings()).uninsuredCapFen).toBe(35_050);
      expect((await save("1", owner)).status).toBeGreaterThanOrEqual(300);
      expect((await getClaimSettings()).uninsuredCapFen).toBe(35_050);
    } finally {
      await updateClaimSettings(admin, DEFAULT_UNINSURED_CAP_FEN);
    }
  });
});
