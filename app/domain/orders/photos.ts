// Warehouse photos: what an upload must be. Checked on the bytes, not on the name or the browser's word.

export const MAX_PHOTOS_PER_FORM = 6;

export const PHOTO_TYPES = [
  { type: "image/jpeg", extension: "jpg", magic: [0xff, 0xd8, 0xff] },
  { type: "image/png", extension: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // RIFF....WEBP: bytes 8-11 are checked separately.
  { type: "image/webp", extension: "webp", magic: [0x52, 0x49, 0x46, 0x46] },
] as const;

export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The image type the first bytes say, or null for anything else (a PDF, a script, an HTML page). */
export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  for (const candidate of PHOTO_TYPES) {
    if (head.length < candidate.magic.length) continue;
    if (!candidate.magic.every((byte, index) => head[index] === byte)) continue;
    if (candidate.extension === "webp" && String.fromCharCode(...head.slice(8, 12)) !== "WEBP") continue;
    return candidate;
  }
  return null;
}

/** Stored names are ours (random hex + extension), never the uploader's: nothing else is served. */
export const STORED_PHOTO_NAME = /^[a-f0-9]{32}\.(?:jpg|png|webp)$/;
