import fs from "node:fs";
import { parseEcbXml } from "~/domain/fx/ecb-xml";
import type { Db } from "~/utils/db.server";
import { shippingLines } from "../../prisma/seed-data/reference";
import { seedReference } from "../../prisma/seed";

/** The spec's world: default fees and tax table, the demo shipping lines, the ECB rates of 2024-03-13. */
export async function seedPricing(db: Db, asOf = "2024-03-13") {
  await seedReference(db);
  await db.shippingLine.createMany({ data: shippingLines });
  const xml = fs.readFileSync("prisma/seed-data/ecb-eurofxref-daily-2024-03-13.xml", "utf8");
  const parsed = parseEcbXml(xml, "2024-03-13");
  if (!parsed.ok) throw new Error(parsed.message);
  await db.fxSnapshot.create({ data: { base: "EUR", asOf, source: "ECB (test fixture)", rates: JSON.stringify(parsed.snapshot.rates) } });
}

export const SPEC_NOW = "2024-03-14T09:00:00Z";

export { specHeadphones as headphones } from "../fixtures/spec-example";
