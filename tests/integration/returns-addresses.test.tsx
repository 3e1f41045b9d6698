import crypto from "node:crypto";
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ReturnAddress } from "~/components/return-address";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.returns";
import { loader as returnFormLoader } from "~/routes/orders.$id_.return";
import { loader as returnLoader } from "~/routes/returns.$id";
import { db } from "~/utils/db.server";
import { i18nConfig } from "~/utils/i18n-resources";
import { formRequest, getRequest, respond } from "./helpers";
import { seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, deliveredOrder, file, type Person } from "./returns-fixtures";

// Return addresses per origin country (issue #11, point 6): a Japanese store's return goes to the
// Japanese address; a country without one says the agent will send it, never another country's.
// Admins edit them at /admin/returns: validated, audited, refused when someone else changed the row
// meanwhile, and only admins may.

const US = "GlobalBuy Returns (US), 1200 Harbor Ave, Long Beach, CA 90802, USA";
const JP = "GlobalBuy Returns (JP)\nAomi 2-4-24, Koto-ku, Tokyo 135-0064, Japan";

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let agent: Person;
let admin: Person;
let jpListingId: string;
const i18n = createInstance();

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "zh-CN" });
  world = await seedOrderWorld();
  [agent, admin] = await Promise.all([sessionUser("AGENT"), sessionUser("ADMIN")]);
  const store = await db.store.create({
    data: { slug: "jp-toys", name: "JP Toys", country: "JP", currency: "JPY", platform: "MANUAL", baseUrl: "https://jp-toys.example" },
  });
  const listing = await db.listing.create({
    data: {
      storeId: store.id,
      categorySlug: "audio",
      sourceUrl: `https://jp-toys.example/products/${crypto.randomUUID()}`,
      title: "ミニカー 1:64",
      description: "Die-cast",
      titleZh: "1:64 合金小车",
      descriptionZh: "合金",
      status: "PUBLISHED",
      price: "3000",
      currency: "JPY",
      weightGrams: 200,
      taxCategory: "toys",
    },
    select: { id: true },
  });
  jpListingId = listing.id;
});

beforeEach(async () => {
  await db.returnAddress.deleteMany({});
  await db.returnAddress.createMany({
    data: [
      { country: "US", address: US },
      { country: "JP", address: JP },
    ],
  });
});

async function jpReturn() {
  const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: jpListingId }], { lineCode: "jp-postal-ems" });
  return { shopper, orderId };
}

function rendered(returnAddress: { country: string | null; address: string | null }, fault = "SHOPPER") {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ReturnAddress returnAddress={returnAddress} fault={fault} />
    </I18nextProvider>,
  );
}

describe("the address for the order's store country", () => {
  test("a Japan-store return shows the Japanese address on the form and on the return's page, never the American one", async () => {
    const { shopper, orderId } = await jpReturn();
    const form = (await (
      await respond(() =>
        returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=CHANGED_MIND&qty-0=1`, shopper.cookie), { id: orderId })),
      )
    ).json()) as { returnAddress: { country: string; address: string } };
    expect(form.returnAddress).toEqual({ country: "JP", address: JP });
    const html = rendered(form.returnAddress);
    expect(html).toContain("商家同意后请寄回到日本退货仓：");
    expect(html).toContain("Aomi 2-4-24, Koto-ku");
    expect(html).not.toContain("Long Beach");

    const returnId = await file(shopper, orderId, { reason: "DAMAGED", requested: [{ position: 0, quantity: 1 }] });
    const page = (await (
      await respond(() => returnLoader(args(getRequest(`/returns/${returnId}`, shopper.cookie), { id: returnId })))
    ).json()) as { entry: { returnAddress: { country: string; address: string } } };
    expect(page.entry.returnAddress).toEqual({ country: "JP", address: JP });
    expect(rendered(page.entry.returnAddress, "PLATFORM")).toContain("平台出具的面单寄往日本退货仓：");
  });

  test("a country without an address: the agent will send it, and no other country's address stands in", async () => {
    await db.returnAddress.delete({ where: { country: "JP" } });
    const { shopper, orderId } = await jpReturn();
    const form = (await (
      await respond(() =>
        returnFormLoader(args(getRequest(`/orders/${orderId}/return?reason=CHANGED_MIND&qty-0=1`, shopper.cookie), { id: orderId })),
      )
    ).json()) as { returnAddress: { country: string; address: string | null } };
    expect(form.returnAddress).toEqual({ country: "JP", address: null });
    const html = rendered(form.returnAddress);
    expect(html).toContain("日本的退货地址尚未设置：代购会把退货地址发给你。");
    expect(html).not.toContain("Long Beach");
  });

  test("a US order still gets the US address", async () => {
    const { shopper, orderId } = await deliveredOrder(agent, [{ listingId: world.cheapListingId }]);
    const form = (await (
      await respond(() => returnFormLoader(args(getRequest(`/orders/${orderId}/return`, shopper.cookie), { id: orderId })))
    ).json()) as { returnAddress: unknown };
    expect(form.returnAddress).toEqual({ country: "US", address: US });
  });
});

type AdminPage = { addresses: { country: string; address: string; seen: string }[] };
type AddressReply = { saved: boolean; changed: number; errors: Record<string, string[]> };

async function adminPage(person: Person = admin) {
  return respond(() => adminLoader(args(getRequest("/admin/returns", person.cookie))));
}

/** The form as the browser posts it without JavaScript: every country's field and the version it showed. */
async function postAddresses(rows: AdminPage["addresses"], changes: Record<string, string>, person: Person = admin) {
  const fields: Record<string, string> = { intent: "addresses" };
  for (const row of rows) {
    fields[`address-${row.country}`] = changes[row.country] ?? row.address;
    fields[`seen-${row.country}`] = row.seen;
  }
  return respond(() => adminAction(args(formRequest("/admin/returns", fields, { cookie: person.cookie }))));
}

const audits = () =>
  db.auditLog.findMany({
    where: { entity: "ReturnAddress" },
    orderBy: { createdAt: "asc" },
    select: { entityId: true, action: true, before: true, after: true, actorId: true },
  });

describe("admins edit the addresses at /admin/returns", () => {
  test("one row per country the shipping lines serve; saving writes the changed rows and audits each", async () => {
    await db.auditLog.deleteMany({ where: { entity: "ReturnAddress" } });
    const { addresses } = (await (await adminPage()).json()) as AdminPage;
    expect(addresses.map((row) => row.country)).toEqual(["DE", "GB", "JP", "KR", "US"]);
    expect(addresses.find((row) => row.country === "DE")).toEqual({ country: "DE", address: "", seen: "" });

    const kr = "GlobalBuy Returns (KR)\n272 Gonghang-ro, Jung-gu, Incheon 22382";
    const response = await postAddresses(addresses, { KR: `  ${kr}  `, JP: "GlobalBuy Returns (JP), Aomi 2-4-24, Tokyo 135-0064", US: "" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ saved: true, changed: 3, errors: {} });
    expect(await db.returnAddress.findMany({ orderBy: { country: "asc" }, select: { country: true, address: true } })).toEqual([
      { country: "JP", address: "GlobalBuy Returns (JP), Aomi 2-4-24, Tokyo 135-0064" },
      { country: "KR", address: kr },
    ]);
    expect(await audits()).toEqual(
      expect.arrayContaining([
        {
          entityId: "JP",
          action: "update",
          before: JSON.stringify({ address: JP }),
          after: JSON.stringify({ address: "GlobalBuy Returns (JP), Aomi 2-4-24, Tokyo 135-0064" }),
          actorId: admin.id,
        },
        { entityId: "KR", action: "create", before: null, after: JSON.stringify({ address: kr }), actorId: admin.id },
        { entityId: "US", action: "delete", before: JSON.stringify({ address: US }), after: null, actorId: admin.id },
      ]),
    );
    expect(await audits()).toHaveLength(3);
    // Saving the same form again changes nothing and audits nothing.
    const again = (await (await adminPage()).json()) as AdminPage;
    expect(await (await postAddresses(again.addresses, {})).json()).toMatchObject({ saved: true, changed: 0 });
    expect(await audits()).toHaveLength(3);
  });

  test("bad input: a message at the field, 400, nothing written", async () => {
    const { addresses } = (await (await adminPage()).json()) as AdminPage;
    const before = await db.returnAddress.findMany({ orderBy: { country: "asc" } });
    const auditsBefore = (await audits()).length;
    for (const [changes, field, message] of [
      [{ JP: "Tokyo" }, "JP", "returns:errors.addressTooShort"],
      [{ DE: "x".repeat(501) }, "DE", "returns:errors.addressTooLong"],
      [{ KR: "Incheon\u0007 22382, Korea" }, "KR", "returns:errors.addressInvalid"],
    ] as const) {
      const response = await postAddresses(addresses, { ...changes, GB: "GlobalBuy Returns (UK), Hounslow TW6 3RR" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as AddressReply).errors).toEqual({ [field]: [message] });
    }
    // A country no shipping line serves.
    const unknown = await respond(() =>
      adminAction(
        args(
          formRequest(
            "/admin/returns",
            { intent: "addresses", "address-FR": "GlobalBuy Retours, 1 rue de Paris, 75001 Paris" },
            { cookie: admin.cookie },
          ),
        ),
      ),
    );
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as AddressReply).errors).toEqual({ FR: ["returns:errors.addressUnknownCountry"] });
    expect(await db.returnAddress.findMany({ orderBy: { country: "asc" } })).toEqual(before);
    expect(await audits()).toHaveLength(auditsBefore);
  });

  test("another admin changed a row since the page was shown: 409, that row untouched, nothing else written", async () => {
    const first = (await (await adminPage()).json()) as AdminPage;
    const other = await sessionUser("ADMIN");
    const theirs = (await (await adminPage(other)).json()) as AdminPage;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await postAddresses(theirs.addresses, { JP: "GlobalBuy Returns (JP), new warehouse, Osaka 559-0034" }, other)).status).toBe(
      200,
    );
    const stale = await postAddresses(first.addresses, {
      JP: "GlobalBuy Returns (JP), my edit, Tokyo 135-0064",
      GB: "GlobalBuy Returns (UK), Hounslow TW6 3RR",
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as AddressReply).errors).toEqual({ JP: ["returns:errors.addressConflict"] });
    expect((await db.returnAddress.findUniqueOrThrow({ where: { country: "JP" } })).address).toBe(
      "GlobalBuy Returns (JP), new warehouse, Osaka 559-0034",
    );
    expect(await db.returnAddress.findUnique({ where: { country: "GB" } })).toBeNull();
  });

  test("only admins: shoppers and agents get 403 on the page and the form, nothing written", async () => {
    const shopper = await sessionUser("SHOPPER");
    const before = await db.returnAddress.findMany({ orderBy: { country: "asc" } });
    for (const person of [shopper, agent]) {
      expect((await adminPage(person)).status).toBe(403);
      const response = await respond(() =>
        adminAction(
          args(
            formRequest(
              "/admin/returns",
              { intent: "addresses", "address-JP": "Somewhere else entirely, 100-0001 Tokyo", "seen-JP": "" },
              { cookie: person.cookie },
            ),
          ),
        ),
      );
      expect(response.status).toBe(403);
    }
    expect(await db.returnAddress.findMany({ orderBy: { country: "asc" } })).toEqual(before);
  });
});
