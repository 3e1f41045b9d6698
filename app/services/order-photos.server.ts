import crypto from "node:crypto";
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { MAX_PHOTOS_PER_FORM, sniffPhotoType, STORED_PHOTO_NAME } from "~/domain/orders/photos";
import { getEnv } from "~/utils/env.server";
import { checkedForm, formKind, readForm, refusal } from "~/utils/request-form.server";
import { fileStorage } from "./storage/storage.server";

// Every uploaded photo (warehouse, purchase receipt, price-check screenshot, return evidence and
// inspection) comes through here: read with a size cap per file, checked on its bytes, and stored under
// a random name of ours through the one file storage (local disk or the database, STORAGE_DRIVER).
// The checks are made here, once, in front of either driver. A form that fails anywhere stores nothing.

export type PhotoFormOutcome =
  /** `photos`: every stored photo; `byField`: per file field (photos, photos-0, photos-1…). */
  { ok: true; form: FormData; photos: string[]; byField: Record<string, string[]> } | { ok: false; error: PhotoError; maxBytes: number };

type PhotoError = "orders:errors.photoTooLarge" | "orders:errors.photoNotImage" | "orders:errors.photosTooMany";

/** The HTTP status of a photo form refused by parsePhotoForm: too large is 413, anything else 400. */
export const photoFormStatus = (error: PhotoError) => (error === "orders:errors.photoTooLarge" ? 413 : 400);

// One field for a move's photos, numbered fields for per-unit photos (a return's inspection).
const PHOTO_FIELD = /^photos(?:-\d{1,3})?$/;

class TooManyPhotos extends Error {}

type Checked = { ok: true; name: string; type: string } | { ok: false; error: PhotoError };

/** The one check in front of storage: at most UPLOAD_MAX_BYTES, and JPEG, PNG or WebP by its bytes. */
function checkPhoto(bytes: Uint8Array): Checked {
  if (bytes.byteLength > getEnv().UPLOAD_MAX_BYTES) return { ok: false, error: "orders:errors.photoTooLarge" };
  const type = sniffPhotoType(bytes.subarray(0, 16));
  if (!type) return { ok: false, error: "orders:errors.photoNotImage" };
  return { ok: true, name: `${crypto.randomBytes(16).toString("hex")}.${type.extension}`, type: type.type };
}

/** Checks and stores one photo; its stored name, or why it was refused. For callers that have the bytes. */
export async function storePhoto(bytes: Uint8Array): Promise<{ ok: true; name: string } | { ok: false; error: PhotoError }> {
  const checked = checkPhoto(bytes);
  if (!checked.ok) return checked;
  await fileStorage().put(checked.name, bytes, checked.type);
  return { ok: true, name: checked.name };
}

/** Parses a form that may carry `photos` files; other fields stay as they are. */
export async function parsePhotoForm(request: Request): Promise<PhotoFormOutcome> {
  const maxBytes = getEnv().UPLOAD_MAX_BYTES;
  if (formKind(request) !== "multipart") return { ok: true, form: await readForm(request), photos: [], byField: {} };
  const received: { field: string; bytes: Uint8Array }[] = [];
  // Photos are read into memory (the request guard caps the whole body at MAX_PHOTOS_PER_FORM photos),
  // so no driver needs a scratch directory: with the database driver nothing touches the local disk.
  const photoHandler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (!PHOTO_FIELD.test(name) || !filename) return undefined;
    if (received.length >= MAX_PHOTOS_PER_FORM) throw new TooManyPhotos();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new MaxPartSizeExceededError(name, maxBytes);
      chunks.push(chunk);
    }
    received.push({ field: name, bytes: Buffer.concat(chunks) });
    // The form keeps an empty placeholder: callers use the stored names, never the uploaded file.
    return new File([], filename, { type: contentType });
  };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(photoHandler, unstable_createMemoryUploadHandler({ maxPartSize: 64_000 })),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: "orders:errors.photoTooLarge", maxBytes };
    if (error instanceof TooManyPhotos) return { ok: false, error: "orders:errors.photosTooMany", maxBytes };
    // Only reading happens in here: anything else is a body cut short or not multipart inside.
    throw refusal(400, "brokenForm");
  }
  checkedForm(form);
  // Every photo is checked before any is stored, so a refused form leaves nothing behind.
  const checked = received.map((photo) => ({ ...photo, check: checkPhoto(photo.bytes) }));
  const refused = checked.find((photo) => !photo.check.ok);
  if (refused && !refused.check.ok) return { ok: false, error: refused.check.error, maxBytes };
  const stored: string[] = [];
  const byField: Record<string, string[]> = {};
  try {
    for (const { field, bytes, check } of checked) {
      if (!check.ok) continue;
      await fileStorage().put(check.name, bytes, check.type);
      stored.push(check.name);
      (byField[field] ??= []).push(check.name);
    }
  } catch (error) {
    await discardPhotos(stored);
    throw error;
  }
  return { ok: true, form, photos: stored, byField };
}

/** Photos of a move that was refused: removed, so a refused form leaves nothing stored. */
export async function discardPhotos(names: string[]) {
  const ours = names.filter((name) => STORED_PHOTO_NAME.test(name));
  if (ours.length > 0) await fileStorage().delete(ours);
}

/** A stored photo as a response, for a page that already checked the viewer may see it; 404 when it is gone. */
export async function photoResponse(name: string) {
  const file = STORED_PHOTO_NAME.test(name) ? await fileStorage().get(name) : null;
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      // Private: a photo is shown only to those who may see its order; immutable: a name is never reused.
      "Cache-Control": "private, max-age=86400, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
