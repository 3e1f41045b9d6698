import { beforeAll, describe, expect, test } from "vitest";
import { toFen } from "~/domain/landed-cost";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { addToCart } from "~/services/cart.server";
import { getCheckout } from "~/services/checkout.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { ADDRESS, balanceOf, deposit, seedOrderWorld, sessionUser, storedQuote, US_POSTAL } from "./order-fixtures";

// Issue 17, part 3: packing options priced in the checkout quote (as part of international
// shipping), free storage days per line with their end and a reminder, the packed parcel recorded
// by the agent before it leaves.

type Shopper = Awaited<ReturnType<typeof sessionUser>>;
type CheckoutBody = {
  result: { status?: string; error?: Record<string, string[] | null> };
  requote: { reason: string; previousTotal: string; total: string } | null;
  checkout: { locked: { id: string; total: string; totalFen: number } | null } | null;
};

let world: Awaited<ReturnType<typeof seedOrderWorld>>;

beforeAll(async () => {
  world = await seedOrderWorld();
});

const args = (request: Request) => ({ request, params: {}, context: {} });
const BOTH = { removeBoxes: true, extraProtection: true };

async function post(shopper: Shopper, body: Record<string, string>) {
  const response = await respond(() => checkoutAction(args(formRequest("/checkout", body, { cookie: shopper.cookie }))));
  return {
    status: response.status,
    location: response.headers.get("Location"),
    body: response.status === 302 ? null : ((await response.json()) as CheckoutBody),
  };
}

async function shopperWithCart() {
  const shopper = await sessionUser("SHOPPER");
  await deposit(shopper.id, 500_000);
  const added = await addToCart(shopper.id, world.listingId, undefined, 1);
  if (!added.ok) throw new Error(added.error);
  return shopper;
}

const place = (quoteId: string, extra: Record<string, string> = {}) => ({
  intent: "place",
  quoteId,
  idempotencyKey: quoteId,
  line: US_POSTAL,
  ...ADDRESS,
  ...extra,
});

describe("packing options at checkout", () => {
  test("the page prices them from the URL, and the order charges exactly the quote with packing", async () => {
    const shopper = await shopperWithCart();
    const plain = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    const page = await respond(() =>
      checkoutLoader(args(getRequest(`/checkout?line=${US_POSTAL}&removeBoxes=1&extraProtection=1`, shopper.cookie))),
    );
    const { checkout } = (await page.json()) as {
      checkout: { packing: unknown; locked: { id: string; totalFen: number; result: { packing?: unknown } } | null };
    };
    expect(checkout.packing).toEqual(BOTH);
    const locked = checkout.locked;
    // The line's fees as the migration sets them: 5.00 to remove the boxes, 12.00 for extra protection.
    expect(locked?.result.packing).toEqual({ ...BOTH, fee: "17.00" });
    expect(locked?.totalFen).toBe((plain.locked?.totalFen ?? 0) + 1_700);
    const stored = await storedQuote(locked?.id ?? "");
    expect(stored.request.packing).toEqual(BOTH);
    expect(stored.context.shippingLine).toMatchObject({ removeBoxesFee: "5.00", extraProtectionFee: "12.00" });

    const placed = await post(shopper, place(locked?.id ?? "", { removeBoxes: "1", extraProtection: "1" }));
    expect(placed.status).toBe(302);
    const order = await db.order.findFirstOrThrow({ where: { userId: shopper.id } });
    expect(order).toMatchObject({ quoteId: locked?.id, totalFen: locked?.totalFen, paidFen: locked?.totalFen, freeStorageDays: 30 });
    expect(await balanceOf(shopper.id)).toBe(500_000 - (locked?.totalFen ?? 0));
    expect(toFen(stored.result.total)).toBe(order.totalFen);
  });

  test("a form whose packing is not the locked quote's is re-quoted, nothing placed", async () => {
    const shopper = await shopperWithCart();
    const plain = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    const changed = await post(shopper, place(plain.locked?.id ?? "", { extraProtection: "1" }));
    expect(changed.status).toBe(409);
    expect(changed.body?.requote).toMatchObject({ reason: "packingChanged", previousTotal: plain.locked?.total });
    expect(toFen(changed.body?.requote?.total ?? "0")).toBe((plain.locked?.totalFen ?? 0) + 1_200);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
    expect(await balanceOf(shopper.id)).toBe(500_000);
  });

  test("a malformed packing field is refused with a localized message, nothing placed", async () => {
    const shopper = await shopperWithCart();
    const plain = await getCheckout(shopper, { lineCode: US_POSTAL, insurance: false });
    const bad = await post(shopper, place(plain.locked?.id ?? "", { removeBoxes: "yes" }));
    expect(bad.status).toBe(400);
    expect(bad.body?.result.error?.removeBoxes).toEqual(["orders:errors.invalidRequest"]);
    expect(await db.order.count({ where: { userId: shopper.id } })).toBe(0);
  });
});
