import type { Db } from "~/utils/db.server";
import { createDatabaseStorage } from "./database-storage.server";
import { createLocalStorage } from "./local-storage.server";

// `npm run db:copy`: a shop on SQLite keeps its photos under UPLOAD_DIR, and on PostgreSQL they are read
// from the database (the default driver there). So the copy brings every stored file along, into the
// target's StoredFile table inside the copy's own transaction, each checked there by its size.

export async function copyLocalFilesToDatabase(
  dir: string,
  target: Pick<Db, "storedFile">,
  onProgress?: (copied: number, total: number) => void,
) {
  const local = createLocalStorage(dir);
  const into = createDatabaseStorage(target);
  const names = await local.listBefore(new Date(Date.now() + 60_000), { take: Number.MAX_SAFE_INTEGER });
  const totals = async () => {
    const { _count, _sum } = await target.storedFile.aggregate({ _count: true, _sum: { size: true } });
    return { files: _count, bytes: _sum.size ?? 0 };
  };
  const before = await totals();
  let copied = 0;
  let bytes = 0;
  onProgress?.(0, names.length);
  for (const name of names) {
    const file = await local.get(name);
    // A file removed since it was listed (a refused move's photo) is not the shop's any more.
    if (!file) continue;
    await into.put(name, file.bytes, file.contentType);
    copied += 1;
    bytes += file.size;
    onProgress?.(copied, names.length);
  }
  const after = await totals();
  const landed = { files: after.files - before.files, bytes: after.bytes - before.bytes };
  if (landed.files !== copied || landed.bytes !== bytes) {
    throw new Error(`${copied} photos (${bytes} bytes) read from ${dir} but ${landed.files} (${landed.bytes} bytes) landed in StoredFile.`);
  }
  return { files: copied, bytes };
}
