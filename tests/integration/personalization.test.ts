import { beforeAll, describe, expect, test } from "vitest";
import { action } from "~/routes/listings.$id";
import { getCart } from "~/services/cart.server";
import { getCheckout, placeOrder } from "~/services/checkout.server";
import { getOrder } from "~/services/orders.server";
import { db } from "~/utils/db.server";
import { seedDemo, seedReference } from "../../prisma/seed";
import { formRequest, respond } from "./helpers";
import { deposit, placeInput, sessionUser, US_POSTAL } from "./order-fixtures";

// A listing that declares an engraving: the shopper's text is checked when it goes into the cart, makes its
// own cart line, and reaches the order item (and the agent) exactly as typed, under the label it was asked.

let necklace: { id: string; variantId: string };

beforeAll(async () => {
  await seedReference(db);
  await seedDemo(db);
  const found = await db.listing.findFirstOrThrow({
    where: { title: { contains: "Engraved Bar Necklace" } },
    select: { id: true, variants: { select: { id: true }, orderBy: { position: "asc" }, take: 1 } },
  });
  necklace = { id: found.id, variantId: found.variants[0]?.id ?? "" };
});

async function add(cookie: string, fields: Record<string, string>) {
  const form = { intent: "add-to-cart", variantId: necklace.variantId, quantity: "1", ...fields };
  return respond(() =>
    action({ request: formRequest(`/listings/${necklace.id}`, form, { cookie }), params: { id: necklace.id }, context: {} }),
  );
}

describe("personalization from the listing to the agent", () => {
  test("a refused engraving says why, keeps what was typed and adds nothing to the cart", async () => {
    const shopper = await sessionUser("SHOPPER");
    const cases: [Record<string, string>, string][] = [
      [{}, "product:personalization.errors.required"],
      [{ "personalize-engraving": "李雷 ❤ 韩梅梅" }, "product:personalization.errors.latin"],
      [{ "personalize-engraving": "A".repeat(21) }, "product:personalization.errors.tooLong"],
      [{ "personalize-engraving": "Lei", "personalize-back": "Line\nbreak" }, "product:personalization.errors.unprintable"],
    ];
    for (const [fields, message] of cases) {
      const response = await add(shopper.cookie, fields);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { personalization: { errors: { message: string }[]; values: Record<string, string> } };
      expect(body.personalization.errors.map((error) => error.message)).toEqual([message]);
      expect(body.personalization.values).toEqual(fields);
    }
    expect((await getCart(shopper.id)).lines).toEqual([]);
  });

  test("the same engraving adds to its line, another engraving is another line, and the order and its agent see each", async () => {
    const shopper = await sessionUser("SHOPPER");
    for (const engraving of ["  J  & M 2026 ", "J & M 2026"]) {
      const response = await add(shopper.cookie, { "personalize-engraving": engraving });
      expect(response.headers.get("Location")).toBe("/cart");
    }
    await add(shopper.cookie, { "personalize-engraving": "Zoë", "personalize-back": "Forever" });
    const cart = await getCart(shopper.id);
    expect(cart.lines.map((line) => [line.quantity, line.personalization.map((entry) => entry.value)])).toEqual([
      [2, ["J & M 2026"]],
      [1, ["Zoë", "Forever"]],
    ]);

    await deposit(shopper.id, 2_000_000);
    const checkout = await getCheckout(shopper, { lineCode: US_POSTAL });
    if (!checkout.locked) throw new Error(`no quote: ${JSON.stringify(checkout.lockError ?? checkout.blocked)}`);
    const placed = await placeOrder(shopper, placeInput(checkout.locked.id));
    if (!placed.ok) throw new Error(placed.reason);

    const agent = await sessionUser("AGENT");
    const seen = await getOrder(agent, placed.orderId);
    expect(seen?.items.map((item) => item.personalization)).toEqual([
      [{ key: "engraving", labelZh: "刻字内容（正面）", labelEn: "Engraving (front)", value: "J & M 2026" }],
      [
        { key: "engraving", labelZh: "刻字内容（正面）", labelEn: "Engraving (front)", value: "Zoë" },
        { key: "back", labelZh: "背面刻字", labelEn: "Engraving (back)", value: "Forever" },
      ],
    ]);
  });
});
