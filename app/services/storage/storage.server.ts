import { getEnv } from "~/utils/env.server";
import { createDatabaseStorage } from "./database-storage.server";
import { createLocalStorage } from "./local-storage.server";
import type { FileStorage } from "./file-storage";

export type { FileStorage, StoredFileBody } from "./file-storage";
export { isStorageName } from "./file-storage";

// Every uploaded file (warehouse and return photos, purchase receipts) is written, read and deleted
// through this one storage, whichever driver STORAGE_DRIVER picks: `local` (files under UPLOAD_DIR, the
// SQLite default) or `database` (StoredFile rows, the PostgreSQL default, read by every instance).
// What may be stored (size, type) is checked by the caller before put, once, for both drivers.

let cached: FileStorage | undefined;

export function fileStorage(): FileStorage {
  const env = getEnv();
  cached ??= env.storageDriver === "database" ? createDatabaseStorage() : createLocalStorage(env.uploadDir);
  return cached;
}
