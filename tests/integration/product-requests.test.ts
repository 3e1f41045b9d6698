import { beforeAll, describe, expect, test } from "vitest";
import { loader as homeLoader } from "~/routes/_index";
import { action as agentAction, loader as agentLoader } from "~/routes/agent.requests.$id";
import { loader as queueLoader } from "~/routes/agent.requests._index";
import { loader as categoryLoader } from "~/routes/c.$slug";
import { loader as listingLoader } from "~/routes/listings.$id";
import { loader as orderLoader } from "~/routes/orders.$id";
import { action as decisionAction, loader as requestLoader } from "~/routes/requests.$id";
import { loader as photoLoader } from "~/routes/requests.$id.photos.$name";
import { loader as myRequestsLoader } from "~/routes/requests._index";
import { action as newAction, loader as newLoader } from "~/routes/requests.new";
import { loader as searchLoader } from "~/routes/search";
import { loader as storeLoader } from "~/routes/stores.$slug";
import { getCheckout, placeOrder } from "~/services/checkout.server";
import { recomputeAllListingPrices } from "~/services/listing-prices.server";
import { acceptQuote, sendQuote } from "~/services/product-requests.server";
import { getReturnContext } from "~/services/returns.server";
import { listStoreListingIds } from "~/services/credit.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { asActor, deposit, move, placeInput, purchase, seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, multipartRequest, PNG, pngFile, storedFiles, type Person } from "./returns-fixtures";

// "Buy anything for me" through its routes on a real database: a shopper files a request, an agent
// quotes it with the calculator, the shopper accepts it into a one-off listing in the cart, and it is
// checked out, paid, bought, delivered and returnable like any listing, while no other shopper, list,
// search or job ever sees that listing.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let shopper: Person;
let stranger: Person;
let agent: Person;
let agent2: Person;

const REQUEST = {
  storeName: "Kyoto Knives",
  link: "https://kyoto-knives.example/gyuto-210",
  description: "Gyuto chef knife, 210 mm, white steel #2, with the wooden saya",
  variant: "210 mm",
  quantity: "2",
  budget: "3000",
};

const QUOTE = {
  intent: "quote",
  title: "Gyuto 210 mm White #2",
  price: "95.50",
  currency: "USD",
  domesticShipping: "12.00",
  weightGrams: "450",
  lengthCm: "35",
  widthCm: "8",
  heightCm: "4",
  taxCategory: "electronics",
  originCountry: "US",
};

const fileRequest = (fields: Record<string, string>, cookie: string, files: File[] = []) =>
  respond(() => newAction(args(multipartRequest("/requests/new", fields, { photos: files }, cookie))));
const agentPost = (id: string, fields: Record<string, string>, cookie: string) =>
  respond(() => agentAction(args(formRequest(`/agent/requests/${id}`, fields, { cookie }), { id })));
const decide = (id: string, fields: Record<string, string>, cookie: string) =>
  respond(() => decisionAction(args(formRequest(`/requests/${id}`, fields, { cookie }), { id })));
const requestRow = (id: string) => db.productRequest.findUniqueOrThrow({ where: { id } });
const idFrom = (response: Response) => (response.headers.get("Location") ?? "").split("/")[2]?.split("?")[0] ?? "";

let requestId: string;

beforeAll(async () => {
  world = await seedOrderWorld();
  [shopper, stranger, agent, agent2] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("AGENT"),
  ]);
  const filed = await fileRequest(REQUEST, shopper.cookie, [pngFile("knife.png")]);
  expect(filed.status).toBe(302);
  requestId = idFrom(filed);
});

describe("filing a request", () => {
  test("the shopper's request is stored with its photo, budget in fen, and listed as theirs", async () => {
    const row = await requestRow(requestId);
    expect(row).toMatchObject({ userId: shopper.id, status: "OPEN", quantity: 2, budgetFen: 300_000, variant: "210 mm" });
    const photos = JSON.parse(row.photos) as string[];
    expect(photos).toHaveLength(1);
    const mine = await (await respond(() => myRequestsLoader(args(getRequest("/requests", shopper.cookie))))).json();
    expect(mine.requests.map((entry: { id: string }) => entry.id)).toEqual([requestId]);
    const theirs = await (await respond(() => myRequestsLoader(args(getRequest("/requests", stranger.cookie))))).json();
    expect(theirs.requests).toEqual([]);
  });

  test("the import page's failed link arrives prefilled", async () => {
    const link = "https://unimportable.example/item?id=7";
    const page = await respond(() =>
      newLoader(args(getRequest(`/requests/new?from=import&link=${encodeURIComponent(link)}`, shopper.cookie))),
    );
    expect(await page.json()).toEqual({ link, fromImport: true });
  });

  test("bad input is refused at its field and nothing is written (or stored)", async () => {
    const before = await db.productRequest.count();
    const filesBefore = await storedFiles();
    const cases: [Record<string, string>, string, string][] = [
      [{ ...REQUEST, link: "ftp://kyoto-knives.example/x" }, "link", "requests:errors.linkInvalid"],
      [{ ...REQUEST, link: "javascript:alert(1)" }, "link", "requests:errors.linkInvalid"],
      [{ ...REQUEST, description: "x".repeat(2001) }, "description", "requests:errors.tooLong"],
      [{ ...REQUEST, storeName: "" }, "storeName", "requests:errors.storeRequired"],
      [{ ...REQUEST, quantity: "0" }, "quantity", "requests:errors.quantityInvalid"],
      [{ ...REQUEST, quantity: "1e3" }, "quantity", "requests:errors.quantityInvalid"],
      [{ ...REQUEST, budget: "-5" }, "budget", "requests:errors.budgetInvalid"],
    ];
    for (const [fields, field, message] of cases) {
      const response = await fileRequest(fields, shopper.cookie, [pngFile()]);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect((await response.json()).errors[field]).toContain(message);
    }
    const oversized = new File([new Uint8Array(Buffer.concat([PNG, Buffer.alloc(5_000_001)]))], "big.png", { type: "image/png" });
    const tooLarge = await fileRequest(REQUEST, shopper.cookie, [oversized]);
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).errors.photos).toEqual(["orders:errors.photoTooLarge"]);
    const notImage = await fileRequest(REQUEST, shopper.cookie, [new File(["<svg/>"], "x.png", { type: "image/png" })]);
    expect(notImage.status).toBe(400);
    expect(await db.productRequest.count()).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });
});

describe("who sees what", () => {
  test("visitors are sent to log in; another shopper gets 404 for the request and its photo; agents see the queue", async () => {
    const visitor = await respond(() => newLoader(args(getRequest("/requests/new"))));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const visitorQueue = await respond(() => queueLoader(args(getRequest("/agent/requests"))));
    expect(visitorQueue.status).toBe(302);

    const other = await respond(() => requestLoader(args(getRequest(`/requests/${requestId}`, stranger.cookie), { id: requestId })));
    expect(other.status).toBe(404);
    const otherAccept = await decide(requestId, { intent: "accept", version: "0" }, stranger.cookie);
    expect(otherAccept.status).toBe(404);
    const [photo] = JSON.parse((await requestRow(requestId)).photos) as string[];
    const photoParams = { id: requestId, name: photo ?? "" };
    const strangerPhoto = await respond(() =>
      photoLoader(args(getRequest(`/requests/${requestId}/photos/${photo}`, stranger.cookie), photoParams)),
    );
    expect(strangerPhoto.status).toBe(404);
    const ownPhoto = await respond(() =>
      photoLoader(args(getRequest(`/requests/${requestId}/photos/${photo}`, shopper.cookie), photoParams)),
    );
    expect(ownPhoto.status).toBe(200);

    const shopperQueue = await respond(() => queueLoader(args(getRequest("/agent/requests", shopper.cookie))));
    expect(shopperQueue.status).toBe(403);
    const queue = await (await respond(() => queueLoader(args(getRequest("/agent/requests", agent.cookie))))).json();
    expect(queue.requests.map((entry: { id: string }) => entry.id)).toContain(requestId);
    const page = await respond(() => agentLoader(args(getRequest(`/agent/requests/${requestId}`, agent.cookie), { id: requestId })));
    expect(page.status).toBe(200);
    expect((await page.json()).options.currencies).toContain("USD");
  });
});

describe("quoting", () => {
  test("bad quote input is refused at its field and the request stays open", async () => {
    const cases: [Record<string, string>, string, string, number][] = [
      [{ ...QUOTE, price: "-5" }, "price", "requests:errors.amountInvalid", 400],
      [{ ...QUOTE, price: "0" }, "price", "requests:errors.amountInvalid", 400],
      [{ ...QUOTE, currency: "XXX" }, "currency", "requests:errors.unknownCurrency", 400],
      [{ ...QUOTE, currency: "usd" }, "currency", "requests:errors.currencyInvalid", 400],
      [{ ...QUOTE, weightGrams: "-1" }, "weightGrams", "requests:errors.weightInvalid", 400],
      [{ ...QUOTE, taxCategory: "no-such-tax" }, "taxCategory", "requests:errors.unknownCategory", 400],
      [{ ...QUOTE, originCountry: "ZZ" }, "originCountry", "requests:errors.noLine", 400],
      [{ ...QUOTE, title: "t".repeat(201) }, "title", "requests:errors.tooLong", 400],
    ];
    for (const [fields, field, message, status] of cases) {
      const response = await agentPost(requestId, { ...fields, version: "0" }, agent.cookie);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect((await response.json()).errors[field]).toContain(message);
    }
    const shopperTry = await agentPost(requestId, { ...QUOTE, version: "0" }, shopper.cookie);
    expect(shopperTry.status).toBe(403);
    expect(await requestRow(requestId)).toMatchObject({ status: "OPEN", version: 0, quoteId: null });
  });

  test("two agents quoting the same version at once: one quote is sent, the other is told the request changed", async () => {
    const input = {
      intent: "quote" as const,
      version: 0,
      title: QUOTE.title,
      price: QUOTE.price,
      currency: "USD",
      domesticShipping: "12.00",
      weightGrams: 450,
      lengthCm: 35,
      widthCm: 8,
      heightCm: 4,
      taxCategory: "electronics",
      originCountry: "US",
    };
    const outcomes = await Promise.all([sendQuote(agent, requestId, input), sendQuote(agent2, requestId, { ...input, price: "80.00" })]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, reason: "stale" }]);
    const row = await requestRow(requestId);
    expect(row).toMatchObject({ status: "QUOTED", version: 1, quoteCount: 1 });
    const notes = await db.notification.findMany({ where: { userId: shopper.id, kind: "REQUEST_QUOTED" } });
    expect(notes).toHaveLength(1);
    const params = JSON.parse(notes[0]?.params ?? "{}") as Record<string, string>;
    expect(params.title).toBe(QUOTE.title);
    const quote = await db.quote.findUniqueOrThrow({ where: { id: row.quoteId ?? "" } });
    expect(params.total).toBe((quote.totalFen / 100).toFixed(2));
    expect(quote.userId).toBe(shopper.id);
    expect(await db.emailOutbox.count({ where: { to: shopper.email } })).toBe(1);
  });

  test("a re-quote after changes replaces the quote and is marked as the second one; a stale form is refused", async () => {
    const stale = await agentPost(requestId, { ...QUOTE, version: "0" }, agent.cookie);
    expect(stale.status).toBe(409);
    expect((await stale.json()).errors[""]).toEqual(["requests:errors.stale"]);
    const before = await requestRow(requestId);
    const requoted = await agentPost(requestId, { ...QUOTE, version: String(before.version) }, agent2.cookie);
    expect(requoted.status).toBe(302);
    const after = await requestRow(requestId);
    expect(after).toMatchObject({ status: "QUOTED", quoteCount: 2, price: "95.50", domesticShipping: "12.00", agentId: agent2.id });
    expect(after.quoteId).not.toBe(before.quoteId);
    const page = await (
      await respond(() => requestLoader(args(getRequest(`/requests/${requestId}`, shopper.cookie), { id: requestId })))
    ).json();
    expect(page.request.quoteCount).toBe(2);
    expect(page.request.quote.result.lines.map((line: { code: string }) => line.code)).toContain("domestic_shipping");
    expect(page.request.quote.expired).toBe(false);
    // The stale version the shopper may still hold is refused, not accepted on a quote they never saw.
    const oldAccept = await decide(requestId, { intent: "accept", version: String(before.version) }, shopper.cookie);
    expect(oldAccept.status).toBe(409);
  });
});

let listingId: string;

describe("accepting", () => {
  test("an expired quote is refused with a clear reason and the shopper sends it back for a new quote", async () => {
    const otherFiled = await fileRequest({ ...REQUEST, link: "" }, stranger.cookie);
    const otherId = idFrom(otherFiled);
    expect((await agentPost(otherId, { ...QUOTE, version: "0" }, agent.cookie)).status).toBe(302);
    const row = await requestRow(otherId);
    const later = new Date(Date.now() + 24 * 3600_000);
    expect(await acceptQuote({ ...stranger }, otherId, row.version, later)).toEqual({ ok: false, reason: "expired" });
    await db.quote.update({ where: { id: row.quoteId ?? "" }, data: { validUntil: new Date(Date.now() - 1000) } });
    const refused = await decide(otherId, { intent: "accept", version: String(row.version) }, stranger.cookie);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toBe("requests:errors.expired");
    expect(await db.cartItem.count({ where: { userId: stranger.id } })).toBe(0);
    const back = await decide(otherId, { intent: "requote", version: String(row.version) }, stranger.cookie);
    expect(back.status).toBe(302);
    expect((await requestRow(otherId)).status).toBe("OPEN");
  });

  test("two accepts at once make one one-off listing and one cart line; both land on the cart", async () => {
    const { version } = await requestRow(requestId);
    const responses = await Promise.all([
      decide(requestId, { intent: "accept", version: String(version) }, shopper.cookie),
      decide(requestId, { intent: "accept", version: String(version) }, shopper.cookie),
    ]);
    expect(responses.map((response) => [response.status, response.headers.get("Location")])).toEqual([
      [302, "/cart"],
      [302, "/cart"],
    ]);
    const row = await requestRow(requestId);
    expect(row.status).toBe("ACCEPTED");
    const listings = await db.listing.findMany({ where: { oneOffUserId: shopper.id }, include: { variants: true, images: true } });
    expect(listings).toHaveLength(1);
    const listing = listings[0];
    if (!listing) throw new Error("no listing");
    listingId = listing.id;
    expect(row.listingId).toBe(listingId);
    expect(listing).toMatchObject({ status: "PRIVATE", price: "95.50", currency: "USD", domesticShipping: "12.00", weightGrams: 450 });
    expect(listing.sourceUrl).toBe(`https://kyoto-knives.example/gyuto-210#request-${requestId}`);
    expect(listing.variants.map((variant) => variant.title)).toEqual(["210 mm"]);
    expect(listing.images).toHaveLength(1);
    const cart = await db.cartItem.findMany({ where: { userId: shopper.id } });
    expect(cart).toMatchObject([{ listingId, variantId: listing.variants[0]?.id, quantity: 2 }]);
  });

  test("the one-off listing's page is the requester's and staff's only", async () => {
    const own = await respond(() => listingLoader(args(getRequest(`/listings/${listingId}`, shopper.cookie), { id: listingId })));
    expect(own.status).toBe(200);
    const staff = await respond(() => listingLoader(args(getRequest(`/listings/${listingId}`, agent.cookie), { id: listingId })));
    expect(staff.status).toBe(200);
    const other = await respond(() => listingLoader(args(getRequest(`/listings/${listingId}`, stranger.cookie), { id: listingId })));
    expect(other.status).toBe(404);
    const visitor = await respond(() => listingLoader(args(getRequest(`/listings/${listingId}`), { id: listingId })));
    expect(visitor.status).toBe(404);
  });

  test("it is absent from search, categories, home, store lists and the landed-price job", async () => {
    const search = await (await respond(() => searchLoader(args(getRequest("/search?q=Gyuto"), {})))).text();
    expect(search).not.toContain(listingId);
    const browse = await (await respond(() => searchLoader(args(getRequest("/search"), {})))).text();
    expect(browse).toContain(world.listingId);
    expect(browse).not.toContain(listingId);
    const category = await respond(() => categoryLoader(args(getRequest("/c/audio"), { slug: "audio" })));
    expect(await category.text()).not.toContain(listingId);
    expect(JSON.stringify(await (await homeLoader(args(getRequest("/"), {}))).json())).not.toContain(listingId);
    const listing = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { storeId: true } });
    expect(JSON.stringify(await listStoreListingIds(listing.storeId, 1, 50))).not.toContain(listingId);
    const indexed = await db.$queryRaw<{ n: number }[]>`SELECT COUNT(*) AS n FROM "ListingSearchEntry" WHERE "listingId" = ${listingId}`;
    expect(Number(indexed[0]?.n)).toBe(0);
    await recomputeAllListingPrices({ now: new Date() });
    expect(await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { landedStatus: true, landedFen: true } })).toEqual({
      landedStatus: "ONE_OFF",
      landedFen: null,
    });
  });
});

describe("after the cart", () => {
  test("checkout charges the agent's quote; the order is paid, bought, delivered and returnable like any other", async () => {
    const row = await requestRow(requestId);
    const requestQuote = await db.quote.findUniqueOrThrow({ where: { id: row.quoteId ?? "" } });
    const lineCode = (JSON.parse(requestQuote.context) as { shippingLine: { code: string } }).shippingLine.code;
    await deposit(shopper.id, 2_000_000);
    const checkout = await getCheckout(shopper, { lineCode });
    if (!checkout.locked) throw new Error(JSON.stringify(checkout.lockError ?? checkout.blocked));
    // The same calculator on the same inputs (the store's shipping included): the total the agent quoted.
    expect(checkout.locked.totalFen).toBe(requestQuote.totalFen);
    const placed = await placeOrder(shopper, placeInput(checkout.locked.id));
    if (!placed.ok) throw new Error(placed.reason);
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, include: { items: true } });
    expect(order).toMatchObject({ status: "PAID", totalFen: requestQuote.totalFen, storeName: "Kyoto Knives", currency: "USD" });
    expect(order.items).toMatchObject([{ listingId, price: "95.50", quantity: 2, variantName: "210 mm", title: QUOTE.title }]);
    expect(await db.cartItem.count({ where: { userId: shopper.id } })).toBe(0);

    await move(asActor(agent), order.id, "PURCHASING");
    await purchase(asActor(agent), order.id, { foreignOrderNumber: "KK-1001", actualCost: "203.00" });
    await move(asActor(agent), order.id, "AT_WAREHOUSE", {
      weightGrams: 900,
      dimensionsCm: [35, 8, 8],
      photos: ["0123456789abcdef0123456789abcdef.jpg"],
    });
    await move(asActor(agent), order.id, "SHIPPED", { carrier: "EMS", trackingNumber: "EA123456789CN" });
    await move({ id: null, role: "SYSTEM" }, order.id, "IN_CUSTOMS");
    await move({ id: null, role: "SYSTEM" }, order.id, "DELIVERED");

    const page = await respond(() => orderLoader(args(getRequest(`/orders/${order.id}`, shopper.cookie), { id: order.id })));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(QUOTE.title);
    const returnContext = await getReturnContext(shopper.id, order.id);
    expect(returnContext?.items.map((item) => item.title)).toEqual([QUOTE.title]);
  });
});

describe("declining and the one-store cart", () => {
  test("the agent declines with a reason: the shopper is notified, and the request can no longer be quoted", async () => {
    const id = idFrom(await fileRequest({ ...REQUEST, link: "" }, stranger.cookie));
    const noReason = await agentPost(id, { intent: "decline", version: "0", reason: "" }, agent.cookie);
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors.reason).toContain("requests:errors.reasonRequired");
    const declined = await agentPost(id, { intent: "decline", version: "0", reason: "The store does not ship abroad" }, agent.cookie);
    expect(declined.status).toBe(302);
    expect(await requestRow(id)).toMatchObject({
      status: "DECLINED",
      declineReason: "The store does not ship abroad",
      declinedBy: "AGENT",
    });
    const note = await db.notification.findFirstOrThrow({ where: { userId: stranger.id, kind: "REQUEST_DECLINED" } });
    expect(JSON.parse(note.params)).toMatchObject({ reason: "The store does not ship abroad" });
    expect(note.link).toBe(`/requests/${id}`);
    const late = await agentPost(id, { ...QUOTE, version: "1" }, agent2.cookie);
    expect(late.status).toBe(409);
    expect((await late.json()).errors[""]).toEqual(["requests:errors.final"]);
  });

  test("the shopper declines a quote; an accept with another store's goods in the cart is refused and changes nothing", async () => {
    const declineId = idFrom(await fileRequest({ ...REQUEST, link: "" }, stranger.cookie));
    expect((await agentPost(declineId, { ...QUOTE, version: "0" }, agent.cookie)).status).toBe(302);
    expect((await decide(declineId, { intent: "decline", version: "1" }, stranger.cookie)).status).toBe(302);
    expect(await requestRow(declineId)).toMatchObject({ status: "CANCELLED", declinedBy: "SHOPPER" });

    const id = idFrom(await fileRequest({ ...REQUEST, link: "" }, stranger.cookie));
    expect((await agentPost(id, { ...QUOTE, version: "0" }, agent.cookie)).status).toBe(302);
    await db.cartItem.create({ data: { userId: stranger.id, listingId: world.listingId, quantity: 1 } });
    const refused = await decide(id, { intent: "accept", version: "1" }, stranger.cookie);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: "requests:errors.cartOtherStore", storeName: "US Audio" });
    expect(await requestRow(id)).toMatchObject({ status: "QUOTED", version: 1, listingId: null });
    expect(await db.listing.count({ where: { oneOffUserId: stranger.id } })).toBe(0);
  });

  test("the one-off store has no public page", async () => {
    const listing = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { store: { select: { slug: true } } } });
    const page = await respond(() => storeLoader(args(getRequest(`/stores/${listing.store.slug}`), { slug: listing.store.slug })));
    expect(page.status).toBe(404);
  });
});

describe("stale rates", () => {
  test("a quote on stale rates is refused with the calculator's code, and an accept on them says so", async () => {
    const id = idFrom(await fileRequest({ ...REQUEST, link: "" }, stranger.cookie));
    const input = {
      ...QUOTE,
      intent: "quote" as const,
      version: 0,
      weightGrams: 450,
      lengthCm: undefined,
      widthCm: undefined,
      heightCm: undefined,
    };
    const weekLater = new Date(Date.now() + 7 * 24 * 3600_000);
    const refused = await sendQuote(agent, id, input, weekLater);
    expect(refused).toMatchObject({ ok: false, reason: "quoteFailed", error: { code: "RATES_STALE" } });
    expect((await requestRow(id)).status).toBe("OPEN");

    expect((await sendQuote(agent, id, input)).ok).toBe(true);
    const row = await requestRow(id);
    // The quote itself still holds; the rates it would be bought at no longer do.
    await db.quote.update({ where: { id: row.quoteId ?? "" }, data: { validUntil: new Date(weekLater.getTime() + 3600_000) } });
    expect(await acceptQuote(stranger, id, row.version, weekLater)).toEqual({ ok: false, reason: "ratesStale" });
    expect((await requestRow(id)).status).toBe("QUOTED");
  });
});
