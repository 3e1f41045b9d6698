import { beforeAll, describe, expect, test } from "vitest";
import { loader as cartLoader } from "~/routes/cart";
import { loader as listingLoader } from "~/routes/listings.$id";
import { loader as ordersLoader } from "~/routes/orders._index";
import { loader as storeLoader } from "~/routes/stores.$slug";
import { recomputeAllListingPrices } from "~/services/listing-prices.server";
import { db } from "~/utils/db.server";
import { BASE, respond } from "./helpers";
import { createListing, deposit, placeNewOrder, seedOrderWorld, sessionUser } from "./order-fixtures";

// Issue 18: the title a shopper reads is picked on the server (the glossary never reaches the browser),
// the same way on every page: Chinese once reviewed; in English mode the store's English, or a draft.

type Shown = { text: string; lang: string; machine: boolean; original: boolean };

function request(pathname: string, language: "zh-CN" | "en", cookie?: string) {
  return new Request(`${BASE}${pathname}`, { headers: { "Accept-Language": language, ...(cookie ? { Cookie: cookie } : {}) } });
}

async function data<T>(run: () => Promise<unknown>): Promise<T> {
  const response = await respond(run);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let japaneseId: string;

beforeAll(async () => {
  world = await seedOrderWorld();
  japaneseId = (await createListing(world.storeId, { price: "80.00", weightGrams: 400 })).id;
  await db.listing.update({
    where: { id: japaneseId },
    data: { title: "ワイヤレス ヘッドホン ノイズキャンセリング", localizationStatus: "REVIEWED" },
  });
  await db.listing.update({ where: { id: world.listingId }, data: { localizationStatus: "REVIEWED" } });
  await recomputeAllListingPrices();
});

describe("the title each reader sees", () => {
  test("a card: Chinese when reviewed; in English the store's English as written, or a draft marked machine-made", async () => {
    const cards = async (language: "zh-CN" | "en") => {
      const page = await data<{ listings: { id: string; title: string; shown: Shown }[] }>(() =>
        storeLoader({ request: request("/stores/us-audio", language), params: { slug: "us-audio" }, context: {} }),
      );
      return new Map(page.listings.map((card) => [card.id, card]));
    };
    const zh = await cards("zh-CN");
    expect(zh.get(japaneseId)?.shown).toEqual({ text: "头戴式耳机", lang: "zh-CN", machine: false, original: false });
    const en = await cards("en");
    expect(en.get(japaneseId)?.shown).toEqual({ text: "Wireless headphones noise cancelling", lang: "en", machine: true, original: false });
    const english = en.get(world.listingId);
    expect(english?.shown).toEqual({ text: english?.title, lang: "en", machine: false, original: true });
  });

  test("the listing page shows the card's title and names the page after it", async () => {
    const page = await data<{ listing: { shown: Shown } }>(() =>
      listingLoader({ request: request(`/listings/${japaneseId}`, "en"), params: { id: japaneseId }, context: {} }),
    );
    expect(page.listing.shown.text).toBe("Wireless headphones noise cancelling");
  });

  test("the cart and the order centre name the item in the reader's language", async () => {
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    await placeNewOrder(shopper, japaneseId);
    await db.cartItem.create({ data: { userId: shopper.id, listingId: japaneseId, quantity: 1 } });
    const cart = await data<{ cart: { lines: { listing: { shown: Shown } }[] } }>(() =>
      cartLoader({ request: request("/cart", "en", shopper.cookie), params: {}, context: {} }),
    );
    expect(cart.cart.lines.map((line) => line.listing.shown.text)).toEqual(["Wireless headphones noise cancelling"]);
    const orders = await data<{ orders: { items: { titleZh: string; titleEn: string }[] }[] }>(() =>
      ordersLoader({ request: request("/orders", "en", shopper.cookie), params: {}, context: {} }),
    );
    expect(orders.orders[0]?.items[0]).toMatchObject({ titleZh: "头戴式耳机", titleEn: "Wireless headphones noise cancelling" });
  });
});
