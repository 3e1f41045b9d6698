import { describe, expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { createTestUser } from "./helpers";

// One SQLite connection serves every request. A request's write must never run inside another
// request's transaction: it would be rolled back with it after reporting success.

describe("the database client", () => {
  test("a write made while another request's transaction is open survives that transaction's rollback", async () => {
    const user = await createTestUser("SHOPPER");
    let release: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = db
      .$transaction(async (tx) => {
        await tx.notification.create({ data: { userId: user.id, kind: "ROLLED_BACK", params: "{}" } });
        release();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("rollback");
      })
      .catch((error: Error) => error.message);
    await opened;
    const [outside, raw] = await Promise.all([
      db.notification.create({ data: { userId: user.id, kind: "OUTSIDE", params: "{}" }, select: { id: true } }),
      db.$executeRaw`INSERT INTO "Notification" ("id", "userId", "kind", "params", "createdAt") VALUES (${`raw-${user.id}`}, ${user.id}, 'RAW', '{}', ${new Date()})`,
    ]);
    expect(await rolledBack).toBe("rollback");
    expect(outside.id).toBeTruthy();
    expect(raw).toBe(1);
    const kinds = (await db.notification.findMany({ where: { userId: user.id }, select: { kind: true } })).map((row) => row.kind).sort();
    expect(kinds).toEqual(["OUTSIDE", "RAW"]);
  });

  test("a read made while another request's transaction is open never sees its uncommitted rows", async () => {
    const user = await createTestUser("SHOPPER");
    let release: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = db
      .$transaction(async (tx) => {
        await tx.notification.create({ data: { userId: user.id, kind: "UNCOMMITTED", params: "{}" } });
        release();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("rollback");
      })
      .catch(() => "rolled back");
    await opened;
    expect(await db.notification.count({ where: { userId: user.id, kind: "UNCOMMITTED" } })).toBe(0);
    expect(await rolledBack).toBe("rolled back");
  });

  test("batch transactions still work", async () => {
    const user = await createTestUser("SHOPPER");
    const [first, second] = await db.$transaction([
      db.notification.create({ data: { userId: user.id, kind: "A", params: "{}" } }),
      db.notification.create({ data: { userId: user.id, kind: "B", params: "{}" } }),
    ]);
    expect([first.kind, second.kind]).toEqual(["A", "B"]);
  });
});
