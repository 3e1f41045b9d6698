import type { ReturnAddressInput } from "~/domain/returns";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-locks.server";

// Where returned goods go: one address per origin country of the shipping lines (a Japanese store's
// parcel goes back to the Japanese warehouse, never to the American one). A country without an
// address shows the shopper that the agent will send it; no other country's address stands in.
//
// The old single ReturnSettings.returnAddress is no longer read: it named no country, and showing it
// for every country was the bug. It is not migrated into a country for the same reason; /admin/returns
// shows it to admins while it is still set, so they can copy it to the right country.

export type ReturnAddressRow = { country: string; address: string; seen: string };

/** One row per country any shipping line ships from, plus any country that still has an address. */
export async function listReturnAddresses(): Promise<ReturnAddressRow[]> {
  const [lines, addresses] = await Promise.all([
    db.shippingLine.findMany({ select: { originCountry: true }, distinct: ["originCountry"] }),
    db.returnAddress.findMany({ select: { country: true, address: true, updatedAt: true } }),
  ]);
  const byCountry = new Map(addresses.map((row) => [row.country, row]));
  const countries = [...new Set([...lines.map((line) => line.originCountry), ...byCountry.keys()])].sort();
  return countries.map((country) => {
    const row = byCountry.get(country);
    return { country, address: row?.address ?? "", seen: row?.updatedAt.toISOString() ?? "" };
  });
}

/** The origin country of an order's shipping line, and the return address there (null: none yet). */
export async function returnAddressForLine(
  shippingLineCode: string,
  fallbackCountry?: string | null,
): Promise<{ country: string | null; address: string | null }> {
  const line = await db.shippingLine.findUnique({ where: { code: shippingLineCode }, select: { originCountry: true } });
  const country = line?.originCountry ?? fallbackCountry ?? null;
  if (!country) return { country: null, address: null };
  const row = await db.returnAddress.findUnique({ where: { country }, select: { address: true } });
  return { country, address: row?.address || null };
}

export async function legacyReturnAddress(): Promise<string> {
  const row = await db.returnSettings.findUnique({ where: { id: "default" }, select: { returnAddress: true } });
  return row?.returnAddress ?? "";
}

export type AddressUpdate =
  | { ok: true; changed: string[] }
  | { ok: false; reason: "unknownCountry"; countries: string[] }
  | { ok: false; reason: "conflict"; countries: string[] };

class Conflict extends Error {
  constructor(readonly countries: string[]) {
    super("conflict");
  }
}

/**
 * Saves the rows that differ from the database, each only if it is still the version the admin saw
 * (a conditional write), with one audit entry per country; all or nothing.
 */
export async function updateReturnAddresses(admin: Pick<SessionUser, "id">, rows: readonly ReturnAddressInput[]): Promise<AddressUpdate> {
  const served = new Set((await listReturnAddresses()).map((row) => row.country));
  const unknown = rows.filter((row) => !served.has(row.country)).map((row) => row.country);
  if (unknown.length > 0) return { ok: false, reason: "unknownCountry", countries: unknown };
  try {
    const changed = await db.$transaction(async (tx) => {
      const changedCountries: string[] = [];
      const conflicts: string[] = [];
      for (const row of rows) {
        const current = await tx.returnAddress.findUnique({ where: { country: row.country }, select: { address: true, updatedAt: true } });
        if ((current?.address ?? "") === row.address) continue;
        const seenAt = row.seen ? new Date(row.seen) : null;
        let written = 0;
        if (!current) {
          if (seenAt === null) {
            await tx.returnAddress.create({ data: { country: row.country, address: row.address } });
            written = 1;
          }
        } else if (seenAt && Number.isFinite(seenAt.getTime())) {
          const where = { country: row.country, updatedAt: seenAt };
          written =
            row.address === ""
              ? (await tx.returnAddress.deleteMany({ where })).count
              : (await tx.returnAddress.updateMany({ where, data: { address: row.address } })).count;
        }
        if (written === 0) {
          conflicts.push(row.country);
          continue;
        }
        changedCountries.push(row.country);
        await tx.auditLog.create({
          data: {
            actorId: admin.id,
            entity: "ReturnAddress",
            entityId: row.country,
            action: !current ? "create" : row.address === "" ? "delete" : "update",
            before: current ? JSON.stringify({ address: current.address }) : null,
            after: row.address === "" ? null : JSON.stringify({ address: row.address }),
          },
        });
      }
      if (conflicts.length > 0) throw new Conflict(conflicts);
      return changedCountries;
    });
    return { ok: true, changed };
  } catch (error) {
    if (error instanceof Conflict) return { ok: false, reason: "conflict", countries: error.countries };
    // Two admins adding a country's first address at once: both found none, the unique country
    // refused the second insert. It is the same conflict as an edit over a newer version.
    if (isUniqueViolation(error))
      return { ok: false, reason: "conflict", countries: rows.filter((row) => row.seen === "").map((row) => row.country) };
    throw error;
  }
}
