import { beforeAll, describe, expect, test } from "vitest";
import { action } from "~/routes/admin.pricing";
import { db } from "~/utils/db.server";
import { createTestUser, formRequest, respond } from "./helpers";
import { seedPricing } from "./pricing-fixtures";

const args = (request: Request) => ({ request, params: {}, context: {} });
const fees = {
  intent: "fees",
  fxSpread: "0.01",
  serviceFeeRate: "0.06",
  serviceFeeMinimum: "10.00",
  insuranceRate: "0.01",
  ratesMaxAgeHours: "72",
  quoteValidityMinutes: "30",
};

beforeAll(async () => {
  await seedPricing(db);
});

describe("admin pricing", () => {
  test("an admin changes the service fee rate; the audit trail has who, old and new", async () => {
    const admin = await createTestUser("ADMIN");
    const response = await respond(() => action(args(formRequest("/admin/pricing", fees, { cookie: admin.cookie }))));
    expect(response.status).toBe(200);
    expect((await db.feeSchedule.findUniqueOrThrow({ where: { id: "default" } })).serviceFeeRate).toBe("0.06");
    const entry = await db.auditLog.findFirstOrThrow({ where: { entity: "FeeSchedule" }, orderBy: { createdAt: "desc" } });
    expect(entry.actorId).toBe(admin.id);
    expect(JSON.parse(entry.before ?? "{}")).toEqual({ serviceFeeRate: "0.05" });
    expect(JSON.parse(entry.after ?? "{}")).toEqual({ serviceFeeRate: "0.06" });
  });

  test("invalid values are refused field by field and nothing is written", async () => {
    const admin = await createTestUser("ADMIN");
    const before = await db.auditLog.count();
    const response = await respond(() =>
      action(args(formRequest("/admin/pricing", { ...fees, serviceFeeRate: "-1", ratesMaxAgeHours: "abc" }, { cookie: admin.cookie }))),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string[]> };
    expect(body.errors.serviceFeeRate).toEqual(["admin:errors.decimal"]);
    expect(body.errors.ratesMaxAgeHours).toBeDefined();
    expect(await db.auditLog.count()).toBe(before);
  });

  test("a shipping line edit and a tax rate edit are saved and audited; an unknown tax code is 404", async () => {
    const admin = await createTestUser("ADMIN");
    const line = await db.shippingLine.findUniqueOrThrow({ where: { code: "jp-postal-ems" } });
    const lineForm = Object.fromEntries(
      Object.entries({ ...line, intent: "line", firstWeightPrice: "80.00", active: "on", volumetricDivisor: line.volumetricDivisor ?? "" })
        .filter(([key]) => key !== "isDefault")
        .map(([key, value]) => [key, String(value)]),
    );
    expect((await respond(() => action(args(formRequest("/admin/pricing", lineForm, { cookie: admin.cookie }))))).status).toBe(200);
    expect((await db.shippingLine.findUniqueOrThrow({ where: { code: "jp-postal-ems" } })).firstWeightPrice).toBe("80.00");

    const tax = { intent: "tax", code: "toys", postalRate: "0.13", cbecVat: "0.13", cbecConsumption: "0", mfnTariff: "0.05" };
    expect((await respond(() => action(args(formRequest("/admin/pricing", tax, { cookie: admin.cookie }))))).status).toBe(200);
    expect((await db.taxCategory.findUniqueOrThrow({ where: { code: "toys" } })).mfnTariff).toBe("0.05");
    const audited = await db.auditLog.findMany({
      where: { entityId: { in: ["jp-postal-ems", "toys"] } },
      select: { entityId: true, after: true },
    });
    expect(audited).toEqual(
      expect.arrayContaining([
        { entityId: "jp-postal-ems", after: '{"firstWeightPrice":"80.00"}' },
        { entityId: "toys", after: '{"mfnTariff":"0.05"}' },
      ]),
    );

    const missing = await respond(() =>
      action(args(formRequest("/admin/pricing", { ...tax, code: "spaceships" }, { cookie: admin.cookie }))),
    );
    expect(missing.status).toBe(404);
  });

  test("eta order and divisor bounds are checked", async () => {
    const admin = await createTestUser("ADMIN");
    const form = {
      intent: "line",
      code: "xx-new-line",
      nameZh: "测试",
      nameEn: "Test",
      originCountry: "US",
      customsRegime: "POSTAL",
      firstWeightGrams: "500",
      firstWeightPrice: "50.00",
      additionalWeightGrams: "500",
      additionalWeightPrice: "10.00",
      volumetricDivisor: "10",
      handlingFee: "0",
      etaDaysMin: "9",
      etaDaysMax: "3",
    };
    const response = await respond(() => action(args(formRequest("/admin/pricing", form, { cookie: admin.cookie }))));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string[]> };
    expect(body.errors.volumetricDivisor).toEqual(["admin:errors.divisor"]);
    expect(await db.shippingLine.findUnique({ where: { code: "xx-new-line" } })).toBeNull();
  });

  test("shoppers and agents cannot change pricing", async () => {
    for (const role of ["SHOPPER", "AGENT"] as const) {
      const user = await createTestUser(role);
      expect((await respond(() => action(args(formRequest("/admin/pricing", fees, { cookie: user.cookie }))))).status).toBe(403);
    }
  });
});
