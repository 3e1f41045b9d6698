import { beforeAll, describe, expect, test } from "vitest";
import { fromFen, toFen, type QuoteRequest } from "~/domain/landed-cost";
import { action as customsAction } from "~/routes/admin.customs";
import { action as signupAction } from "~/routes/signup";
import { action as signupLinkAction } from "~/routes/signup_.$token";
import { addToCart } from "~/services/cart.server";
import { importListing } from "~/services/listing-import.server";
import { alertPriceDrop } from "~/services/price-alerts.server";
import { placeOrder } from "~/services/checkout.server";
import { recordPriceCheck } from "~/services/order-price-check.server";
import { transitionOrder } from "~/services/order-transitions.server";
import { getAnnualCbecUsedCny, quoteDocument } from "~/services/quote.server";
import { transitionReturn } from "~/services/return-transitions.server";
import { updateReturnAddresses } from "~/services/return-addresses.server";
import { fileReturn } from "~/services/returns.server";
import { decideTopUp, ledgerSum, refundToWallet, requestTopUp } from "~/services/wallet.server";
import { db, dbProvider } from "~/utils/db.server";
import {
  asActor,
  checkPayload,
  deposit,
  IDENTITY,
  lockedCheckout,
  move,
  orderRow,
  placeInput,
  seedOrderWorld,
  sessionUser,
  storedQuote,
  US_CBEC,
  wallet,
} from "./order-fixtures";
import { storeFixtureJson } from "../fixtures/stores/load";
import { server } from "../mocks/server";
import { shopifyStore } from "../mocks/stores";
import { formRequest, respond } from "./helpers";
import { deliveredOrder, refunds, returnRow, toReceived, type Person } from "./returns-fixtures";

// Read-then-write paths under requests that really run side by side: on the integration-pg project
// every call below has its own pooled connection and nothing serializes them but the code
// (docs/concurrency.md lists the mechanism of each). The same tests run on SQLite, where the gate
// serializes transactions but the reads before them still interleave.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let rival: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [agent, rival, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("AGENT"), sessionUser("ADMIN")]);
});

const times = <T>(count: number, run: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, index) => run(index)));

test("runs on the database the project names", () => {
  expect(dbProvider).toBe(process.env.DATABASE_URL?.startsWith("postgresql:") ? "postgresql" : "sqlite");
});

describe("wallet", () => {
  test("ten refunds at once into a wallet that has no account yet: all ten credited, balance = ledger", async () => {
    const shopper = await sessionUser("SHOPPER");
    await times(10, (index) => refundToWallet(shopper.id, 150, `order-${index}`));
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 1_500, ledgerFen: 1_500 });
  });

  test("ten confirmations of one top-up at once (and a rejection among them): credited once", async () => {
    const shopper = await sessionUser("SHOPPER");
    const topUp = await requestTopUp(shopper.id, 88_800);
    const outcomes = await times(10, (index) => decideTopUp(admin, topUp.id, index === 5 ? "REJECT" : "CONFIRM"));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, reason: "alreadyDecided" })));
    const { status } = await db.topUp.findUniqueOrThrow({ where: { id: topUp.id } });
    const credited = status === "CONFIRMED" ? 88_800 : 0;
    expect(await wallet(shopper.id)).toEqual({ balanceFen: credited, ledgerFen: credited });
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "DEPOSIT" } })).toBe(credited ? 1 : 0);
    expect(await db.auditLog.count({ where: { entity: "TopUp", entityId: topUp.id } })).toBe(1);
  });

  test("ten top-up requests at once: ten pending top-ups, each with its own reference", async () => {
    const shopper = await sessionUser("SHOPPER");
    const made = await times(10, () => requestTopUp(shopper.id, 10_000));
    expect(new Set(made.map((topUp) => topUp.reference)).size).toBe(10);
    expect(await db.topUp.count({ where: { userId: shopper.id, status: "PENDING" } })).toBe(10);
  });
});

describe("cart and checkout", () => {
  test("five adds of one listing at once: one cart line holding all five", async () => {
    const shopper = await sessionUser("SHOPPER");
    const outcomes = await times(5, () => addToCart(shopper.id, world.cheapListingId, undefined, 1));
    expect(outcomes).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(await db.cartItem.findMany({ where: { userId: shopper.id }, select: { quantity: true } })).toEqual([{ quantity: 5 }]);
  });

  test("two tabs placing one cart with two quotes and two keys at once: one order, one charge, the other told the cart is empty", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 2_000_000);
    const first = await lockedCheckout(shopper, world.listingId);
    const second = await secondQuote(shopper.id, first.id);
    const outcomes = await Promise.all([placeOrder(shopper, placeInput(first.id)), placeOrder(shopper, placeInput(second))]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, reason: "cartEmpty" }]);
    const orders = await db.order.findMany({ where: { userId: shopper.id }, select: { totalFen: true, paidFen: true } });
    expect(orders).toHaveLength(1);
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "CHARGE" } })).toBe(1);
    expect(await wallet(shopper.id)).toEqual({
      balanceFen: 2_000_000 - (orders[0]?.paidFen ?? 0),
      ledgerFen: 2_000_000 - (orders[0]?.paidFen ?? 0),
    });
  });

  test("ten placings with one idempotency key at once, each with its own quote: one order", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 2_000_000);
    const first = await lockedCheckout(shopper, world.listingId);
    const quotes = [first.id, ...(await Promise.all(Array.from({ length: 9 }, () => secondQuote(shopper.id, first.id))))];
    const input = placeInput(first.id);
    const outcomes = await Promise.all(quotes.map((quoteId) => placeOrder(shopper, { ...input, quoteId })));
    const placed = outcomes.filter((outcome) => outcome.ok);
    expect(new Set(placed.map((outcome) => outcome.orderId)).size).toBe(1);
    expect(outcomes.filter((outcome) => !outcome.ok).every((outcome) => outcome.reason === "cartEmpty")).toBe(true);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(1);
    expect(await db.walletEntry.count({ where: { userId: shopper.id, kind: "CHARGE" } })).toBe(1);
  });

  test("two CBEC placings at once with room in this year's allowance for one: never over the 26,000 CNY limit", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 2_000_000);
    const earlier = await lockedCheckout(shopper, world.listingId, { lineCode: US_CBEC });
    const placedEarlier = await placeOrder(shopper, placeInput(earlier.id, { identity: IDENTITY }));
    if (!placedEarlier.ok) throw new Error("earlier order not placed");
    const oneOrder = (await orderRow(placedEarlier.orderId)).dutiableFen;
    // As if this year's earlier orders had used the allowance up to one and a half of these orders short of it.
    await db.order.update({ where: { id: placedEarlier.orderId }, data: { dutiableFen: 2_600_000 - Math.round(1.5 * oneOrder) } });
    const first = await lockedCheckout(shopper, world.listingId, { lineCode: US_CBEC });
    expect(first.regime).toBe("CBEC");
    const second = await secondQuote(shopper.id, first.id);
    const outcomes = await Promise.all(
      [first.id, second].map((quoteId) => placeOrder(shopper, placeInput(quoteId, { identity: IDENTITY }))),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(toFen(await getAnnualCbecUsedCny(shopper.id))).toBeLessThanOrEqual(2_600_000);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(2);
  });
});

/** Another stored quote of exactly the same request on the same line, as a second tab's checkout makes. */
async function secondQuote(userId: string, quoteId: string) {
  const { request, context } = await storedQuote(quoteId);
  const outcome = await quoteDocument(
    { request: request satisfies QuoteRequest, context: { shippingLine: context.shippingLine.code } },
    { userId, store: true },
  );
  if (!outcome.ok || !outcome.quoteId) throw new Error("second quote not stored");
  return outcome.quoteId;
}

describe("order moves", () => {
  test("two agents claiming one order and the shopper cancelling it, all at once: one move, the others a conflict, money once", async () => {
    const { shopper, orderId, totalFen } = await paidOrderOf();
    const { version } = await orderRow(orderId);
    const outcomes = await Promise.all([
      transitionOrder(asActor(agent), orderId, { to: "PURCHASING", version }),
      transitionOrder(asActor(rival), orderId, { to: "PURCHASING", version }),
      transitionOrder(asActor(shopper), orderId, { to: "CANCELLED", version }),
      transitionOrder(asActor(shopper), orderId, { to: "CANCELLED", version }),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !candidate.ok))
      expect(outcome).toEqual({ ok: false, code: "CONFLICT", message: "orders:errors.conflict" });
    const order = await orderRow(orderId);
    expect(order.version).toBe(version + 1);
    expect(await db.orderEvent.count({ where: { orderId, kind: "STATUS", fromStatus: "PAID" } })).toBe(1);
    const refunded = order.status === "CANCELLED" ? totalFen : 0;
    expect(await db.walletEntry.count({ where: { orderId, kind: "REFUND" } })).toBe(refunded ? 1 : 0);
    expect(order.paidFen).toBe(totalFen - refunded);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 2_000_000 - totalFen + refunded, ledgerFen: 2_000_000 - totalFen + refunded });
  });

  test("ten cancellations of a paid order at once (double clicks): refunded exactly once", async () => {
    const { shopper, orderId, totalFen } = await paidOrderOf();
    const { version } = await orderRow(orderId);
    const outcomes = await times(10, () => transitionOrder(asActor(shopper), orderId, { to: "CANCELLED", version }));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await db.walletEntry.findMany({ where: { orderId, kind: "REFUND" }, select: { amountFen: true } })).toEqual([
      { amountFen: totalFen },
    ]);
    expect(await wallet(shopper.id)).toEqual({ balanceFen: 2_000_000, ledgerFen: 2_000_000 });
    expect((await orderRow(orderId)).paidFen).toBe(0);
  });

  test("two agents recording the price check at once: one check, one conflict", async () => {
    const { orderId } = await paidOrderOf();
    await move(asActor(agent), orderId, "PURCHASING");
    const { version } = await orderRow(orderId);
    const payload = await checkPayload(orderId);
    const outcomes = await Promise.all([
      recordPriceCheck(asActor(agent), orderId, { version, payload }),
      recordPriceCheck(asActor(admin), orderId, { version, payload }),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ ok: false, code: "CONFLICT", message: "orders:errors.conflict" });
    expect(await db.orderEvent.count({ where: { orderId, kind: "CHECK" } })).toBe(1);
  });
});

async function paidOrderOf() {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, 2_000_000);
  const locked = await lockedCheckout(shopper, world.listingId);
  const placed = await placeOrder(shopper, placeInput(locked.id));
  if (!placed.ok || !placed.paid) throw new Error("order not placed and paid");
  return { shopper, orderId: placed.orderId, totalFen: locked.totalFen };
}

describe("returns", () => {
  test("five filings of the same unit at once: one return", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.listingId }]);
    const input = { reason: "CHANGED_MIND" as const, requested: [{ position: 0, quantity: 1 }], photoCount: 0, photos: [] };
    const outcomes = await times(5, () => fileReturn(shopper, orderId, input));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !candidate.ok)) {
      expect(outcome).toMatchObject({
        ok: false,
        reason: "invalid",
        preview: { problems: [expect.objectContaining({ message: "returns:errors.alreadyReturned" })] },
      });
    }
    expect(await db.returnRequest.count({ where: { orderId } })).toBe(1);
    expect(await db.returnEvent.count({ where: { returnRequest: { orderId } } })).toBe(1);
  });

  test("two units filed in two returns at once: both filed, each refund counted on the other's (as if filed one after the other)", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const input = { reason: "CHANGED_MIND" as const, requested: [{ position: 0, quantity: 1 }], photoCount: 0, photos: [] };
    const outcomes = await times(2, () => fileReturn(shopper, orderId, input));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const filed = await db.returnRequest.findMany({ where: { orderId }, orderBy: { createdAt: "asc" }, select: { quotedRefundFen: true } });
    // Both as one sequence: the same as filing the second unit after the first was filed.
    const sequential = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    await fileReturn(sequential.shopper, sequential.orderId, input);
    await fileReturn(sequential.shopper, sequential.orderId, input);
    const expected = await db.returnRequest.findMany({
      where: { orderId: sequential.orderId },
      orderBy: { createdAt: "asc" },
      select: { quotedRefundFen: true },
    });
    expect(filed.map((row) => row.quotedRefundFen).sort()).toEqual(expected.map((row) => row.quotedRefundFen).sort());
  });

  test("two admins giving a country its first return address at once: one saved and audited, the other told of the conflict", async () => {
    await db.returnAddress.deleteMany({ where: { country: "US" } });
    const outcomes = await times(4, (index) =>
      updateReturnAddresses(index % 2 ? admin : rival, [
        { country: "US", address: `Warehouse ${index}, 1 Harbor Rd, Long Beach CA 90802`, seen: "" },
      ]),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !candidate.ok))
      expect(outcome).toEqual({ ok: false, reason: "conflict", countries: ["US"] });
    expect(await db.returnAddress.count({ where: { country: "US" } })).toBe(1);
    expect(await db.auditLog.count({ where: { entity: "ReturnAddress", entityId: "US" } })).toBe(1);
  });

  test("two returns of one order refunded at once while the order has paid back part of it: together never more than is still paid", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId, quantity: 2 }]);
    const input = {
      reason: "DAMAGED" as const,
      requested: [{ position: 0, quantity: 1 }],
      description: "Cracked on arrival, both of them",
      photoCount: 1,
      photos: ["0123456789abcdef0123456789abcdef.png"],
    };
    const ids = [];
    for (let index = 0; index < 2; index += 1) {
      const filed = await fileReturn(shopper, orderId, input);
      if (!filed.ok) throw new Error(`return not filed: ${JSON.stringify(filed)}`);
      ids.push(filed.returnId);
      await toReceived(agent, filed.returnId);
    }
    // Less left on the order than the two refunds together (as after a cost-difference refund).
    const each = (await returnRow(ids[0] ?? "")).quotedRefundFen;
    await db.order.update({ where: { id: orderId }, data: { paidFen: Math.round(each * 1.5) } });
    const versions = await Promise.all(ids.map((id) => returnRow(id)));
    const outcomes = await Promise.all(
      versions.map((row) => transitionReturn({ id: agent.id, role: "AGENT" }, row.id, { to: "REFUNDED", version: row.version })),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const paidBack = (await Promise.all(ids.map((id) => refunds(id)))).flat().reduce((total, entry) => total + entry.amountFen, 0);
    expect(paidBack).toBe(Math.round(each * 1.5));
    expect((await orderRow(orderId)).paidFen).toBe(0);
    expect(await ledgerSum(shopper.id)).toBe((await wallet(shopper.id)).balanceFen);
    expect(fromFen(paidBack)).toBe(fromFen(Math.round(each * 1.5)));
  });
});

describe("load", () => {
  test("50 checkouts at once by 50 shoppers (more than the pool's connections): 50 orders paid, every balance equal to its ledger", async () => {
    const shoppers = await times(50, () => sessionUser("SHOPPER"));
    const locked: { id: string }[] = [];
    for (let start = 0; start < shoppers.length; start += 10) {
      locked.push(
        ...(await Promise.all(
          shoppers.slice(start, start + 10).map(async (shopper, index) => {
            // Every fifth shopper has money for nothing: their order waits unpaid.
            await deposit(shopper.id, (start + index) % 5 === 0 ? 100 : 2_000_000);
            return lockedCheckout(shopper, world.cheapListingId);
          }),
        )),
      );
    }
    const outcomes = await Promise.all(shoppers.map((shopper, index) => placeOrder(shopper, placeInput(locked[index]?.id ?? ""))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(outcomes.filter((outcome) => outcome.ok && outcome.paid)).toHaveLength(40);
    expect(await db.order.count({ where: { userId: { in: shoppers.map((shopper) => shopper.id) } } })).toBe(50);
    for (const shopper of shoppers) {
      const { balanceFen, ledgerFen } = await wallet(shopper.id);
      expect(balanceFen).toBe(ledgerFen);
      expect(balanceFen).toBeGreaterThanOrEqual(0);
    }
  }, 120_000);
});

describe("customs rule sets", () => {
  const form = (effectiveFrom: string) => ({
    intent: "add",
    effectiveFrom,
    source: "GACC Announcement 2032 No. 1",
    sourceZh: "GACC 2032年第1号公告",
    postalParcelLimit: "3000",
    postalParcelLimitByOrigin: "",
    postalTaxWaiver: "50.00",
    cbecSingleLimit: "6000.00",
    cbecAnnualLimit: "30000.00",
    cbecTaxShare: "0.7",
  });
  const post = (fields: Record<string, string>) =>
    respond(() => customsAction({ request: formRequest("/admin/customs", fields, { cookie: admin.cookie }), params: {}, context: {} }));

  test("the same new set posted six times at once (two admins, double clicks): one added, the others a 409 saying why, one audit row", async () => {
    const responses = await times(6, () => post(form("2033-03-01T00:00")));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const refused = responses.find((response) => response.status === 409);
    expect(((await refused?.json()) as { errors: Record<string, string[]> }).errors.effectiveFrom).toEqual([
      "admin:customs.errors.notLater",
    ]);
    expect(await db.customsRuleSet.count({ where: { id: "customs-2033-03-01" } })).toBe(1);
    expect(await db.auditLog.count({ where: { entity: "CustomsRuleSet", entityId: "customs-2033-03-01" } })).toBe(1);
  });
});

describe("accounts", () => {
  test("one email signed up twice at once (a double submit), both links opened at once: one account and its session, the other told the email has an account", async () => {
    const fields = {
      email: `twice-${Date.now()}@example.com`,
      name: "新买家",
      password: "longer-pass-1",
      confirmPassword: "longer-pass-1",
    };
    const sent = await Promise.all(
      [0, 1].map((index) =>
        respond(() =>
          signupAction({ request: formRequest("/signup", fields, { ip: `198.51.100.${index + 20}` }), params: {}, context: {} }),
        ),
      ),
    );
    expect(sent.map((response) => response.status)).toEqual([200, 200]);
    const mails = await db.emailOutbox.findMany({ where: { to: fields.email }, select: { body: true } });
    const tokens = mails.map((mail) => /\/signup\/([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1] ?? "");
    expect(tokens).toHaveLength(2);
    const responses = await Promise.all(
      tokens.map((token) =>
        respond(() => signupLinkAction({ request: formRequest(`/signup/${token}`, {}), params: { token }, context: {} })),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([302, 409]);
    const refused = responses.find((response) => response.status === 409);
    expect(await refused?.json()).toEqual({ state: "taken" });
    expect(await db.user.count({ where: { email: fields.email } })).toBe(1);
  });
});

describe("listings", () => {
  test("five price-drop runs for one listing at once: each watcher told once, in the app and by mail", async () => {
    const watchers = await times(2, () => sessionUser("SHOPPER"));
    for (const watcher of watchers)
      await db.listingWatch.create({ data: { userId: watcher.id, listingId: world.listingId, lastNotifiedTotalFen: 10_000_000 } });
    const sent = await times(5, () => alertPriceDrop(world.listingId));
    expect(sent.reduce((total, count) => total + count, 0)).toBe(2);
    for (const watcher of watchers) {
      expect(await db.notification.count({ where: { userId: watcher.id, kind: "PRICE_DROP" } })).toBe(1);
      expect(await db.emailOutbox.count({ where: { to: watcher.email } })).toBe(1);
    }
  });

  test("one product link imported by two agents at once, twice over: one listing, its images and variants once", async () => {
    const origin = "https://race-outfitters.example.com";
    await db.category.upsert({
      where: { slug: "sports" },
      create: { slug: "sports", nameZh: "运动户外", nameEn: "Sports", taxCategory: "sports", sortOrder: 1 },
      update: {},
    });
    await db.store.create({
      data: { slug: "race-outfitters", name: "Race Outfitters", country: "US", currency: "USD", platform: "SHOPIFY", baseUrl: origin },
    });
    const product = storeFixtureJson<{ product: { handle: string; images: unknown[]; variants: unknown[] } }>(
      "shopify-product.json",
    ).product;
    server.use(
      ...shopifyStore({
        origin,
        products: [{ handle: product.handle, json: product, js: storeFixtureJson<Record<string, unknown>>("shopify-product.js.json") }],
      }),
    );
    const link = `${origin}/products/${product.handle}`;
    const first = await Promise.all([importListing(link), importListing(link)]);
    expect(first.map((outcome) => outcome.ok && outcome.created).sort()).toEqual([false, true]);
    const again = await Promise.all([importListing(link), importListing(link)]);
    expect(again.every((outcome) => outcome.ok && !outcome.created)).toBe(true);
    const listings = await db.listing.findMany({
      where: { sourceUrl: { startsWith: origin } },
      select: { id: true, _count: { select: { images: true, variants: true } } },
    });
    expect(listings).toHaveLength(1);
    const single = first.find((outcome) => outcome.ok && outcome.created);
    expect(listings[0]?._count).toEqual({ images: single?.ok ? single.listing.images.length : -1, variants: product.variants.length });
  });
});
