import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { PHOTO_TYPES } from "~/domain/orders/photos";
import { assertStorageName, isStorageName, type FileStorage } from "./file-storage";

// Files under UPLOAD_DIR, one per name: what a single machine (or instances sharing one volume) needs.
// The content type is not kept beside the file: it follows from the extension, which is ours.

const TEMP_DIR = ".incoming";

function contentTypeOf(name: string) {
  return PHOTO_TYPES.find((candidate) => name.endsWith(`.${candidate.extension}`))?.type ?? "application/octet-stream";
}

export function createLocalStorage(dir: string): FileStorage {
  const fileOf = (name: string) => {
    assertStorageName(name);
    return path.join(dir, name);
  };
  return {
    driver: "local",
    async put(name, bytes) {
      const target = fileOf(name);
      const temp = path.join(dir, TEMP_DIR, `${crypto.randomBytes(8).toString("hex")}-${name}`);
      await fs.mkdir(path.dirname(temp), { recursive: true });
      // Written aside, then renamed: a page reading the photo meanwhile gets all of it or a 404.
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, target).catch(async (error: unknown) => {
        await fs.rm(temp, { force: true });
        throw error;
      });
    },
    async get(name) {
      if (!isStorageName(name)) return null;
      const bytes = await fs.readFile(path.join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT" || error.code === "EISDIR") return null;
        throw error;
      });
      return bytes ? { bytes, contentType: contentTypeOf(name), size: bytes.byteLength } : null;
    },
    async exists(name) {
      if (!isStorageName(name)) return false;
      return fs.stat(path.join(dir, name)).then(
        (stat) => stat.isFile(),
        () => false,
      );
    },
    async delete(names) {
      await Promise.all(names.filter(isStorageName).map((name) => fs.rm(path.join(dir, name), { force: true })));
    },
    async listBefore(before, { take, after }) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const candidates = names.filter((name) => isStorageName(name) && (after === undefined || name > after)).sort();
      const found: string[] = [];
      for (const name of candidates) {
        if (found.length >= take) break;
        const stat = await fs.stat(path.join(dir, name)).catch(() => null);
        if (stat?.isFile() && stat.mtime < before) found.push(name);
      }
      return found;
    },
  };
}
