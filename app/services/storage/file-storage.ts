// The storage contract both drivers keep (tested against each in tests/integration/file-storage.test.ts).

export type StoredFileBody = { bytes: Uint8Array<ArrayBuffer>; contentType: string; size: number };

export interface FileStorage {
  readonly driver: "local" | "database";
  /** Stores the bytes under `name`, replacing a file of that name; a reader never sees part of a file. */
  put(name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when there is none (never an error for a missing file). */
  get(name: string): Promise<StoredFileBody | null>;
  exists(name: string): Promise<boolean>;
  /** Removes the files; names that are not stored are ignored. */
  delete(names: string[]): Promise<void>;
  /** Names stored before `before`, in name order after `after`, at most `take`: for the orphan sweep. */
  listBefore(before: Date, options: { take: number; after?: string }): Promise<string[]>;
}

// Names are ours (random hex + extension), but the storage refuses anything else by itself too: on the
// local driver a name is a path under UPLOAD_DIR, and "../x" must never be one.
const STORAGE_NAME = /^[a-z0-9][a-z0-9_-]{0,99}\.[a-z0-9]{1,10}$/;

export function isStorageName(name: string) {
  return STORAGE_NAME.test(name);
}

export function assertStorageName(name: string) {
  if (!isStorageName(name)) throw new Error(`Not a storage name: ${JSON.stringify(name)}`);
}
