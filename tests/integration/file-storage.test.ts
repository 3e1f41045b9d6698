import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { discardPhotos, photoResponse, storePhoto } from "~/services/order-photos.server";
import { pruneOrphanPhotos } from "~/services/orphan-photos.server";
import { createDatabaseStorage } from "~/services/storage/database-storage.server";
import { createLocalStorage } from "~/services/storage/local-storage.server";
import { fileStorage, type FileStorage } from "~/services/storage/storage.server";
import { db, dbProvider } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { deposit, placeNewOrder, seedOrderWorld, sessionUser } from "./order-fixtures";

// The storage contract, against both drivers (on whichever database this project runs), then the photo
// service on top of this run's default driver, and a photo read by a second process.

const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "file-storage-"));
afterAll(() => fs.rm(scratch, { recursive: true, force: true }));

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(256)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(128)]);
const hexName = (extension: string) => `${crypto.randomBytes(16).toString("hex")}.${extension}`;
const sha = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

const drivers: [string, () => FileStorage][] = [
  ["local", () => createLocalStorage(path.join(scratch, "local"))],
  ["database", () => createDatabaseStorage()],
];

describe.each(drivers)("the %s driver keeps the storage contract", (_driver, make) => {
  const storage = make();

  test("what is put is got back byte for byte with its type; a missing name is null, never an error", async () => {
    const name = hexName("png");
    expect(await storage.exists(name)).toBe(false);
    expect(await storage.get(name)).toBeNull();
    await storage.put(name, PNG, "image/png");
    expect(await storage.exists(name)).toBe(true);
    const file = await storage.get(name);
    expect(file).toMatchObject({ contentType: "image/png", size: PNG.byteLength });
    expect(sha(file?.bytes ?? new Uint8Array())).toBe(sha(PNG));
  });

  test("a second put of a name replaces the file; delete removes it and ignores names never stored", async () => {
    const name = hexName("jpg");
    await storage.put(name, PNG, "image/jpeg");
    await storage.put(name, JPEG, "image/jpeg");
    expect(sha((await storage.get(name))?.bytes ?? new Uint8Array())).toBe(sha(JPEG));
    const other = hexName("jpg");
    await storage.put(other, JPEG, "image/jpeg");
    await storage.delete([name, hexName("png")]);
    expect(await storage.get(name)).toBeNull();
    expect(await storage.exists(other)).toBe(true);
  });

  test("a name that could leave the store (a path, a dot file) is never read or written", async () => {
    for (const bad of ["../secret.png", "a/b.png", ".env", "", "x".repeat(200) + ".png"]) {
      await expect(storage.put(bad, PNG, "image/png")).rejects.toThrow(/Not a storage name/);
      expect(await storage.get(bad)).toBeNull();
      expect(await storage.exists(bad)).toBe(false);
    }
  });

  test("listBefore pages through names stored before a moment, in name order", async () => {
    const names = [hexName("png"), hexName("png"), hexName("png")];
    for (const name of names) await storage.put(name, PNG, "image/png");
    const later = new Date(Date.now() + 60_000);
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await storage.listBefore(later, { take: 2, after });
      all.push(...page);
      if (page.length < 2) break;
      after = page.at(-1);
    }
    expect(all).toEqual([...all].sort());
    for (const name of names) expect(all).toContain(name);
    expect(await storage.listBefore(new Date(Date.now() - 60 * 60_000), { take: 10 })).toEqual([]);
  });
});

describe("photos through the storage this run chose", () => {
  test("the default driver follows the database: local files on SQLite, StoredFile rows on PostgreSQL", () => {
    expect(fileStorage().driver).toBe(dbProvider === "postgresql" ? "database" : "local");
    expect(getEnv().storageDriver).toBe(fileStorage().driver);
  });

  test("a stored photo is served with its type, privately cached; a discarded one is a 404", async () => {
    const stored = await storePhoto(JPEG);
    if (!stored.ok) throw new Error(stored.error);
    expect(stored.name).toMatch(/^[a-f0-9]{32}\.jpg$/);
    const served = await photoResponse(stored.name);
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    expect(served.headers.get("Cache-Control")).toMatch(/^private/);
    expect(sha(Buffer.from(await served.arrayBuffer()))).toBe(sha(JPEG));
    await discardPhotos([stored.name]);
    await expect(photoResponse(stored.name)).rejects.toMatchObject({ status: 404 });
    await expect(photoResponse("../../etc/passwd")).rejects.toMatchObject({ status: 404 });
  });

  test("the size and type checks come before the driver: nothing is stored for a script or an oversized photo", async () => {
    const before = await fileStorage().listBefore(new Date(Date.now() + 60_000), { take: 10_000 });
    expect(await storePhoto(Buffer.from("<script>alert(1)</script>"))).toEqual({ ok: false, error: "orders:errors.photoNotImage" });
    const huge = Buffer.concat([JPEG, Buffer.alloc(getEnv().UPLOAD_MAX_BYTES)]);
    expect(await storePhoto(huge)).toEqual({ ok: false, error: "orders:errors.photoTooLarge" });
    expect(await fileStorage().listBefore(new Date(Date.now() + 60_000), { take: 10_000 })).toEqual(before);
    if (fileStorage().driver === "database")
      expect(await db.storedFile.count({ where: { size: { gt: getEnv().UPLOAD_MAX_BYTES } } })).toBe(0);
  });

  test("the orphan sweep deletes, through the driver, only old photos that no order or return names", async () => {
    const world = await seedOrderWorld();
    const shopper = await sessionUser("SHOPPER");
    await deposit(shopper.id, 500_000);
    const { orderId } = await placeNewOrder(shopper, world.listingId);
    const [orphan, receipt, attached] = await Promise.all([storePhoto(PNG), storePhoto(PNG), storePhoto(JPEG)]);
    if (!orphan?.ok || !receipt?.ok || !attached?.ok) throw new Error("not stored");
    // Named by a purchase receipt and by a timeline event: both are kept.
    await db.order.update({ where: { id: orderId }, data: { purchaseEvidence: JSON.stringify({ photos: [receipt.name] }) } });
    await db.orderEvent.create({ data: { orderId, kind: "MESSAGE", actorRole: "AGENT", attachments: JSON.stringify([attached.name]) } });
    // A fresh photo is inside the grace period: the move naming it may still be being written.
    await pruneOrphanPhotos({ now: new Date() });
    expect(await fileStorage().exists(orphan.name)).toBe(true);
    const deleted = await pruneOrphanPhotos({ now: new Date(Date.now() + 25 * 3600_000), batchSize: 1 });
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await fileStorage().exists(orphan.name)).toBe(false);
    expect(await fileStorage().exists(receipt.name)).toBe(true);
    expect(await fileStorage().exists(attached.name)).toBe(true);
  });
});

describe.runIf(dbProvider === "postgresql")("several instances on PostgreSQL", () => {
  test("a photo stored by this process is served by another process that has no access to its disk", async () => {
    const stored = await storePhoto(PNG);
    if (!stored.ok) throw new Error(stored.error);
    const emptyDisk = await fs.mkdtemp(path.join(scratch, "other-instance-"));
    const { STORAGE_DRIVER: _unset, ...inherited } = process.env;
    const { stdout } = await promisify(execFile)(
      path.resolve("node_modules/.bin/tsx"),
      ["tests/integration/support/read-stored-photo.ts", stored.name],
      {
        // The other instance's own disk is empty, and its driver is the PostgreSQL default (not set).
        env: { ...inherited, UPLOAD_DIR: emptyDisk },
      },
    );
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}")).toEqual({
      status: 200,
      contentType: "image/png",
      cacheControl: expect.stringMatching(/^private/),
      sha256: sha(PNG),
    });
    expect(await fs.readdir(emptyDisk)).toEqual([]);
  });
});
