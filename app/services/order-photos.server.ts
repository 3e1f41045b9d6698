import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_PHOTOS_PER_FORM, PHOTO_TYPES, sniffPhotoType, STORED_PHOTO_NAME } from "~/domain/orders/photos";
import { getEnv } from "~/utils/env.server";

// Warehouse photos: streamed to disk under UPLOAD_DIR with a size cap per file, then checked on
// their bytes and renamed to a random name of ours. A form that fails anywhere leaves no file behind.

export type PhotoFormOutcome =
  /** `photos`: every stored photo; `byField`: per file field (photos, photos-0, photos-1…). */
  | { ok: true; form: FormData; photos: string[]; byField: Record<string, string[]> }
  | { ok: false; error: "orders:errors.photoTooLarge" | "orders:errors.photoNotImage" | "orders:errors.photosTooMany"; maxBytes: number };

// One field for a move's photos, numbered fields for per-unit photos (a return's inspection).
const PHOTO_FIELD = /^photos(?:-\d{1,3})?$/;

const incomingDir = () => path.join(getEnv().uploadDir, "incoming");

export function photoPath(name: string) {
  if (!STORED_PHOTO_NAME.test(name)) return null;
  return path.join(getEnv().uploadDir, name);
}

export function photoContentType(name: string) {
  return PHOTO_TYPES.find((candidate) => name.endsWith(`.${candidate.extension}`))?.type ?? "application/octet-stream";
}

/** Parses a form that may carry `photos` files; other fields stay as they are. */
export async function parsePhotoForm(request: Request): Promise<PhotoFormOutcome> {
  const maxBytes = getEnv().UPLOAD_MAX_BYTES;
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return { ok: true, form: await request.formData(), photos: [], byField: {} };
  await fs.mkdir(incomingDir(), { recursive: true });
  const written: { file: NodeOnDiskFile; field: string }[] = [];
  const fileHandler = unstable_createFileUploadHandler({
    directory: incomingDir(),
    file: () => crypto.randomBytes(16).toString("hex"),
    maxPartSize: maxBytes,
    avoidFileConflicts: false,
    filter: ({ name, filename }) => PHOTO_FIELD.test(name) && Boolean(filename),
  });
  const handler = unstable_composeUploadHandlers(async (part) => {
    const file = await fileHandler(part);
    if (file instanceof NodeOnDiskFile) written.push({ file, field: part.name });
    return file;
  }, unstable_createMemoryUploadHandler({ maxPartSize: 64_000 }));
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    await discard(written.map(({ file }) => file.getFilePath()));
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: "orders:errors.photoTooLarge", maxBytes };
    throw error;
  }
  if (written.length > MAX_PHOTOS_PER_FORM) {
    await discard(written.map(({ file }) => file.getFilePath()));
    return { ok: false, error: "orders:errors.photosTooMany", maxBytes };
  }
  const stored: string[] = [];
  const byField: Record<string, string[]> = {};
  for (const { file, field } of written) {
    const handle = await fs.open(file.getFilePath(), "r");
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    await handle.close();
    const type = sniffPhotoType(head);
    if (!type) {
      await discard([...written.map((candidate) => candidate.file.getFilePath()), ...stored.map((name) => path.join(getEnv().uploadDir, name))]);
      return { ok: false, error: "orders:errors.photoNotImage", maxBytes };
    }
    const name = `${crypto.randomBytes(16).toString("hex")}.${type.extension}`;
    await fs.rename(file.getFilePath(), path.join(getEnv().uploadDir, name));
    stored.push(name);
    (byField[field] ??= []).push(name);
  }
  return { ok: true, form, photos: stored, byField };
}

/** Photos of a move that was refused: removed, so a refused form leaves nothing on disk. */
export async function discardPhotos(names: string[]) {
  await discard(names.map((name) => photoPath(name)).filter((file): file is string => file !== null));
}

async function discard(files: string[]) {
  await Promise.all(files.map((file) => fs.rm(file, { force: true })));
}

/** A stored photo as a response, for a page that already checked the viewer may see it; 404 when it is gone. */
export async function photoResponse(name: string) {
  const file = photoPath(name);
  const body = file ? await fs.readFile(file).catch(() => null) : null;
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(body, { headers: { "Content-Type": photoContentType(name), "Cache-Control": "private, max-age=86400, immutable", "X-Content-Type-Options": "nosniff" } });
}
