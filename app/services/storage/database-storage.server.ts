import { db, type Db } from "~/utils/db.server";
import { assertStorageName, isStorageName, type FileStorage } from "./file-storage";

// Bytes in the StoredFile table: every web instance and worker on the same database reads every file,
// with no shared volume. Photos are small (UPLOAD_MAX_BYTES, 5 MB by default) and read rarely.

/** `client`: this process's database by default; `npm run db:copy` passes the target's transaction. */
export function createDatabaseStorage(client: Pick<Db, "storedFile"> = db): FileStorage {
  return {
    driver: "database",
    async put(name, bytes, contentType) {
      assertStorageName(name);
      // A copy in a plain Uint8Array: the client takes Uint8Array, and a Buffer may be a view on a larger pool.
      const data = Uint8Array.from(bytes);
      await client.storedFile.upsert({
        where: { name },
        create: { name, contentType, size: data.byteLength, bytes: data },
        update: { contentType, size: data.byteLength, bytes: data, createdAt: new Date() },
      });
    },
    async get(name) {
      if (!isStorageName(name)) return null;
      const row = await client.storedFile.findUnique({ where: { name }, select: { bytes: true, contentType: true, size: true } });
      return row ? { bytes: new Uint8Array(row.bytes), contentType: row.contentType, size: row.size } : null;
    },
    async exists(name) {
      if (!isStorageName(name)) return false;
      return (await client.storedFile.count({ where: { name } })) > 0;
    },
    async delete(names) {
      const valid = names.filter(isStorageName);
      if (valid.length > 0) await client.storedFile.deleteMany({ where: { name: { in: valid } } });
    },
    async listBefore(before, { take, after }) {
      const rows = await client.storedFile.findMany({
        where: { createdAt: { lt: before }, ...(after === undefined ? {} : { name: { gt: after } }) },
        orderBy: { name: "asc" },
        take,
        select: { name: true },
      });
      return rows.map((row) => row.name);
    },
  };
}
